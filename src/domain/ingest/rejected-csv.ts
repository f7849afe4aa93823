import { csvTextCell } from '../csv-formula-guard.ts'
import type { ImportIssue } from '../model.ts'

/** Rows of text cells as CSV (RFC 4180, CRLF), each cell written as every CSV export writes it. */
function csvOf(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map(csvTextCell).join(',')).join('\r\n')
}

/** The reasons for each row, `field: message; field: message`. */
function reasonsByRow(issues: readonly ImportIssue[]): Map<number, string> {
  const out = new Map<number, string>()
  for (const { row, field, message } of issues) {
    const text = `${field}: ${message}`
    const before = out.get(row)
    out.set(row, before ? `${before}; ${text}` : text)
  }
  return out
}

/**
 * The rejected rows of a CSV import as CSV: the original header and cells plus `row` and
 * `rejected because` columns, so a person can fix the rows and import them again. Formula
 * starters are neutralised wherever a spreadsheet may start a cell (csv-formula-guard.ts). '' when none.
 */
export function rejectedRowsCsv(
  headers: readonly string[],
  rows: readonly number[],
  cells: readonly (readonly string[])[],
  issues: readonly ImportIssue[],
): string {
  if (rows.length === 0) return ''
  const why = reasonsByRow(issues)
  const data = rows.map((row, i) => [String(row), why.get(row) ?? '', ...(cells[i] ?? [])])
  return csvOf([['row', 'rejected because', ...headers], ...data])
}

/** The rejected records of a non-CSV import as CSV: one line per issue (row, field, reason). */
export function rejectedIssuesCsv(issues: readonly ImportIssue[]): string {
  if (issues.length === 0) return ''
  const data = issues.map(({ row, field, message }) => [String(row), field, message])
  return csvOf([['row', 'field', 'rejected because'], ...data])
}
