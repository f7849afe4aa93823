/**
 * Formula guarding and quoting for CSV text cells, shared by the CSV writer (export/csv.ts) and the CSV
 * reader, so that what is guarded on the way out reads back as it was.
 *
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula
 * (OWASP, "CSV Injection"). A cell starts not only at the start of our cell: a spreadsheet
 * whose list separator is `;` (or that ignores quotes) starts a new cell after any `,` `;` `|`,
 * tab or line break inside it. Some also read the fullwidth forms ＝ ＋ － ＠ as their ASCII
 * twins. So at the start of the text and after each such separator (and any spaces after it),
 * a formula starter gets an apostrophe before it, which spreadsheets show as text.
 *
 * To keep it reversible, an apostrophe run that already stands before a starter there gets one
 * more apostrophe; the reader takes one away at the same places (`unguardFormulas`).
 */

/** Characters after which a spreadsheet may start a new cell. */
const SEPARATORS = new Set([',', ';', '|', '\t', '\r', '\n'])

/** Characters that make a cell a formula, ASCII and fullwidth. */
const STARTERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20'])

/** Index of the first character at or after `i` that is not `char`. */
function skip(text: string, i: number, char: string): number {
  while (i < text.length && text[i] === char) i++
  return i
}

/** The places where a spreadsheet may start a cell: the start of the text and after each separator, past any spaces; ascending. */
function cellStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (SEPARATORS.has(text[i]!)) starts.push(i + 1)
  return starts.map((start) => skip(text, start, ' '))
}

/** True when the text at `i` is a formula starter, or apostrophes followed by one. */
function guardedAt(text: string, i: number): boolean {
  const after = skip(text, i, "'")
  return after < text.length && STARTERS.has(text[after]!)
}

/** Quick test: can this text hold anything to guard? (Most cells cannot.) */
function mayNeedGuard(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (STARTERS.has(text[i]!)) return true
  return false
}

/**
 * The text with an apostrophe before every formula starter at a place where a spreadsheet may
 * start a cell (see the module comment). `x;=1+1` → `x;'=1+1`; `-5 °C` → `'-5 °C`.
 * Numbers written as numbers must not go through this (-12.5 is a number, not a formula).
 */
export function guardFormulas(text: string): string {
  if (!mayNeedGuard(text)) return text
  let out = ''
  let from = 0
  for (const start of cellStarts(text)) {
    if (start < from || !guardedAt(text, start)) continue
    out += `${text.slice(from, start)}'`
    from = start
  }
  return out + text.slice(from)
}

/** The inverse of `guardFormulas`: removes the apostrophe it added. Text it did not write is left as it is. */
export function unguardFormulas(text: string): string {
  if (text.indexOf("'") === -1) return text
  let out = ''
  let from = 0
  for (const start of cellStarts(text)) {
    if (start < from || text[start] !== "'" || !guardedAt(text, start + 1)) continue
    out += text.slice(from, start)
    from = start + 1
  }
  return out + text.slice(from)
}

/** Characters that make a cell need quotes: our delimiter, the others spreadsheets split on, quotes and line breaks. */
const NEEDS_QUOTES = /[,;|\t"\r\n]/

/**
 * A text cell as every CSV export writes it: formula starters guarded (`guardFormulas`), then
 * quoted when it holds a separator, a quote or a line break (RFC 4180: a quote inside is doubled).
 */
export function csvTextCell(text: string | undefined): string {
  const guarded = guardFormulas(text ?? '')
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}
