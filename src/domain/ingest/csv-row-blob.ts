/**
 * An import's accepted CSV rows kept as a Blob of their cleaned text (UTF-8, one row after
 * another) with each row's byte offsets. A Blob's bytes are held by the browser outside the
 * thread's heap, so keeping the rows costs the thread only the offsets (4 bytes a row); a row's
 * event is re-read from its slice by the rules that accepted it (csvRowEvent).
 */
import type { ThreatEvent } from '../model.ts'
import { csvRowEvent, type CsvRowRules, type CsvRowSource } from './csv-event-at.ts'

export interface CsvRowBlob extends CsvRowRules {
  /** Every accepted row's text, in input order, with nothing between rows. */
  readonly blob: Blob
  /** Row `r`'s bytes are `[offsets[r], offsets[r + 1])`; length rows + 1. */
  readonly offsets: Uint32Array | Float64Array
}

/** Rows are encoded into buffers of this size, each becoming one part of the Blob. */
const PART_BYTES = 4 * 1024 * 1024

/** Progress is told every this many rows. */
const PROGRESS_ROWS = 65_536

/**
 * The rows of `source` as a Blob and offsets. One encode per row into a shared buffer (no
 * string per row is kept); the text itself is not held afterwards. `onProgress` is told the
 * fraction of rows done every 65,536 rows (a worker's sign of life on a long text).
 */
export function csvRowBlob(source: CsvRowSource, onProgress?: (fraction: number) => void): CsvRowBlob {
  const { body, rowStart, rowEnd } = source
  const n = rowStart.length
  // A UTF-8 byte takes at most three per UTF-16 unit: past 4 GiB the offsets need doubles.
  const offsets = body.length * 3 < 2 ** 32 ? new Uint32Array(n + 1) : new Float64Array(n + 1)
  const encoder = new TextEncoder()
  const parts: Blob[] = []
  let buffer = new Uint8Array(PART_BYTES)
  let used = 0
  let total = 0
  const flush = (): void => {
    if (used > 0) parts.push(new Blob([buffer.slice(0, used)]))
    used = 0
  }
  for (let r = 0; r < n; r++) {
    offsets[r] = total
    if (onProgress && r % PROGRESS_ROWS === PROGRESS_ROWS - 1) onProgress(r / n)
    const text = body.slice(rowStart[r]!, rowEnd[r]!)
    // At most three bytes a unit: make room for the worst case before encoding.
    const most = text.length * 3
    if (used + most > buffer.length) {
      flush()
      if (most > buffer.length) buffer = new Uint8Array(most)
    }
    const { written } = encoder.encodeInto(text, buffer.subarray(used))
    used += written
    total += written
  }
  offsets[n] = total
  flush()
  return { blob: new Blob(parts), offsets, headers: source.headers, mapping: source.mapping, delimiter: source.delimiter, ...(source.dateOrder ? { dateOrder: source.dateOrder } : {}) }
}

/** Rows whose bytes lie closer than this are read in one slice. */
const GAP_BYTES = 64 * 1024
/** A slice read at once holds at most about this many bytes. */
const SLICE_BYTES = 16 * 1024 * 1024

const CACHE_SIZE = 256

/** Slices read at once. */
const SLICES_AT_ONCE = 16

/**
 * Reads the events of input rows from a row Blob, in the order asked. Rows near each other are
 * read in one slice (a window of the list, an export of every row), each slice at most ~16 MB;
 * rows far apart (a list window's rows under a filter) in slices read 16 at once.
 */
export function csvBlobReader(kept: CsvRowBlob): (rows: ArrayLike<number>) => Promise<ThreatEvent[]> {
  const { blob, offsets } = kept
  const n = offsets.length - 1
  const cache = new Map<number, ThreatEvent>()
  const decoder = new TextDecoder()
  return async (rows) => {
    const out: (ThreatEvent | undefined)[] = new Array(rows.length)
    const wanted: number[] = []
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      if (!Number.isInteger(row) || row < 0 || row >= n) throw new Error(`row ${row} is not one of the import's ${n} rows`)
      const hit = cache.get(row)
      if (hit) out[i] = hit
      else wanted.push(i)
    }
    wanted.sort((a, b) => rows[a]! - rows[b]!)
    // Spans of `wanted`: [from, to) with each span's rows read in one slice.
    const spans: [number, number][] = []
    let k = 0
    while (k < wanted.length) {
      const first = rows[wanted[k]!]!
      let last = first
      let end = k + 1
      while (end < wanted.length) {
        const next = rows[wanted[end]!]!
        if (offsets[next]! - offsets[last + 1]! > GAP_BYTES || offsets[next + 1]! - offsets[first]! > SLICE_BYTES) break
        last = next
        end++
      }
      spans.push([k, end])
      k = end
    }
    const readSpan = async ([from, to]: [number, number]): Promise<void> => {
      const start = offsets[rows[wanted[from]!]!]!
      const bytes = new Uint8Array(await blob.slice(start, offsets[rows[wanted[to - 1]!]! + 1]!).arrayBuffer())
      for (let j = from; j < to; j++) {
        const i = wanted[j]!
        const row = rows[i]!
        const event = cache.get(row) ?? csvRowEvent(decoder.decode(bytes.subarray(offsets[row]! - start, offsets[row + 1]! - start)), row, kept)
        out[i] = event
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
        cache.set(row, event)
      }
    }
    // A few slices are read at once (each read is a round trip to the browser process); at most
    // SLICES_AT_ONCE × ~16 MiB of bytes are held here at a time.
    for (let s = 0; s < spans.length; s += SLICES_AT_ONCE) await Promise.all(spans.slice(s, s + SLICES_AT_ONCE).map(readSpan))
    return out as ThreatEvent[]
  }
}
