/**
 * The `watchfloor` command line: validate and convert dataset files with the same domain code
 * the app runs. Exit 0 when the input was read (even with rejected rows), 2 when it could not be
 * read, its format is unknown or the arguments are wrong; failures print one line to stderr.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { serialiseDataset } from '../src/domain/export/dataset-json.ts'
import { FORMAT_LABELS, IMPORT_FORMATS, isImportFormat, type ImportFormat } from '../src/domain/ingest/detect.ts'
import { readMany } from '../src/domain/ingest/read-many.ts'
import { suggestDuplicates, type DuplicateSuggestion } from '../src/domain/ingest/near-duplicates.ts'
import type { ImportIssue, ImportResult } from '../src/domain/model.ts'

export const EXIT_OK = 0
export const EXIT_FAILED = 2

const FORMAT_CHOICES = `auto|${IMPORT_FORMATS.join('|')}`
const USAGE = `usage: watchfloor validate FILE [--format ${FORMAT_CHOICES}] [--json] | watchfloor convert FILE -o OUT.json [--format ${FORMAT_CHOICES}] | watchfloor --help`

const HELP = `watchfloor: check and convert Watchfloor threat-event data

Usage:
  watchfloor validate FILE [--format FORMAT] [--json]
  watchfloor convert FILE -o OUT.json [--format FORMAT]
  watchfloor --help

Commands:
  validate   Read FILE and report how many events were accepted and rejected, and why.
             With --json, print one JSON object:
             { format, total, accepted, rejected, merged, rows,
               issues: [{ row, field, message, severity: "error" | "warning" }] }
             rows (records read) = accepted + rejected + merged (records folded
             into another record's event, such as ACLED monadic rows).
  convert    Read FILE and write the accepted events as a dataset v1 JSON file.

Options:
  -f, --format FORMAT  ${FORMAT_CHOICES} (default auto: detected from the content)
      --json           validate: print the report as one JSON object
  -o, --out FILE       convert: where to write the dataset
  -h, --help           show this help

Exit status: 0 when FILE was read (even with rejected rows); 2 when it could not be read,
its format is unknown, or the arguments are wrong (one line on stderr says why).
`

/** A failure the user can act on: reported as one line, exit 2. */
class CliError extends Error {}

class UsageError extends CliError {}

const MAX_ISSUE_GROUPS = 20
const MAX_ROWS_SHOWN = 10

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

function describeFsError(error: unknown, file: string, doing: 'read' | 'write'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return doing === 'read' ? `cannot read ${file}: no such file` : `cannot write ${file}: its folder does not exist`
    case 'EISDIR':
      return `cannot ${doing} ${file}: it is a directory`
    case 'EACCES':
    case 'EPERM':
      return `cannot ${doing} ${file}: permission denied`
    default:
      return `cannot ${doing} ${file}: ${error instanceof Error ? oneLine(error.message) : String(error)}`
  }
}

