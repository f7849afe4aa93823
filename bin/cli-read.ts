/** Reading input files with the domain's readers, for the commands. */
import { IMPORT_FORMATS, isImportFormat, type ImportFormat } from '../src/domain/ingest/detect.ts'
import { readMany } from '../src/domain/ingest/read-many.ts'
import type { ImportResult } from '../src/domain/model.ts'
import { CliError, oneLine, UsageError } from './cli-core.ts'
import { readInput } from './cli-io.ts'

export const FORMAT_CHOICES = `auto|${IMPORT_FORMATS.join('|')}`

export function parseFormat(value: unknown): ImportFormat | 'auto' {
  if (value === undefined || value === 'auto') return 'auto'
  if (typeof value === 'string' && isImportFormat(value)) return value
  throw new UsageError(`unknown format "${String(value)}" (expected ${FORMAT_CHOICES})`)
}

/** Reads `files` as one dataset (one file, GDELT events with mentions, ACLED exports of one dataset). */
export function readFiles(files: readonly string[], format: ImportFormat | 'auto', dedupe: boolean): ImportResult {
  const inputs = files.map((file) => ({ text: readInput(file), fileName: file }))
  const outcome = readMany(inputs, { format, now: Date.now(), ...(dedupe ? { dedupe } : {}) })
  if (!outcome.ok) throw new CliError(`${files.join(', ')}: ${oneLine(outcome.reason)}`)
  return outcome.result
}
