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

/** Slots are filled to at most this fraction before the table grows (linear probing copes well up to ~0.9). */
const MAX_LOAD = 0.85

/** A full table grows by this factor: a gentle step, since old and new are both held while it moves. */
const GROWTH = 1.25

/**
 * Ids seen so far and the row each was first in: open addressing (linear probing) over three
 * typed arrays, 12 bytes a slot. Capacities need not be powers of two (a hash is mapped to a slot
 * by multiplying, Lemire's "fast range"), so `reserve` can size the table close to the rows
 * expected and the table seldom grows; growing holds old and new at once, the peak of its memory.
 */
export class IdRows {
  private hi: Uint32Array
  private lo: Uint32Array
  private rows: Uint32Array
  private size = 0

  constructor(capacity = 1 << 16) {
    this.hi = new Uint32Array(capacity)
    this.lo = new Uint32Array(capacity)
    this.rows = new Uint32Array(capacity)
  }

  /** How many slots the table has (each 12 bytes). */
  get capacity(): number {
    return this.lo.length
  }

  /** Makes room for `ids` ids in all, at once, so the table need not grow step by step up to them. */
  reserve(ids: number): void {
    const wanted = Math.ceil(ids / MAX_LOAD)
    if (wanted > this.lo.length) this.rehash(wanted)
  }

  /** The first row of `id` if it was seen before, else records it at `row` and returns 0. */
  firstRowOrAdd(id: string, row: number): number {
    const [h, l] = hash64(id)
    if (this.size + 1 > this.lo.length * MAX_LOAD) this.rehash(Math.ceil(this.lo.length * GROWTH))
    const capacity = this.lo.length
    for (let slot = home(h, capacity); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
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

  private rehash(capacity: number): void {
    const { hi, lo, rows } = this
    this.hi = new Uint32Array(capacity)
    this.lo = new Uint32Array(capacity)
    this.rows = new Uint32Array(capacity)
    for (let i = 0; i < lo.length; i++) {
      if (lo[i] === 0) continue
      let slot = home(hi[i]!, capacity)
      while (this.lo[slot] !== 0) slot = slot + 1 === capacity ? 0 : slot + 1
      this.hi[slot] = hi[i]!
      this.lo[slot] = lo[i]!
      this.rows[slot] = rows[i]!
    }
  }
}

/** A 32-bit hash mapped onto 0 … capacity - 1 without a division (Lemire, "fast range"). */
function home(hash: number, capacity: number): number {
  return Math.floor((hash / 4294967296) * capacity)
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

  private reserved = false

  /**
   * `expectedChars`, when known (a file's size in bytes is an upper bound), sizes the id table
   * from the first piece's characters per row, so that it does not grow, and hold old and new
   * tables at once, as the rows arrive.
   */
  constructor(
    private readonly pieceChars = STREAM_PIECE_CHARS,
    private readonly expectedChars = 0,
  ) {}

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
    if (!this.reserved && this.expectedChars > 0 && v.total > 0) {
      this.reserved = true
      // A few per cent over the estimate: rows vary in length.
      this.seen.reserve(Math.ceil((this.expectedChars / piece.length) * v.total * 1.03))
    }
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