/** Decodes a file's bytes: UTF-8 (bad bytes become U+FFFD) unless a UTF-16 byte-order mark says otherwise. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes)
}

function readInput(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new CliError(`cannot read ${file}: it is a directory`)
    return decode(readFileSync(file))
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(describeFsError(error, file, 'read'))
  }
}

function parseFormat(value: string | undefined): ImportFormat | 'auto' {
  if (value === undefined || value === 'auto') return 'auto'
  if (isImportFormat(value)) return value
  throw new UsageError(`unknown format "${value}" (expected ${FORMAT_CHOICES})`)
}

function readFiles(files: readonly string[], format: ImportFormat | 'auto', dedupe: boolean): ImportResult {
  const inputs = files.map((file) => ({ text: readInput(file), fileName: file }))
  const outcome = readMany(inputs, { format, now: Date.now(), ...(dedupe ? { dedupe } : {}) })
  if (!outcome.ok) throw new CliError(`${files.join(', ')}: ${oneLine(outcome.reason)}`)
  return outcome.result
}

function formatLabel(format: string): string {
  return isImportFormat(format) ? `${FORMAT_LABELS[format]} (${format})` : format
}

interface IssueGroup {
  readonly field: string
  readonly message: string
  readonly rows: number[]
}

function groupIssues(issues: readonly ImportIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>()
  for (const issue of issues) {
    const key = `${issue.field}\u0000${issue.message}`
    let group = groups.get(key)
    if (!group) {
      group = { field: issue.field, message: issue.message, rows: [] }
      groups.set(key, group)
    }
    if (group.rows.at(-1) !== issue.row) group.rows.push(issue.row)
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length)
}

function describeGroups(title: string, issues: readonly ImportIssue[]): string[] {
  if (issues.length === 0) return []
  const groups = groupIssues(issues)
  const lines = [`${title} (${issues.length}):`]
  for (const group of groups.slice(0, MAX_ISSUE_GROUPS)) {
    const shown = group.rows.slice(0, MAX_ROWS_SHOWN).join(', ')
    const more = group.rows.length > MAX_ROWS_SHOWN ? ` and ${group.rows.length - MAX_ROWS_SHOWN} more` : ''
    const noun = group.rows.length === 1 ? 'row' : 'rows'
    lines.push(`  ${group.field}: ${oneLine(group.message)} (${noun} ${shown}${more})`)
  }
  if (groups.length > MAX_ISSUE_GROUPS) lines.push(`  … and ${groups.length - MAX_ISSUE_GROUPS} more kinds`)
  return lines
}

function describeSuggestions(found: readonly DuplicateSuggestion[]): string[] {
  if (found.length === 0) return []
  const lines = [`possible duplicates to review, not merged (${found.length}; same date, place and actors, near-identical titles):`]
  for (const group of found.slice(0, MAX_ISSUE_GROUPS)) lines.push(`  ${group.ids.join(', ')}: ${oneLine(group.titles[0] ?? '')}`)
  if (found.length > MAX_ISSUE_GROUPS) lines.push(`  … and ${found.length - MAX_ISSUE_GROUPS} more`)
  return lines
}

function validateReport(file: string, result: ImportResult): string {
  const accepted = result.dataset.events.length
  return [
    `${file}: ${formatLabel(result.format)}`,
    `  total     ${result.total}`,
    `  accepted  ${accepted}`,
    `  rejected  ${result.rejected}`,
    ...(result.merged > 0 ? [`  merged    ${result.merged}`] : []),
    `  rows      ${result.total + result.merged} (= accepted + rejected + merged)`,
    ...describeGroups('issues', result.issues),
    ...describeGroups('warnings (rows kept)', result.warnings),
    ...(result.notes ?? []).map((note) => `  ${note}`),
    ...describeSuggestions(suggestDuplicates(result.dataset.events)),
  ].join('\n')
}

/**
 * The `--json` report: the contract automation relies on, so exactly these keys. `rows` counts
 * the records read: rows = accepted + rejected + merged. `issues` lists the errors (rows
 * rejected, severity "error") and then the warnings (rows kept, severity "warning").
 */
function validateJson(result: ImportResult): string {
  return JSON.stringify({
    format: result.format,
    total: result.total,
    accepted: result.dataset.events.length,
    rejected: result.rejected,
    merged: result.merged,
    rows: result.total + result.merged,
    ...(result.notes ? { notes: result.notes } : {}),
    issues: [
      ...result.issues.map(({ row, field, message }) => ({ row, field, message, severity: 'error' })),
      ...result.warnings.map(({ row, field, message }) => ({ row, field, message, severity: 'warning' })),
    ],
  })
}

function writeOutput(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temp, text)
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw new CliError(describeFsError(error, file, 'write'))
  }
}

function write(stream: NodeJS.WriteStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`)
}

function parseArgv(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        json: { type: 'boolean' },
        dedupe: { type: 'boolean' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

function run(argv: readonly string[]): number {
  const { values, positionals } = parseArgv(argv)
  if (values.help || positionals[0] === 'help') {
    write(process.stdout, HELP)
    return EXIT_OK
  }
  const [command, ...files] = positionals
  if (command === undefined) throw new UsageError('no command given')
  if (command !== 'validate' && command !== 'convert') throw new UsageError(`unknown command "${command}"`)
  if (files.length === 0) throw new UsageError(`${command} needs a FILE`)
  const format = parseFormat(values.format)
  const dedupe = values.dedupe === true
  const file = files.join(', ')

  if (command === 'validate') {
    if (values.out !== undefined) throw new UsageError('validate does not write a file; use convert -o OUT.json')
    const result = readFiles(files, format, dedupe)
    write(process.stdout, values.json ? validateJson(result) : validateReport(file, result))
    return EXIT_OK
  }

  if (values.json) throw new UsageError('--json applies to validate only')
  if (values.out === undefined || values.out === '') throw new UsageError('convert needs -o OUT.json')
  const result = readFiles(files, format, dedupe)
  writeOutput(values.out, serialiseDataset(result.dataset))
  const accepted = result.dataset.events.length
  write(
    process.stdout,
    `wrote ${values.out}: ${accepted} events from ${formatLabel(result.format)} (${result.rejected} of ${result.total} rejected)`,
  )
  return EXIT_OK
}

/**
 * Runs the command line with `argv` (without node and the script) and returns the exit code.
 * Never throws: every failure becomes one `watchfloor: …` line on stderr and exit 2.
 */
export function main(argv: readonly string[]): number {
  try {
    return run(argv)
  } catch (error) {
    const reason = error instanceof Error ? oneLine(error.message) : oneLine(String(error))
    const detail = error instanceof UsageError ? ` (${USAGE})` : error instanceof CliError ? '' : ' (internal error)'
    write(process.stderr, `watchfloor: ${reason}${detail}`)
    return EXIT_FAILED
  }
}
