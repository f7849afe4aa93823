/**
 * Inputs as Blobs that IndexedDB stores by value, made without blocking the page. Storing a long
 * string clones it in one task (hundreds of ms for an 80 MB CSV), and so does `new Blob([text])`;
 * a Blob made of slice-sized Blobs is built in short tasks while the page is idle, and storing a
 * Blob costs the page next to nothing (the browser copies its bytes elsewhere). A File is not
 * stored as it is: Chromium keeps only a reference to the file on disk, so a dataset saved that
 * way is lost once the file is moved or deleted. Its bytes are copied into a Blob instead.
 */

/** Characters encoded at a time: about 5 ms on a two-core machine. */
export const BLOB_SLICE_CHARS = 1 << 20

/** Longest run of slices between two waits, ms: well under a 50 ms task. */
export const MAX_RUN_MS = 20

/**
 * Waits until the page is idle (or for a later task where idle callbacks are missing), so that
 * input, paints and the panels' staged renders go first, and resolves with how long the caller
 * may now work, ms. In a hidden page it resolves at once with no limit: nobody is waiting for
 * the page, and its timers may be throttled to one a minute.
 */
export function nextIdle(): Promise<number> {
  if (typeof document !== 'undefined' && document.hidden) return Promise.resolve(Number.POSITIVE_INFINITY)
  if (typeof requestIdleCallback === 'function') {
    return new Promise((resolve) => requestIdleCallback((deadline) => resolve(Math.min(MAX_RUN_MS, deadline.timeRemaining())), { timeout: 250 }))
  }
  return new Promise((resolve) => setTimeout(() => resolve(0), 0))
}

/**
 * Where a slice of `text` starting at `start` ends: `start + sliceChars`, or one character
 * further so that a surrogate pair is never cut in two (a lone half would be stored as U+FFFD).
 */
export function sliceEnd(text: string, start: number, sliceChars: number): number {
  const end = Math.min(text.length, start + sliceChars)
  if (end >= text.length) return text.length
  const last = text.charCodeAt(end - 1)
  return last >= 0xd800 && last <= 0xdbff ? end + 1 : end
}

export interface SliceOptions {
  /** Waits between runs of slices and resolves with the ms the next run may take (default nextIdle). */
  readonly between?: () => Promise<number>
  /** The clock for those ms (default performance.now). */
  readonly nowMs?: () => number
}

/**
 * The UTF-8 bytes of `text` as a Blob, encoded a slice at a time: one slice after each wait, and
 * more while the time the wait gave lasts. Reading the Blob back as UTF-8 gives `text` exactly
 * (for text without lone surrogates, which decoded input never has).
 */
export async function textToBlob(text: string, options: SliceOptions & { readonly sliceChars?: number } = {}): Promise<Blob> {
  const sliceChars = Math.max(1, options.sliceChars ?? BLOB_SLICE_CHARS)
  const between = options.between ?? nextIdle
  const nowMs = options.nowMs ?? (() => performance.now())
  const parts: Blob[] = []
  let runEndsMs = nowMs()
  for (let start = 0; start < text.length; ) {
    if (start > 0 && nowMs() >= runEndsMs) {
      const budgetMs = await between()
      runEndsMs = nowMs() + budgetMs
    }
    const end = sliceEnd(text, start, sliceChars)
    parts.push(new Blob([text.slice(start, end)]))
    start = end
  }
  return parts.length === 1 ? parts[0]! : new Blob(parts)
}

/** Bytes copied at a time: about 3 ms on a two-core machine. */
export const BLOB_SLICE_BYTES = 1 << 20

/**
 * A copy of `file`'s bytes as a Blob held by the browser (not a reference to a file on disk),
 * read as a stream and copied a slice at a time like textToBlob. Rejects when the file cannot be
 * read (moved, deleted or changed since it was picked).
 */
export async function fileToBlob(file: Blob, options: SliceOptions & { readonly sliceBytes?: number } = {}): Promise<Blob> {
  const sliceBytes = Math.max(1, options.sliceBytes ?? BLOB_SLICE_BYTES)
  const between = options.between ?? nextIdle
  const nowMs = options.nowMs ?? (() => performance.now())
  const reader = file.stream().getReader()
  const parts: Blob[] = []
  let slice: Uint8Array<ArrayBuffer>[] = []
  let sliceLength = 0
  let runEndsMs = nowMs()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    slice.push(value as Uint8Array<ArrayBuffer>)
    sliceLength += value.byteLength
    if (sliceLength < sliceBytes) continue
    if (parts.length > 0 && nowMs() >= runEndsMs) {
      const budgetMs = await between()
      runEndsMs = nowMs() + budgetMs
    }
    parts.push(new Blob(slice))
    slice = []
    sliceLength = 0
  }
  if (slice.length > 0) parts.push(new Blob(slice))
  return new Blob(parts, { type: file.type })
}
