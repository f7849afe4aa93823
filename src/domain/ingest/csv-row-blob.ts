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

/** A run of rows encoded at once takes at most this share of the buffer's room. */
const RUN_SHARE = 0.9

/** Progress is told every this many rows. */
const PROGRESS_ROWS = 65_536

/** Rows encoded between two pauses of `csvRowBlobInSlices` (at most a run more). */
export const SLICE_ROWS = 65_536

/**
 * The rows of `source` as a Blob and offsets. Each row's span holds its line end, so rows that
 * follow one another in the text (every row, when none was rejected) make one run of text: a run
 * that fits the buffer is encoded at once, and when it is ASCII (as many bytes written as units
 * read) each row's offset is its place in the text. Else its rows are encoded one by one into
 * the shared buffer (no string per row is kept). The same bytes and offsets either way
 * (`csvRowBlobByRow`). The text itself is not held afterwards. `onProgress` is told the fraction
 * of rows done every 65,536 rows (a worker's sign of life on a long text).
 */
export function csvRowBlob(source: CsvRowSource, onProgress?: (fraction: number) => void): CsvRowBlob {
  return untilDone(rowBlobSteps(source, true, Infinity, onProgress))
}

/** csvRowBlob encoding each row on its own: the straightforward way, which the runs must match. */
export function csvRowBlobByRow(source: CsvRowSource): CsvRowBlob {
  return untilDone(rowBlobSteps(source, false, Infinity))
}

/**
 * The same Blob and offsets as `csvRowBlob`, made about `sliceRows` rows at a time with `pause()`
 * awaited between slices: the thread runs its other tasks between them (a worker's sign of life,
 * and the collection of memory it no longer uses) while the rows are kept.
 */
export async function csvRowBlobInSlices(source: CsvRowSource, pause: () => Promise<void>, sliceRows = SLICE_ROWS): Promise<CsvRowBlob> {
  if (!(Number.isInteger(sliceRows) && sliceRows > 0)) throw new Error(`rows per slice must be a positive whole number, not ${sliceRows}`)
  const steps = rowBlobSteps(source, true, sliceRows)
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value
    await pause()
  }
}

function untilDone(steps: Generator<void, CsvRowBlob>): CsvRowBlob {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value
}

/** Makes the Blob and offsets, yielding once each `sliceRows` rows have been encoded (or more, by a run). */
function* rowBlobSteps(source: CsvRowSource, inRuns: boolean, sliceRows: number, onProgress?: (fraction: number) => void): Generator<void, CsvRowBlob> {
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
  const told = (r: number): void => {
    if (onProgress && r % PROGRESS_ROWS === PROGRESS_ROWS - 1) onProgress(r / n)
  }
  const encodeRow = (r: number): void => {
    offsets[r] = total
    told(r)
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
  /**
   * Rows `first`..`last`'s offsets, from their run `text` (at `from` in the body) encoded at once:
   * each row's place in the text plus the bytes beyond one a unit of the text before it. False
   * (nothing written that counts) when those bytes do not add up to what the run took: a pair of
   * surrogates spanning two rows, written as one code point in the run and as two alone.
   */
  const runOffsets = (text: string, from: number, first: number, last: number, written: number): boolean => {
    const beyond = /[^\0-\x7f]/g
    let extra = 0
    let k = first
    for (let m = beyond.exec(text); m !== null; m = beyond.exec(text)) {
      const at = m.index
      for (; k <= last && rowStart[k]! - from <= at; k++) {
        offsets[k] = total + (rowStart[k]! - from) + extra
      }
      const unit = text.charCodeAt(at)
      if (unit < 0x800) extra += 1
      else if (unit >= 0xd800 && unit <= 0xdbff && at + 1 < rowEnd[k - 1]! - from && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair within the row: four bytes for two units.
        extra += 2
        beyond.lastIndex = at + 2
      } else extra += 2 // Three bytes: a lone surrogate is written as U+FFFD.
    }
    for (; k <= last; k++) offsets[k] = total + (rowStart[k]! - from) + extra
    return text.length + extra === written
  }
  let r = 0
  let pauseAt = sliceRows
  while (r < n) {
    if (r >= pauseAt) {
      pauseAt = r + sliceRows
      yield
    }
    if (!inRuns) {
      encodeRow(r++)
      continue
    }
    // The rows that follow row r in the text and fit in the buffer's room, leaving a tenth of it
    // for the bytes that text outside ASCII takes beyond one a unit.
    const from = rowStart[r]!
    const room = buffer.length - used
    if (rowEnd[r]! - from > room * RUN_SHARE) {
      if (used > 0) flush()
      else encodeRow(r++)
      continue
    }
    let last = r
    while (last + 1 < n && rowStart[last + 1] === rowEnd[last] && rowEnd[last + 1]! - from <= room * RUN_SHARE) last++
    const text = body.slice(from, rowEnd[last]!)
    const { read, written } = encoder.encodeInto(text, buffer.subarray(used))
    if (read === text.length && runOffsets(text, from, r, last, written)) {
      used += written
      total += written
      // The rows told of in the run: those one short of a multiple of PROGRESS_ROWS.
      if (onProgress) for (let t = r + ((PROGRESS_ROWS - 1 - (r % PROGRESS_ROWS)) % PROGRESS_ROWS); t <= last; t += PROGRESS_ROWS) onProgress(t / n)
    } else {
      // The room ran out, or a pair of surrogates spans two rows: row by row, over what the run wrote.
      for (let k = r; k <= last; k++) encodeRow(k)
    }
    r = last + 1
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
