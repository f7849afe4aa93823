/**
 * Format detection by content: what a dropped file, a `?data=` URL or a CLI argument holds.
 * The file name is only a hint for a delimited table whose header names no known format.
 */
import { looksLikeGdeltMentions } from './gdelt-mentions.ts'

/** The input formats Watchfloor reads. */
export type ImportFormat = 'json' | 'csv' | 'acled' | 'gdelt' | 'stix' | 'article'

export const IMPORT_FORMATS: readonly ImportFormat[] = ['json', 'csv', 'acled', 'gdelt', 'stix', 'article']

/** How a format is named to people ("the ACLED importer …"). */
export const FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  json: 'Watchfloor dataset JSON',
  csv: 'CSV',
  acled: 'ACLED',
  gdelt: 'GDELT',
  stix: 'STIX 2.1',
  article: 'article text',
}

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value)
}

/** Larger JSON documents are recognised from their head and tail rather than parsed twice. */
const FULL_PARSE_LIMIT = 16 * 1024 * 1024
const PEEK_CHARS = 64 * 1024
const SAMPLE_CHARS = 8 * 1024
/** GDELT 1.0 daily files (57 columns), 1.0 with SOURCEURL (58) and 2.0 events (61). */
const GDELT_COLUMN_COUNTS = new Set([57, 58, 61])

function hasKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
}

function formatOfJsonValue(doc: unknown): ImportFormat | null {
  if (Array.isArray(doc)) {
    const first: unknown = doc[0]
    if (hasKey(first, 'spec_version') || (hasKey(first, 'type') && hasKey(first, 'created'))) return 'stix'
    if (doc.length === 0 || (hasKey(first, 'id') && hasKey(first, 'date'))) return 'json'
    return null
  }
  if (typeof doc !== 'object' || doc === null) return null
  const type = (doc as { type?: unknown }).type
  if (typeof type === 'string' && type.toLowerCase() === 'bundle') return 'stix'
  if (hasKey(doc, 'schemaVersion') || Array.isArray((doc as { events?: unknown }).events)) return 'json'
  return null
}

/** For JSON that does not parse (truncated) or is too large to parse twice: look for markers. */
function formatOfJsonText(text: string): ImportFormat | null {
  const ends = text.length > 2 * PEEK_CHARS ? text.slice(0, PEEK_CHARS) + text.slice(-PEEK_CHARS) : text
  if (/"type"\s*:\s*"bundle"/i.test(ends) || /"id"\s*:\s*"bundle--/.test(ends)) return 'stix'
  if (/"schemaVersion"\s*:/.test(ends) || /"events"\s*:\s*\[/.test(ends)) return 'json'
  if (/"spec_version"\s*:/.test(ends)) return 'stix'
  // Text that opens like JSON is meant as JSON; the reader then says exactly where it breaks.
  return text.length > FULL_PARSE_LIMIT ? null : 'json'
}

function looksBinary(sample: string): boolean {
  let odd = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if (code === 0) return true
    const control = code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13
    if (control || code === 0xfffd) odd++
  }
  return odd > sample.length * 0.05
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = []
  let start = 0
  while (lines.length < count && start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, end).replace(/\r$/, '')
    if (line.trim().length > 0) lines.push(line)
    start = end + 1
  }
  return lines
}

function countOf(line: string, ch: string): number {
  let n = 0
  for (let i = line.indexOf(ch); i !== -1; i = line.indexOf(ch, i + 1)) n++
  return n
}

function headerCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase())
}

/** The delimiter of a table: the same count of it on every one of the first lines. */
function tableDelimiter(lines: readonly string[]): string | null {
  if (lines.length < 2) return null
  for (const [delimiter, min] of [['\t', 1], [',', 2], [';', 2]] as const) {
    const n = countOf(lines[0] ?? '', delimiter)
    if (n >= min && lines.every((line) => countOf(line, delimiter) === n)) return delimiter
  }
  return null
}

function looksLikeProse(sample: string): boolean {
  const words = sample.match(/\p{L}{2,}/gu)?.length ?? 0
  const letters = sample.match(/\p{L}/gu)?.length ?? 0
  const visible = sample.replace(/\s/g, '').length
  return words >= 5 && letters >= visible * 0.6
}

/**
 * Says which format `text` is in, from its content:
 * - a JSON object with `schemaVersion` or an `events` array (or a bare array of events) → 'json'
 * - a JSON object with `"type": "bundle"` → 'stix'
 * - text that opens like JSON but does not parse → 'json' or 'stix' by its markers, so the
 *   reader can say where it breaks
 * - tab-separated rows of 57, 58 or 61 columns with a numeric first column → 'gdelt', and a
 *   GDELT 2.0 mentions table (16 columns), which the GDELT reader joins to its events
 * - a header with `event_id_cnty` or `event_date` → 'acled'
 * - a comma, semicolon or tab header with `id`, `title` and `date` → 'csv'
 * - other text that reads as sentences → 'article'
 * Returns null for empty, binary or unrecognised input (a table with an unknown header is 'csv'
 * only when `fileName` ends in .csv or .tsv, so the CSV reader can name the missing columns).
 */
export function detectFormat(text: string, fileName?: string): ImportFormat | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const start = body.search(/\S/)
  if (start === -1) return null
  const sample = body.slice(start, start + SAMPLE_CHARS)
  if (looksBinary(sample)) return null

  if (sample[0] === '{' || sample[0] === '[') {
    if (body.length <= FULL_PARSE_LIMIT) {
      try {
        return formatOfJsonValue(JSON.parse(body))
      } catch {
        return formatOfJsonText(body)
      }
    }
    return formatOfJsonText(body)
  }

  const lines = firstLines(sample, 6)
  // The last sampled line may be cut short; judge the table shape on whole lines.
  const whole = sample.length === SAMPLE_CHARS && lines.length > 2 ? lines.slice(0, -1) : lines
  const header = whole[0] ?? ''
  const tabs = header.split('\t')
  if (GDELT_COLUMN_COUNTS.has(tabs.length) && /^\d+$/.test(tabs[0]?.trim() ?? '')) return 'gdelt'
  if (looksLikeGdeltMentions(header)) return 'gdelt'

  for (const delimiter of ['\t', ',', ';']) {
    const cells = headerCells(header, delimiter)
    if (cells.length < 3) continue
    if (cells.includes('event_id_cnty') || cells.includes('event_date')) return 'acled'
    if (cells.includes('id') && cells.includes('title') && cells.includes('date')) return 'csv'
  }

  if (tableDelimiter(whole) !== null) return /\.(csv|tsv)$/i.test(fileName ?? '') ? 'csv' : null
  return looksLikeProse(sample) ? 'article' : null
}
