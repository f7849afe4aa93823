/**
 * A table's titles kept as a Blob of their UTF-8 text and the byte end of each title, answering
 * the same searches, reads and fingerprint as `KeptTitles` (kept-titles.ts) without holding the
 * text in the thread that keeps them: a Blob's bytes live outside the thread's heap (in a
 * browser, in the browser's own process), and each answer reads the slices it needs. The token
 * index is built from the Blob a chunk of titles at a time.
 */
import { dataHash } from '../../export/view-file.ts'
import type { PackedStrings } from '../../ingest/packed-strings.ts'
import { stringAt, stringsContaining } from '../../string-column.ts'
import type { EventTable } from '../../table-types.ts'
import { TextIndexBuilder, type TextIndexInBlob } from './text-index.ts'
import { needlePattern, tokensFor } from './text-search.ts'

/** Titles read per slice when every title is visited (the index build, a search without it, the fingerprint). */
const CHUNK_ROWS = 1 << 13
/** Titles (or postings) to read whose bytes lie closer than this are read in one slice. */
const NEAR_BYTES = 1 << 16

/**
 * A token index whose row lists are kept as a Blob (4 bytes a row, little-endian), read for the
 * tokens a search needs. Built by `buildBlobIndex`, in any thread: its buffers and the Blob's
 * handle pass to another (`blobIndexBuffers`), so that the builder's garbage ends with its thread.
 */
export type BlobIndex = TextIndexInBlob

/** The buffers of a BlobIndex, to transfer it between threads (its Blob passes as a handle). */
export function blobIndexBuffers(index: BlobIndex): ArrayBuffer[] {
  return [index.vocabulary.ends.buffer, index.offsets.buffer] as ArrayBuffer[]
}

/** Sets `hits[row]` for every row listed under a token of `tokenHits`, reading the postings of near tokens in one slice. */
async function markRows({ offsets, postings }: BlobIndex, tokenHits: Uint8Array, hits: Uint8Array): Promise<void> {
  const nearRows = NEAR_BYTES / 4
  for (let t = tokenHits.indexOf(1); t >= 0; ) {
    // A run of hit tokens whose lists lie near each other: one slice from the first list's start.
    let last = t
    let next = tokenHits.indexOf(1, t + 1)
    while (next >= 0 && offsets[next]! - offsets[last + 1]! < nearRows) {
      last = next
      next = tokenHits.indexOf(1, next + 1)
    }
    const from = offsets[t]!
    const rows = new Uint32Array(await postings.slice(from * 4, offsets[last + 1]! * 4).arrayBuffer())
    for (let u = t; u <= last; u++) {
      if (tokenHits[u] === 0) continue
      for (let k = offsets[u]! - from; k < offsets[u + 1]! - from; k++) hits[rows[k]!] = 1
    }
    t = next
  }
}

/** The UTF-8 bytes of each title of `titles`, ended one after the other: the byte ends of `new Blob([titles.text])`. */
export function utf8Ends({ text, ends }: PackedStrings): Uint32Array {
  const out = new Uint32Array(ends.length)
  let bytes = 0
  for (let row = 0, i = 0; row < ends.length; row++) {
    for (const end = ends[row]!; i < end; i++) {
      const unit = text.charCodeAt(i)
      if (unit < 0x80) bytes += 1
      else if (unit < 0x800) bytes += 2
      else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair: one code point of four bytes.
        bytes += 4
        i++
      } else bytes += 3 // A lone surrogate is written as U+FFFD, three bytes.
    }
    out[row] = bytes
  }
  return out
}

/** UTF-16 units of the UTF-8 `bytes`, counted up to each of `byteEnds` (relative to `bytes`). */
function unitEnds(bytes: Uint8Array, byteEnds: ArrayLike<number>, offset: number): Uint32Array {
  const out = new Uint32Array(byteEnds.length)
  let units = 0
  let b = 0
  for (let i = 0; i < out.length; i++) {
    for (const end = byteEnds[i]! - offset; b < end; b++) {
      const x = bytes[b]!
      // A lead byte starts a code point; one of four bytes is two units.
      if ((x & 0xc0) !== 0x80) units += x >= 0xf0 ? 2 : 1
    }
    out[i] = units
  }
  return out
}

// A title may begin with U+FEFF: it is text, not a byte-order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

export class BlobTitles {
  private index: BlobIndex | null = null

  /** `ends`: the byte end of each title in `blob` (utf8Ends of the titles it was made of). */
  constructor(
    private readonly blob: Blob,
    private readonly ends: Uint32Array,
  ) {
    const last = ends.length === 0 ? 0 : ends[ends.length - 1]!
    if (last !== blob.size) throw new Error(`the titles' Blob holds ${blob.size} bytes, their ends say ${last}`)
  }

  get size(): number {
    return this.ends.length
  }

  /** The Blob and byte ends these titles read: what another thread needs to hold the same titles (a copy of the ends). */
  get source(): { readonly blob: Blob; readonly ends: Uint32Array } {
    return { blob: this.blob, ends: this.ends }
  }

  /** Whether searches go through the token index. */
  get indexed(): boolean {
    return this.index !== null
  }

