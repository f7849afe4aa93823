/** Reading input files with the domain's readers, for the commands. */
import { readFileSync } from 'node:fs'
import { DATE_ORDERS, isDateOrder, type DateOrder } from '../src/domain/ingest/date-order.ts'
import { IMPORT_FORMATS, isImportFormat, type ImportFormat } from '../src/domain/ingest/detect.ts'
import { readMany } from '../src/domain/ingest/read-many.ts'
import type { ImportResult } from '../src/domain/model.ts'
import { CliError, oneLine, UsageError } from './cli-core.ts'
import { isParquet } from '../src/domain/ingest/parquet-magic.ts'
import { fileSize, readHead, readInput } from './cli-io.ts'

export const FORMAT_CHOICES = `auto|${IMPORT_FORMATS.join('|')}`

export function parseFormat(value: unknown): ImportFormat | 'auto' {
  if (value === undefined || value === 'auto') return 'auto'
  if (typeof value === 'string' && isImportFormat(value)) return value
  throw new UsageError(`unknown format "${String(value)}" (expected ${FORMAT_CHOICES})`)
}

/** `--date-order dmy|mdy`: the order of a CSV's dates with slashes; undefined (detected) when not given. */
export function parseDateOrder(value: unknown): DateOrder | undefined {
  if (value === undefined) return undefined
  if (isDateOrder(value)) return value
  throw new UsageError(`unknown date order "${String(value)}" (expected ${DATE_ORDERS.join('|')})`)
}

/** True when any of `files` is a Parquet file (it must be read with readFilesAsync). */
export function anyParquet(files: readonly string[]): boolean {
  return files.some((file) => {
    fileSize(file)
    return isParquet(readHead(file, 4))
  })
}

/** Reads `files` as one dataset, Parquet files among them turned into text first. */
export async function readFilesAsync(files: readonly string[], format: ImportFormat | 'auto', dedupe: boolean, dateOrder?: DateOrder): Promise<ImportResult> {
  const { parquetToText } = await import('../src/domain/ingest/parquet-read.ts')
  const inputs: { text: string; fileName: string }[] = []
  for (const file of files) {
    const head = readHead(file, 4)
    if (!isParquet(head)) {
      inputs.push({ text: readInput(file), fileName: file })
      continue
    }
    const bytes = readFileSync(file)
    const out = await parquetToText(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    if (!out.ok) throw new CliError(`${file}: ${oneLine(out.reason)}`)
    inputs.push({ text: out.text, fileName: file })
  }
  const outcome = readMany(inputs, { format, now: Date.now(), ...(dedupe ? { dedupe } : {}), ...(dateOrder ? { dateOrder } : {}) })
  if (!outcome.ok) throw new CliError(`${files.join(', ')}: ${oneLine(outcome.reason)}`)
  return outcome.result
}

/** Reads `files` as one dataset (one file, GDELT events with mentions, ACLED exports of one dataset). */
export function readFiles(files: readonly string[], format: ImportFormat | 'auto', dedupe: boolean, dateOrder?: DateOrder): ImportResult {
  const inputs = files.map((file) => ({ text: readInput(file), fileName: file }))
  const outcome = readMany(inputs, { format, now: Date.now(), ...(dedupe ? { dedupe } : {}), ...(dateOrder ? { dateOrder } : {}) })
  if (!outcome.ok) throw new CliError(`${files.join(', ')}: ${oneLine(outcome.reason)}`)
  return outcome.result
}
