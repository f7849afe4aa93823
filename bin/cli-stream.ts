/**
 * `validate` of a large native CSV file as a stream: read in 4 MB chunks, decoded as it goes,
 * validated piece by piece (src/domain/ingest/csv-stream.ts), so memory stays bounded whatever
 * the file's size (ids are kept as 8-byte hashes; a second pass names duplicates' first rows).
 * Progress goes to stderr when asked (or when stderr is a terminal).
 */
import { CsvFirstRows, CsvStreamValidator, STREAM_PIECE_CHARS } from '../src/domain/ingest/csv-stream.ts'
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
function progressWriter(file: string, size: number, doing: string, tty: boolean): (bytes: number) => void {
  let lastTenth = -1
  return (bytes) => {
    const fraction = size > 0 ? bytes / size : 1
    const line = `watchfloor: ${doing} ${file}: ${Math.floor(fraction * 100)}% (${megabytes(bytes)} of ${megabytes(size)})`
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

/** Feeds `file`'s text to `onText` as it is read, decoded (UTF-8, or UTF-16 by its byte-order mark). */
function feedFile(file: string, onText: (text: string) => void, onBytes: (bytes: number) => void = () => {}): void {
  let decoding: { decoder: TextDecoder; skip: number } | null = null
  let bytes = 0
  readChunks(file, CHUNK_BYTES, (chunk) => {
    decoding ??= decoderFor(chunk)
    onText(decoding.decoder.decode(chunk.subarray(decoding.skip), { stream: true }))
    decoding.skip = 0
    bytes += chunk.byteLength
    onBytes(bytes)
  })
  if (decoding) onText((decoding as { decoder: TextDecoder }).decoder.decode())
}

/**
 * Validates a native CSV file as a stream; `progress` writes progress to stderr. When ids repeat
 * across pieces, the file is read a second time to name the row each was first in.
 */
export function validateCsvStream(file: string, size: number, progress: boolean, tty = process.stderr.isTTY === true): Validation {
  const validator = new CsvStreamValidator(STREAM_PIECE_CHARS, size)
  feedFile(file, (text) => validator.push(text), progress ? progressWriter(file, size, 'validating', tty) : undefined)
  const result = validator.finish()
  if ('ok' in result) throw new CliError(`${file}: ${oneLine(result.reason)}`)
  const ids = validator.idsToLocate
  if (ids.size === 0) return { ...result, merged: 0 }
  const finder = new CsvFirstRows(ids)
  feedFile(file, (text) => finder.push(text), progress ? progressWriter(file, size, 'finding the first rows of duplicate ids in', tty) : undefined)
  return { ...validator.withFirstRows(result, finder.finish()), merged: 0 }
}
