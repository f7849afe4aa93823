/**
 * Validating a native CSV text too large to hold: it is fed in pieces of any size (the bytes of
 * a file as they are read, decoded), cut at record boundaries into pieces of about
 * `pieceChars` (csv-pieces.ts), and each piece is read after the header with the same reader as
 * the whole (readCsvColumns). Only the counts, the listed issues and the ids seen, as 64-bit
 * hashes (id-hashes.ts: 8 bytes a slot), are kept, so memory stays bounded by the piece size and
 * the ids: a 1 GB file of 8.7 million rows is validated in under 300 MB.
 *
 * It accepts and rejects what readCsvColumns on the whole text would, with the same issues. An id
 * repeated in a later piece is told by its hash; the row where it was first seen is not kept
 * (that would cost half as much again), so when such duplicates are listed, a second pass over
 * the input (CsvFirstRows) finds their first rows for the messages.
 */
import type { ImportIssue } from '../model.ts'
import { readCsvColumns, type CsvColumns } from './csv-columns.ts'
import { CsvPieces } from './csv-pieces.ts'
import { IdHashes } from './id-hashes.ts'

/** Pieces of about this many characters are read at a time (4 M: a few tens of MB while read). */
export const STREAM_PIECE_CHARS = 4 * 1024 * 1024

/** At most this many issues and warnings are listed in all; the rest are counted. */
export const STREAM_MAX_LISTED = 10_000

/** What a streamed validation found: the counts and issues of ImportResult, without the events. */
export interface StreamedReport {
  readonly format: 'csv'
  readonly total: number
  readonly accepted: number
  readonly rejected: number
  readonly issues: readonly ImportIssue[]
  readonly warnings: readonly ImportIssue[]
  /** Issues and warnings found but not listed (over STREAM_MAX_LISTED). */
  readonly unlisted: number
}

export type StreamFailure = { readonly ok: false; readonly reason: string }

/** The message of a duplicate id, as readCsvColumns words it. */
function duplicateMessage(id: string, firstRow: number | undefined): string {
  return `duplicate id "${id}" (first in ${firstRow === undefined ? 'an earlier row' : `row ${firstRow}`})`
}

/**
 * Feeds text in, in order; `finish()` says what was found. A header that names no usable
 * columns fails at the first piece (`failure`), as the whole-text reader would. When
 * `idsToLocate` is not empty after `finish()`, feed the input again to a CsvFirstRows for them and
 * give its answer to `withFirstRows` for the issues to name each duplicate's first row.
 */
export class CsvStreamValidator {
  private rowsBefore = 0
  private total = 0
  private accepted = 0
  private rejected = 0
  private unlisted = 0
  private readonly issues: ImportIssue[] = []
  private readonly warnings: ImportIssue[] = []
  private readonly seen = new IdHashes()
  /** Listed duplicate issues whose first row is not known yet, with their ids. */
  private readonly waiting = new Map<ImportIssue, string>()
  private readonly pieces: CsvPieces
  private reserved = false
  failure: StreamFailure | null = null

  /**
   * `expectedChars`, when known (a file's size in bytes is an upper bound), sizes the id table
   * from the first piece's characters per row, so that it does not grow, and hold old and new
   * tables at once, as the rows arrive.
   */
  constructor(
    pieceChars = STREAM_PIECE_CHARS,
    private readonly expectedChars = 0,
  ) {
    this.pieces = new CsvPieces(pieceChars, (header, piece) => this.readPiece(header, piece))
  }

  push(text: string): void {
    if (!this.failure) this.pieces.push(text)
  }

  finish(): StreamedReport | StreamFailure {
    if (!this.failure) this.pieces.finish()
    if (this.failure) return this.failure
    return {
      format: 'csv',
      total: this.total,
      accepted: this.accepted,
      rejected: this.rejected,
      issues: this.issues,
      warnings: this.warnings,
      unlisted: this.unlisted,
    }
  }

  /** The ids of listed duplicates whose first row a second pass must find (CsvFirstRows). */
  get idsToLocate(): ReadonlySet<string> {
    return new Set(this.waiting.values())
  }

  /** `report` (from finish) with each listed duplicate naming the first row of its id. */
  withFirstRows(report: StreamedReport, firstRows: ReadonlyMap<string, number>): StreamedReport {
    const issues = report.issues.map((issue) => {
      const id = this.waiting.get(issue)
      return id === undefined ? issue : { ...issue, message: duplicateMessage(id, firstRows.get(id)) }
    })
    return { ...report, issues }
  }

