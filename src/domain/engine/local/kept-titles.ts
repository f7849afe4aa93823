/**
 * A table's titles kept by the thread that holds its events (an import's worker), answering the
 * page's searches and reads of them by table row, so that the page holds no title text. A search
 * gives the answer of the engine's own text search over the same titles (text-search.ts): through
 * the titles' token index once it is built, a chunk of titles a task, and through every title until
 * then.
 */
import { dataHash } from '../../export/view-file.ts'
import type { PackedStrings } from '../../ingest/packed-strings.ts'
import { stringAt, stringsContaining } from '../../string-column.ts'
import type { EventTable } from '../../table-types.ts'
import { TextIndexBuilder, type TextIndex } from './text-index.ts'
import { titlesContaining } from './text-search.ts'

/** Titles indexed per task: a few milliseconds, so that reads and searches wait little behind the build. */
const INDEX_CHUNK_ROWS = 1 << 13

/** Rows `from` to `to` of packed titles, packed on their own (ends counted from the chunk's start). */
function chunkOf({ text, ends }: PackedStrings, from: number, to: number): PackedStrings {
  const start = from === 0 ? 0 : ends[from - 1]!
  const own = new Uint32Array(to - from)
  for (let i = 0; i < own.length; i++) own[i] = ends[from + i]! - start
  return { text: text.slice(start, ends[to - 1]!), ends: own }
}

export class KeptTitles {
  private index: TextIndex | null = null

  constructor(readonly titles: PackedStrings) {}

  get size(): number {
    return this.titles.ends.length
  }

  /** Whether searches go through the token index. */
  get indexed(): boolean {
    return this.index !== null
  }

  /**
   * Builds the token index, a chunk of titles per call of `later` (a zero timer in a worker), so
   * that a search or a read asked meanwhile is answered between chunks. Resolves once it is in use.
   */
  indexInSteps(later: (step: () => void) => void): Promise<void> {
    const builder = new TextIndexBuilder()
    const n = this.size
    return new Promise((resolve) => {
      const step = (from: number): void => {
        const to = Math.min(n, from + INDEX_CHUNK_ROWS)
        if (to > from) builder.addChunk(chunkOf(this.titles, from, to))
        if (to < n) return later(() => step(to))
        this.index = builder.finish()
        resolve()
      }
      step(0)
    })
  }

  /** 1 for each row whose title holds `needle` (lower case), ignoring case; as `stringsContaining` over the titles. */
  search(needle: string): Uint8Array {
    return this.index === null ? stringsContaining(this.titles, needle) : titlesContaining(this.index, this.titles, needle)
  }

  /** The titles of `rows`, in that order; a row past the end is refused. */
  read(rows: ArrayLike<number>): string[] {
    const out = new Array<string>(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      if (!(row >= 0 && row < this.size)) throw new Error(`row ${row} is not one of the ${this.size} rows whose titles are kept`)
      out[i] = stringAt(this.titles, row)
    }
    return out
  }

  /** The data's fingerprint (view-file.ts `dataHash`) of the table these are the titles of, given its other columns. */
  hash(columns: Pick<EventTable, 'sourceRow' | 'startMs' | 'endMs' | 'level'>): string {
    if (columns.startMs.length !== this.size) throw new Error(`the columns hold ${columns.startMs.length} rows, the titles ${this.size}`)
    return dataHash({ ...columns, titles: this.titles, size: this.size })
  }
}
