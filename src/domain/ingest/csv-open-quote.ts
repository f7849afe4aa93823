import Papa from 'papaparse'
import type { ImportIssue } from '../model.ts'

/**
 * A quote that opens a cell and never closes where the cell ends swallows the rows after it
 * into that cell: the CSV parser reads on to the next quote, or to the end of the file. Both
 * CSV readers (csv.ts, csv-columns.ts) report such a record with its row, reject it, and count
 * each row read into it as a rejected row of its own, so that nothing vanishes without a word.
 */

/** The quote errors of papaparse that mean a quoted cell did not end where it should. */
const QUOTE_ERRORS = new Set(['MissingQuotes', 'InvalidQuotes'])

/**
 * The lines read into an unclosed quote: the lines of `span` (one record's text, as the parser
 * read it) after its first, when the parser reported a quote error for the record. Null when
 * the record has no quote error or is one line (a stray quote that swallowed nothing).
 */
export function linesReadIntoQuote(errors: readonly { readonly code: string }[], span: string): string[] | null {
  if (errors.length === 0 || !errors.some((e) => QUOTE_ERRORS.has(e.code))) return null
  // Blank lines before the record belong to no row.
  const lines = span
    .replace(/^(?:[ \t]*\r?\n)+/, '')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
  const swallowed = lines.slice(1).filter((line) => line.trim() !== '')
  return swallowed.length > 0 ? swallowed : null
}

/** The issue of the row whose quote is never closed, `swallowed` rows having been read into it. */
export function unclosedQuoteIssue(row: number, swallowed: number): ImportIssue {
  const rows = swallowed === 1 ? 'row was' : `${swallowed} rows were`
  return { row, field: 'quote', message: `a quote opened here is never closed; the next ${rows} read into it (close the quote, or double it inside the cell, and import again)` }
}

/** The issue of a row read into the unclosed quote of row `openedRow`. */
export function readIntoQuoteIssue(row: number, openedRow: number): ImportIssue {
  return { row, field: 'quote', message: `read into the quote left open in row ${openedRow}` }
}

/** A swallowed line's cells, for the rejected rows' download. */
export function cellsOfLine(line: string, delimiter: string): string[] {
  return Papa.parse<string[]>(line, { header: false, delimiter }).data[0] ?? [line]
}