  /** Lists an issue while fewer than STREAM_MAX_LISTED are listed; true when it was. */
  private list(into: ImportIssue[], issue: ImportIssue): boolean {
    if (this.issues.length + this.warnings.length < STREAM_MAX_LISTED) {
      into.push(issue)
      return true
    }
    this.unlisted++
    return false
  }

  private readPiece(header: string, piece: string): void {
    if (this.failure) return
    const read = readCsvColumns(header + piece, { maxListed: STREAM_MAX_LISTED })
    if (!read.ok) {
      this.failure = { ok: false, reason: read.reason }
      return
    }
    const v = read.value
    if (!this.reserved && this.expectedChars > 0 && v.total > 0) {
      this.reserved = true
      // A few per cent over the estimate: rows vary in length.
      this.seen.reserve(Math.ceil((this.expectedChars / piece.length) * v.total * 1.03))
    }
    const shift = this.rowsBefore
    const pieceIssues: ImportIssue[] = v.issues.map((i) => shiftIssue(i, shift))
    const duplicates = new Map<ImportIssue, string>()
    let rejected = v.rejected
    // Ids already seen in earlier pieces are duplicates, as one reader of the whole would say.
    acceptedRows(v).forEach((row, k) => {
      const id = v.ids[k]!
      if (this.seen.add(id)) return
      rejected++
      const issue: ImportIssue = { row: row + shift, field: 'id', message: duplicateMessage(id, undefined) }
      duplicates.set(issue, id)
      pieceIssues.push(issue)
    })
    pieceIssues.sort((a, b) => a.row - b.row)
    for (const issue of pieceIssues) {
      const id = duplicates.get(issue)
      if (this.list(this.issues, issue) && id !== undefined) this.waiting.set(issue, id)
    }
    for (const w of v.warnings) this.list(this.warnings, { ...w, row: w.row + shift })
    this.unlisted += v.unlisted
    this.total += v.total
    this.rejected += rejected
    this.accepted += v.total - rejected
    this.rowsBefore += v.total
  }
}

/**
 * The second pass for a streamed validation's duplicates: fed the same input, finds the row where
 * each of `ids` is first accepted (as the first pass saw it), reading each piece as it did.
 */
export class CsvFirstRows {
  private rowsBefore = 0
  private readonly found = new Map<string, number>()
  private readonly pieces: CsvPieces

  constructor(
    private readonly ids: ReadonlySet<string>,
    pieceChars = STREAM_PIECE_CHARS,
  ) {
    this.pieces = new CsvPieces(pieceChars, (header, piece) => this.readPiece(header, piece))
  }

  push(text: string): void {
    if (this.found.size < this.ids.size) this.pieces.push(text)
  }

  finish(): ReadonlyMap<string, number> {
    if (this.found.size < this.ids.size) this.pieces.finish()
    return this.found
  }

  private readPiece(header: string, piece: string): void {
    if (this.found.size === this.ids.size) return
    const read = readCsvColumns(header + piece, { maxListed: 0 })
    if (!read.ok) return
    const v = read.value
    acceptedRows(v).forEach((row, k) => {
      const id = v.ids[k]!
      if (this.ids.has(id) && !this.found.has(id)) this.found.set(id, row + this.rowsBefore)
    })
    this.rowsBefore += v.total
  }
}

const DUPLICATE = /^(duplicate id "[\s\S]*" \(first in row )(\d+)\)$/

/** An issue of a piece renumbered after the rows before it, a duplicate's first row too. */
function shiftIssue(issue: ImportIssue, by: number): ImportIssue {
  const match = issue.field === 'id' ? DUPLICATE.exec(issue.message) : null
  const message = match ? `${match[1]!}${Number(match[2]) + by})` : issue.message
  return { row: issue.row + by, field: issue.field, message }
}

/** Row numbers (1-based, within the piece) of the accepted rows, in order. */
function acceptedRows(read: CsvColumns): number[] {
  const rows: number[] = []
  let r = 0
  for (let row = 1; row <= read.total; row++) {
    if (r < read.rejected && read.rejectedRows[r] === row) r++
    else rows.push(row)
  }
  return rows
}
