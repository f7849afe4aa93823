/**
 * Validating a native CSV text too large to hold: it is fed in pieces of any size (the bytes of
 * a file as they are read, decoded), cut at record boundaries into pieces of about
 * `pieceChars`, and each piece is read after the header with the same reader as the whole
 * (readCsvColumns). Only the counts, the issues and a compact set of the ids seen are kept, so
 * memory stays bounded by the piece size and the ids (8 bytes of hash and 4 of row each, in
 * typed arrays): a 1 GB file of 7 million rows is validated in well under 300 MB.
 *
 * It accepts and rejects what readCsvColumns on the whole text would, with the same issues,
 * except that a duplicate id is told by a 64-bit hash of the ids (a false duplicate needs two
 * ids with the same hash: about one chance in 10^9 for ten million rows).
 */
import type { ImportIssue } from '../model.ts'
import { readCsvColumns, type CsvColumns } from './csv-columns.ts'

/** Pieces of about this many characters are read at a time (4 M: a few tens of MB while read). */
export const STREAM_PIECE_CHARS = 4 * 1024 * 1024

/** At most this many issues and warnings are listed in all; the rest are counted. */
export const STREAM_MAX_LISTED = 10_000

/** Two 32-bit FNV-1a hashes (different offsets) of a string. */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15)
  }
  return [a >>> 0, (b | 1) >>> 0]
}

/** Ids seen so far and the row each was first in: open addressing over typed arrays. */
export class IdRows {
  private hi = new Uint32Array(1 << 16)
  private lo = new Uint32Array(1 << 16)
  private rows = new Uint32Array(1 << 16)
  private size = 0

  /** The first row of `id` if it was seen before, else records it at `row` and returns 0. */
  firstRowOrAdd(id: string, row: number): number {
    const [h, l] = hash64(id)
    if ((this.size + 1) * 10 > this.lo.length * 7) this.grow()
    const mask = this.lo.length - 1
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      if (this.lo[slot] === 0) {
        this.hi[slot] = h
        this.lo[slot] = l
        this.rows[slot] = row
        this.size++
        return 0
      }
      if (this.hi[slot] === h && this.lo[slot] === l) return this.rows[slot]!
    }
  }

  private grow(): void {
    const { hi, lo, rows } = this
    const capacity = lo.length * 2
    this.hi = new Uint32Array(capacity)
    this.lo = new Uint32Array(capacity)
    this.rows = new Uint32Array(capacity)
    const mask = capacity - 1
    for (let i = 0; i < lo.length; i++) {
      if (lo[i] === 0) continue
      let slot = hi[i]! & mask
      while (this.lo[slot] !== 0) slot = (slot + 1) & mask
      this.hi[slot] = hi[i]!
      this.lo[slot] = lo[i]!
      this.rows[slot] = rows[i]!
    }
  }
}

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

/** End of the last whole record in `text` (index after its line feed), by quote parity; 0 when none. */
function lastRecordEnd(text: string): number {
  let inQuotes = false
  let end = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) inQuotes = !inQuotes
    else if (c === 10 && !inQuotes) end = i + 1
  }
  return end
}

/**
 * Feeds text in, in order; `finish()` says what was found. A header that names no usable
 * columns fails at the first piece (`failure`), as the whole-text reader would.
 */
export class CsvStreamValidator {
  private carry = ''
  private header: string | null = null
  private rowsBefore = 0
  private total = 0
  private accepted = 0
  private rejected = 0
  private unlisted = 0
  private readonly issues: ImportIssue[] = []
  private readonly warnings: ImportIssue[] = []
  private readonly seen = new IdRows()
  failure: StreamFailure | null = null

  constructor(private readonly pieceChars = STREAM_PIECE_CHARS) {}

  push(text: string): void {
    if (this.failure) return
    this.carry += this.header === null && this.carry === '' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
    if (this.header === null) {
      const end = lastRecordEndOfFirst(this.carry)
      if (end === -1) return
      this.header = this.carry.slice(0, end)
      this.carry = this.carry.slice(end)
    }
    while (this.carry.length >= this.pieceChars) {
      const cut = lastRecordEnd(this.carry.slice(0, this.pieceChars))
      // A record longer than a piece: take it whole with what follows.
      const at = cut > 0 ? cut : lastRecordEnd(this.carry)
      if (at === 0) return
      this.readPiece(this.carry.slice(0, at))
      this.carry = this.carry.slice(at)
    }
  }

  finish(): StreamedReport | StreamFailure {
    if (this.header === null) {
      this.header = this.carry
      this.carry = ''
    }
    if (this.carry.trim() !== '' || this.total === 0) this.readPiece(this.carry)
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

  private list(into: ImportIssue[], issue: ImportIssue): void {
    if (this.issues.length + this.warnings.length < STREAM_MAX_LISTED) into.push(issue)
    else this.unlisted++
  }

  private readPiece(piece: string): void {
    if (this.failure) return
    const read = readCsvColumns(this.header + piece, { maxListed: STREAM_MAX_LISTED })
    if (!read.ok) {
      this.failure = { ok: false, reason: read.reason }
      return
    }
    const v = read.value
    const shift = this.rowsBefore
    const pieceIssues: ImportIssue[] = v.issues.map((i) => shiftIssue(i, shift))
    let rejected = v.rejected
    // Ids already seen in earlier pieces are duplicates, as one reader of the whole would say.
    acceptedRows(v).forEach((row, k) => {
      const at = row + shift
      const first = this.seen.firstRowOrAdd(v.ids[k]!, at)
      if (first === 0) return
      rejected++
      pieceIssues.push({ row: at, field: 'id', message: `duplicate id "${v.ids[k]!}" (first in row ${first})` })
    })
    pieceIssues.sort((a, b) => a.row - b.row)
    for (const issue of pieceIssues) this.list(this.issues, issue)
    for (const w of v.warnings) this.list(this.warnings, { ...w, row: w.row + shift })
    this.unlisted += v.unlisted
    this.total += v.total
    this.rejected += rejected
    this.accepted += v.total - rejected
    this.rowsBefore += v.total
  }
}

/** End of the header record (after its line feed, quotes honoured), or -1 when it is not whole yet. */
function lastRecordEndOfFirst(text: string): number {
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) inQuotes = !inQuotes
    else if (c === 10 && !inQuotes) return i + 1
  }
  return -1
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
