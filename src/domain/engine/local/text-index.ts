/**
 * Token postings over a column of titles, so that a text search looks up the few words that hold
 * the needle instead of searching every title (an inverted index, as search engines keep). The
 * index is built off the main thread (workers/text-index.worker.ts) from the titles in chunks of
 * rows, and searched by text-search.ts.
 *
 * A token is a longest run of characters that are not ASCII separators (an ASCII character other
 * than a letter or a digit); tokens keep their case. The index lists, per distinct token, the
 * rows whose title holds it (ascending, each once).
 */
import type { PackedStrings } from '../../ingest/packed-strings.ts'
import { packedColumn, type StringColumn } from '../../string-column.ts'

export interface TextIndex {
  /** The distinct tokens, packed (string-column.ts). */
  readonly vocabulary: PackedStrings
  /** Token t's rows are `rows[offsets[t]]` up to `rows[offsets[t + 1]]`. */
  readonly offsets: Uint32Array
  /** Row numbers, ascending within each token. */
  readonly rows: Uint32Array
  /** How many titles were indexed: an index is used only for a column of that many. */
  readonly titleCount: number
}

/** True for a UTF-16 unit that separates tokens: ASCII, neither a letter nor a digit. */
export function isSeparator(unit: number): boolean {
  return unit < 128 && !((unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122))
}

/** Calls `visit` with the start and end of each token of `text` between `from` and `to`, in order. */
function scanTokens(text: string, from: number, to: number, visit: (start: number, end: number) => void): void {
  let start = -1
  for (let i = from; i < to; i++) {
    if (isSeparator(text.charCodeAt(i))) {
      if (start >= 0) visit(start, i)
      start = -1
    } else if (start < 0) start = i
  }
  if (start >= 0) visit(start, to)
}

/** The tokens of `text`, in order, repeats kept. */
export function tokensOf(text: string): string[] {
  const out: string[] = []
  scanTokens(text, 0, text.length, (start, end) => out.push(text.slice(start, end)))
  return out
}

/** A growable list of 32-bit numbers. */
class U32List {
  values = new Uint32Array(1024)
  length = 0
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = v
  }
}

/** Bytes per block of a VarBlocks: 4 MB. */
const BLOCK_BITS = 22

/**
 * Numbers written as variable-length bytes (7 bits a byte, low bits first, the high bit set on
 * every byte but a number's last) in fixed blocks, so that growing never copies what is held.
 * A row's token ids, most of them those of common words seen early (small ids), take 1–2 bytes
 * each instead of 4.
 */
class VarBlocks {
  private readonly blocks: Uint8Array[] = []
  private readonly mask: number
  /** Bytes written. */
  length = 0
  constructor(private readonly bits: number) {
    this.mask = (1 << bits) - 1
  }
  push(v: number): void {
    for (;;) {
      const at = this.length & this.mask
      if (at === 0) this.blocks.push(new Uint8Array(1 << this.bits))
      const more = v > 0x7f
      this.blocks[this.length >>> this.bits]![at] = more ? (v & 0x7f) | 0x80 : v
      this.length++
      if (!more) return
      v >>>= 7
    }
  }
  /** Calls `visit` with each number whose bytes lie from byte `from` to byte `to`, in order. */
  read(from: number, to: number, visit: (value: number) => void): void {
    let v = 0
    let shift = 0
    for (let i = from; i < to; i++) {
      const byte = this.blocks[i >>> this.bits]![i & this.mask]!
      v += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) {
        visit(v)
        v = 0
        shift = 0
      } else shift += 7
    }
  }
}

/** The first `length` units of `units` as a string. */
function unitsToString(units: Uint16Array, length: number): string {
  const parts: string[] = []
  // 8,192 units a call: an array-like of arguments this long is well within any engine's limit.
  for (let i = 0; i < length; i += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 8192)) as unknown as number[]))
  return parts.join('')
}

