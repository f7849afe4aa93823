import Papa from 'papaparse'

/**
 * Cutting a CSV text in two at a record boundary, so that two threads can read the halves at
 * once (csv-merge.ts joins what they read). The cut is after a line feed that is outside quotes
 * by quote parity; parity can be fooled only by a malformed file (a stray quote inside an
 * unquoted cell), and then the first half ends inside an open quote, which the reader reports
 * (`endsInOpenQuote`) so that the caller reads the whole text in one piece instead.
 */

/** papaparse guesses a text's line break from this many characters at its start. */
const GUESS_CHARS = 1024 * 1024

/** Where to cut `text`: the header line, and the start of the second half. */
export interface CsvCut {
  /** The header record, with its line break: the second half is read after it. */
  readonly head: string
  /** Index in `text` where the second half starts (just after a line feed). */
  readonly at: number
  /**
   * The line break a reader of the whole text would take (papaparse guesses it from the text's
   * first megabyte): both halves must be read with it, or a file that mixes line breaks would
   * be read differently in halves.
   */
  readonly newline: '\n' | '\r\n'
}

/** End of the record that starts at `from` (index after its line feed), honouring quotes; -1 when none. */
function recordEnd(text: string, from: number, quoted: boolean): { end: number; quoted: boolean } {
  let inQuotes = quoted
  let i = from
  for (;;) {
    const lf = text.indexOf('\n', i)
    if (lf === -1) return { end: -1, quoted: inQuotes }
    for (let q = text.indexOf('"', i); q !== -1 && q < lf; q = text.indexOf('"', q + 1)) inQuotes = !inQuotes
    if (!inQuotes) return { end: lf + 1, quoted: false }
    i = lf + 1
  }
}

/**
 * A cut of `text` (byte-order mark already removed) near its middle, or null when the text is
 * shorter than `minChars`, has a single record, or does not break lines with a line feed.
 */
export function cutCsvInTwo(text: string, minChars: number): CsvCut | null {
  if (text.length < minChars) return null
  const newline = Papa.parse<string[]>(text.slice(0, GUESS_CHARS), { preview: 1 }).meta.linebreak
  if (newline !== '\n' && newline !== '\r\n') return null
  const header = recordEnd(text, 0, false)
  if (header.end === -1) return null
  // Quote parity from the end of the header up to the middle.
  const middle = Math.max(header.end, text.length >> 1)
  let quoted = false
  for (let q = text.indexOf('"', header.end); q !== -1 && q < middle; q = text.indexOf('"', q + 1)) quoted = !quoted
  const cut = recordEnd(text, middle, quoted)
  if (cut.end === -1 || cut.end >= text.length) return null
  return { head: text.slice(0, header.end), at: cut.end, newline }
}