  private startOf(row: number): number {
    return row === 0 ? 0 : this.ends[row - 1]!
  }

  /** Titles `from` to `to`, packed on their own (ends counted from the first's start). */
  private async chunk(from: number, to: number): Promise<PackedStrings> {
    const start = this.startOf(from)
    const bytes = new Uint8Array(await this.blob.slice(start, to === from ? start : this.ends[to - 1]!).arrayBuffer())
    return { text: decoder.decode(bytes), ends: unitEnds(bytes, this.ends.subarray(from, to), start) }
  }

  /** Visits every title, a chunk at a time in order; a chunk `skip` refuses is not read. */
  private async eachChunk(visit: (chunk: PackedStrings, from: number) => void, skip?: (from: number, to: number) => boolean): Promise<void> {
    for (let from = 0; from < this.size; from += CHUNK_ROWS) {
      const to = Math.min(this.size, from + CHUNK_ROWS)
      if (skip?.(from, to)) continue
      visit(await this.chunk(from, to), from)
    }
  }

  /**
   * The token index of these titles, built from the Blob a chunk of titles per read, with its
   * row lists as a Blob too: a search reads the lists of the tokens that hold its needle. The
   * titles do not use it until handed it (`useIndex`), so it may be built by another thread
   * holding titles of the same Blob and ends.
   */
  async makeIndex(): Promise<BlobIndex> {
    const builder = new TextIndexBuilder()
    await this.eachChunk((chunk) => builder.addChunk(chunk))
    return builder.finishToBlob()
  }

  /** Searches from now on through `index` (made by `makeIndex` over the same titles); searches meanwhile read every title. */
  useIndex(index: BlobIndex): void {
    if (index.titleCount !== this.size) throw new Error(`the index covers ${index.titleCount} titles, ${this.size} are kept`)
    if (index.offsets.length !== index.vocabulary.ends.length + 1) throw new Error(`the index lists ${index.vocabulary.ends.length} tokens and ${index.offsets.length} offsets`)
    const pairs = index.offsets[index.offsets.length - 1]!
    if (index.postings.size !== pairs * 4) throw new Error(`the index's row lists hold ${index.postings.size} bytes, its offsets say ${pairs * 4}`)
    this.index = index
  }

  /** Builds the token index in this thread and searches through it from then on. */
  async buildIndex(): Promise<void> {
    this.useIndex(await this.makeIndex())
  }

  /** 1 for each row whose title holds `needle` (lower case), ignoring case; as `stringsContaining` over the titles. */
  async search(needle: string): Promise<Uint8Array> {
    const found = this.index === null ? null : tokensFor(this.index, needle)
    const hits = new Uint8Array(this.size)
    if (found === null) {
      await this.eachChunk((chunk, from) => hits.set(stringsContaining(chunk, needle), from))
      return hits
    }
    await markRows(this.index!, found.tokenHits, hits)
    if (found.exact) return hits
    // The needle spans separators: each row found is checked whole, read in the chunks that hold one.
    const pattern = needlePattern(needle)
    await this.eachChunk(
      (chunk, from) => {
        for (let i = 0; i < chunk.ends.length; i++) if (hits[from + i] === 1 && !pattern.test(stringAt(chunk, i))) hits[from + i] = 0
      },
      (from, to) => {
        const next = hits.indexOf(1, from)
        return next < 0 || next >= to
      },
    )
    return hits
  }

  /** The titles of `rows`, in that order; a row past the end is refused. Near rows are read in one slice. */
  async read(rows: ArrayLike<number>): Promise<string[]> {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      if (!(Number.isInteger(row) && row >= 0 && row < this.size)) throw new Error(`row ${row} is not one of the ${this.size} rows whose titles are kept`)
    }
    const sorted = [...new Set(Array.from(rows))].sort((a, b) => a - b)
    const found = new Map<number, string>()
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1
      while (j < sorted.length && this.startOf(sorted[j]!) - this.ends[sorted[j - 1]!]! < NEAR_BYTES) j++
      const from = sorted[i]!
      const chunk = await this.chunk(from, sorted[j - 1]! + 1)
      for (let k = i; k < j; k++) found.set(sorted[k]!, stringAt(chunk, sorted[k]! - from))
      i = j
    }
    return Array.from(rows, (row) => found.get(row)!)
  }

  /** The data's fingerprint (view-file.ts `dataHash`) of the table these are the titles of, given its other columns; reads every title. */
  async hash(columns: Pick<EventTable, 'sourceRow' | 'startMs' | 'endMs' | 'level'>): Promise<string> {
    if (columns.startMs.length !== this.size) throw new Error(`the columns hold ${columns.startMs.length} rows, the titles ${this.size}`)
    const texts: string[] = []
    const ends = new Uint32Array(this.size)
    let units = 0
    await this.eachChunk((chunk, from) => {
      texts.push(chunk.text)
      for (let i = 0; i < chunk.ends.length; i++) ends[from + i] = units + chunk.ends[i]!
      units += chunk.text.length
    })
    return dataHash({ ...columns, titles: { text: texts.join(''), ends }, size: this.size })
  }
}