/** Pairs per slice of the row lists when they are written to a Blob a slice at a time (16 MB). */
const BLOB_SLICE_PAIRS = 1 << 22

/** An index with its row lists in a Blob (4 bytes a row, little-endian) instead of an array. */
export interface TextIndexInBlob extends Omit<TextIndex, 'rows'> {
  readonly postings: Blob
}

/**
 * Builds the postings from titles given in order, a chunk of rows at a time (each chunk packed:
 * its text and the end of each title, counted from the chunk's start). Cost: one pass over the
 * text and a hash lookup per token, with no string made per token: the distinct tokens' units are
 * kept in one array, found through an open-addressing table of their ids. While building it holds
 * each row's distinct tokens as variable-length ids (1–3 bytes each) and where each row ends; once
 * built, 4 bytes per (row, distinct token), in an array or, a slice at a time, in a Blob.
 */
export class TextIndexBuilder {
  /** The distinct tokens' UTF-16 units, one after the other, in first-seen order. */
  private units = new Uint16Array(1 << 16)
  private unitCount = 0
  /** Where each distinct token ends in `units`. */
  private readonly tokenEnds = new U32List()
  private readonly tokenHashes = new U32List()
  /** Open addressing: token id + 1 in the slot its hash leads to (0: empty); at most half full. */
  private slots = new Uint32Array(1 << 12)
  private readonly lastRow = new U32List()
  /** Each row's distinct token ids, row after row. */
  private readonly pairTokens: VarBlocks
  /** Where each row's tokens end in pairTokens (bytes). */
  private readonly rowEnds = new U32List()
  private pairCount = 0
  private rowCount = 0

  /** `blockBits`: the pairs are held in blocks of 2^blockBits bytes (smaller in tests, so that ids straddle blocks). */
  constructor(blockBits = BLOCK_BITS) {
    this.pairTokens = new VarBlocks(blockBits)
  }

  /** Adds the next `ends.length` titles. */
  addChunk({ text, ends }: PackedStrings): void {
    for (let i = 0, from = 0; i < ends.length; from = ends[i]!, i++) {
      const row = this.rowCount++
      scanTokens(text, from, ends[i]!, (start, end) => this.add(row, this.idOf(text, start, end)))
      this.rowEnds.push(this.pairTokens.length)
    }
  }

  private get tokenCount(): number {
    return this.tokenEnds.length
  }

