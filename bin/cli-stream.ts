/**
 * `validate` of a large native CSV file as a stream: read in 4 MB chunks, decoded as it goes,
 * validated piece by piece (src/domain/ingest/csv-stream.ts), so memory stays bounded whatever
 * the file's size. Progress goes to stderr when asked (or when stderr is a terminal).
 */
import { CsvStreamValidator, STREAM_PIECE_CHARS } from '../src/domain/ingest/csv-stream.ts'
import { CliError, oneLine } from './cli-core.ts'
import { decoderFor, readChunks } from './cli-io.ts'
import type { Validation } from './cli-report.ts'

const CHUNK_BYTES = 4 * 1024 * 1024

/** Files at least this large are validated as a stream when they are native CSV. */
export const STREAM_MIN_BYTES = 64 * 1024 * 1024

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`
}

/** Writes progress lines: in place on a terminal, every tenth otherwise. */
function progressWriter(file: string, size: number): (bytes: number) => void {
  const tty = process.stderr.isTTY === true
  let lastTenth = -1
  return (bytes) => {
    const fraction = size > 0 ? bytes / size : 1
    const line = `watchfloor: validating ${file}: ${Math.floor(fraction * 100)}% (${megabytes(bytes)} of ${megabytes(size)})`
    if (tty) {
      process.stderr.write(`\r${line}${bytes >= size ? '\n' : ''}`)
      return
    }
    const tenth = Math.floor(fraction * 10)
    if (tenth === lastTenth) return
    lastTenth = tenth
    process.stderr.write(`${line}\n`)
  }
}

/** Validates a native CSV file as a stream; `progress` writes progress to stderr. */
export function validateCsvStream(file: string, size: number, progress: boolean): Validation {
  const validator = new CsvStreamValidator(STREAM_PIECE_CHARS, size)
  const report = progress ? progressWriter(file, size) : null
  let decoding: { decoder: TextDecoder; skip: number } | null = null
  let bytes = 0
  readChunks(file, CHUNK_BYTES, (chunk) => {
    decoding ??= decoderFor(chunk)
    validator.push(decoding.decoder.decode(chunk.subarray(decoding.skip), { stream: true }))
    decoding.skip = 0
    bytes += chunk.byteLength
    report?.(bytes)
  })
  if (decoding) validator.push((decoding as { decoder: TextDecoder }).decoder.decode())
  const result = validator.finish()
  if ('ok' in result) throw new CliError(`${file}: ${oneLine(result.reason)}`)
  return { ...result, merged: 0 }
}
