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

/** Numbers per block of a BlockList: 4 MB. */
const BLOCK_BITS = 20

/**
 * A growable list of 32-bit numbers in fixed blocks, so that growing never copies what is held
 * and never holds more than one block unused (a doubling array holds up to three times its length
 * while it grows).
 */
class BlockList {
  private readonly blocks: Uint32Array[] = []
  length = 0
  push(v: number): void {
    const at = this.length & ((1 << BLOCK_BITS) - 1)
    if (at === 0) this.blocks.push(new Uint32Array(1 << BLOCK_BITS))
    this.blocks[this.blocks.length - 1]![at] = v
    this.length++
  }
  at(k: number): number {
    return this.blocks[k >>> BLOCK_BITS]![k & ((1 << BLOCK_BITS) - 1)]!
  }
}

/**
 * Builds the postings from titles given in order, a chunk of rows at a time (each chunk packed:
 * its text and the end of each title, counted from the chunk's start). Cost: one pass over the
 * text and a map lookup per token; about 4 bytes per (row, distinct token) while building (the
 * tokens of each row in order, and where each row's end), 4 once built.
 */
export class TextIndexBuilder {
  private readonly tokenIds = new Map<string, number>()
  private readonly tokens: string[] = []
  private readonly lastRow = new U32List()
  /** Each row's distinct tokens, row after row. */
  private readonly pairToken = new BlockList()
  /** Where each row's tokens end in pairToken. */
  private readonly rowEnds = new U32List()
  private rowCount = 0

  /** Adds the next `ends.length` titles. */
  addChunk({ text, ends }: PackedStrings): void {
    for (let i = 0, from = 0; i < ends.length; from = ends[i]!, i++) {
      const row = this.rowCount++
      scanTokens(text, from, ends[i]!, (start, end) => this.add(row, this.idOf(text.slice(start, end))))
      this.rowEnds.push(this.pairToken.length)
    }
  }

  private idOf(token: string): number {
    let id = this.tokenIds.get(token)
    if (id === undefined) {
      id = this.tokens.length
      this.tokenIds.set(token, id)
      this.tokens.push(token)
      this.lastRow.push(0xffffffff)
    }
    return id
  }

  private add(row: number, id: number): void {
    if (this.lastRow.values[id] === row) return
    this.lastRow.values[id] = row
    this.pairToken.push(id)
  }

  /** The index of every title added so far. */
  finish(): TextIndex {
    const { tokens, pairToken, rowEnds } = this
    const offsets = new Uint32Array(tokens.length + 1)
    for (let k = 0; k < pairToken.length; k++) offsets[pairToken.at(k) + 1]!++
    for (let t = 0; t < tokens.length; t++) offsets[t + 1]! += offsets[t]!
    const rows = new Uint32Array(pairToken.length)
    const next = offsets.slice(0, tokens.length)
    // Rows come in order, so each token's rows come out ascending.
    for (let row = 0, k = 0; row < this.rowCount; row++) {
      for (const end = rowEnds.values[row]!; k < end; k++) rows[next[pairToken.at(k)]!++] = row
    }
    const ends = new Uint32Array(tokens.length)
    let end = 0
    for (let t = 0; t < tokens.length; t++) ends[t] = end += tokens[t]!.length
    return { vocabulary: { text: tokens.join(''), ends }, offsets, rows, titleCount: this.rowCount }
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