  private idOf(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
    hash >>>= 0
    const mask = this.slots.length - 1
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!
      if (held === 0) {
        const id = this.newToken(text, start, end, hash)
        this.slots[slot] = id + 1
        if (this.tokenCount * 2 > this.slots.length) this.grow()
        return id
      }
      const id = held - 1
      if (this.tokenHashes.values[id] !== hash) continue
      const tokenEnd = this.tokenEnds.values[id]!
      const tokenStart = id === 0 ? 0 : this.tokenEnds.values[id - 1]!
      if (tokenEnd - tokenStart !== length) continue
      let same = true
      for (let k = 0; k < length; k++) {
        if (this.units[tokenStart + k] !== text.charCodeAt(start + k)) {
          same = false
          break
        }
      }
      if (same) return id
    }
  }

  private newToken(text: string, start: number, end: number, hash: number): number {
    const need = this.unitCount + end - start
    if (need > this.units.length) {
      const grown = new Uint16Array(Math.max(need, this.units.length * 2))
      grown.set(this.units.subarray(0, this.unitCount))
      this.units = grown
    }
    for (let i = start; i < end; i++) this.units[this.unitCount++] = text.charCodeAt(i)
    const id = this.tokenCount
    this.tokenEnds.push(this.unitCount)
    this.tokenHashes.push(hash)
    this.lastRow.push(0xffffffff)
    return id
  }

  /** Doubles the table, each id put back where its hash leads. */
  private grow(): void {
    const slots = new Uint32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let id = 0; id < this.tokenCount; id++) {
      let slot = this.tokenHashes.values[id]! & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = id + 1
    }
    this.slots = slots
  }

  private add(row: number, id: number): void {
    if (this.lastRow.values[id] === row) return
    this.lastRow.values[id] = row
    this.pairTokens.push(id)
    this.pairCount++
  }

  /** Token t's rows start at offsets[t] (ascending rows, each once). */
  private offsets(): Uint32Array {
    const tokens = this.tokenCount
    const offsets = new Uint32Array(tokens + 1)
    this.pairTokens.read(0, this.pairTokens.length, (id) => offsets[id + 1]!++)
    for (let t = 0; t < tokens; t++) offsets[t + 1]! += offsets[t]!
    return offsets
  }

  /** Writes the rows of tokens `from` to `to` (exclusive) into `out`, from `out[0]` = the first's first row. */
  private fill(offsets: Uint32Array, from: number, to: number, out: Uint32Array): void {
    const next = offsets.slice(from, to)
    const base = offsets[from]!
    let row = 0
    const put = (id: number): void => {
      if (id >= from && id < to) out[next[id - from]!++ - base] = row
    }
    // Rows come in order, so each token's rows come out ascending.
    for (let at = 0; row < this.rowCount; row++) {
      const end = this.rowEnds.values[row]!
      this.pairTokens.read(at, end, put)
      at = end
    }
  }

  private vocabulary(): PackedStrings {
    return { text: unitsToString(this.units, this.unitCount), ends: this.tokenEnds.values.slice(0, this.tokenCount) }
  }

  /** The index of every title added so far. */
  finish(): TextIndex {
    const offsets = this.offsets()
    const rows = new Uint32Array(this.pairCount)
    this.fill(offsets, 0, this.tokenCount, rows)
    return { vocabulary: this.vocabulary(), offsets, rows, titleCount: this.rowCount }
  }

  /**
   * The index of every title added so far with its row lists in a Blob, written a slice of
   * tokens at a time (about 4M rows each, one pass over the pairs per slice) from one reused
   * array, so that the lists (4 bytes a pair, ~60 MB at 1M real-shaped titles) are never held
   * whole by this thread.
   */
  finishToBlob(slicePairs = BLOB_SLICE_PAIRS): TextIndexInBlob {
    const offsets = this.offsets()
    const tokens = this.tokenCount
    const cuts = [0]
    for (let t = 0; t < tokens; ) {
      const start = offsets[t]!
      let to = t + 1
      while (to < tokens && offsets[to + 1]! - start <= slicePairs) to++
      cuts.push(to)
      t = to
    }
    let widest = 0
    for (let c = 1; c < cuts.length; c++) widest = Math.max(widest, offsets[cuts[c]!]! - offsets[cuts[c - 1]!]!)
    const scratch = new Uint32Array(widest)
    const parts: Blob[] = []
    for (let c = 1; c < cuts.length; c++) {
      const from = cuts[c - 1]!
      const to = cuts[c]!
      const length = offsets[to]! - offsets[from]!
      this.fill(offsets, from, to, scratch)
      // A Blob copies the bytes it is made of: the scratch array is written again for the next slice.
      parts.push(new Blob([scratch.subarray(0, length) as Uint32Array<ArrayBuffer>]))
    }
    return { vocabulary: this.vocabulary(), offsets, postings: new Blob(parts), titleCount: this.rowCount }
  }
}

/** The index over every title of `titles`, in one go (tests and benchmarks; the app builds it in a worker). */
export function buildTextIndex(titles: StringColumn): TextIndex {
  const builder = new TextIndexBuilder()
  builder.addChunk(packedColumn(titles))
  return builder.finish()
}

/** The buffers of an index, to transfer it between threads. */
export function textIndexBuffers(index: TextIndex): ArrayBuffer[] {
  return [index.vocabulary.ends.buffer, index.offsets.buffer, index.rows.buffer] as ArrayBuffer[]
}
