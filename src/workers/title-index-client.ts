/**
 * Indexes titles kept as a Blob in a thread of its own (title-index.worker.ts), ended once it
 * answers: the index's vocabulary and offsets come back transferred and its row lists as a Blob,
 * while the build's own garbage (a map of a million distinct tokens at 1M real-shaped titles,
 * each row's tokens) ends with that thread rather than stay in the keeper's heap until the
 * keeper's next full collection. Where no thread can be started, or it fails, the index is built
 * here as before.
 */
import type { BlobTitles } from '../domain/engine/local/blob-titles.ts'
import type { IndexRequest, IndexResponse } from './title-index-run.ts'

/** The parts of a Worker used here (a stand-in in tests). */
export interface IndexThread {
  onmessage: ((event: MessageEvent<IndexResponse>) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(message: IndexRequest): void
  terminate(): void
}

/**
 * Builds `titles`' index in the thread `start` makes, ends it, and has `titles` search through
 * the index; resolves once they do. `start` null (no workers here), throwing, or a thread that
 * fails: the index is built in this thread instead.
 */
export async function indexApart(titles: BlobTitles, start: (() => IndexThread) | null): Promise<void> {
  let thread: IndexThread | null = null
  try {
    thread = start?.() ?? null
  } catch {
    thread = null
  }
  if (thread === null) return titles.buildIndex()
  const worker = thread
  const answer = await new Promise<IndexResponse>((resolve) => {
    worker.onmessage = (event) => resolve(event.data)
    worker.onerror = (event) => {
      event.preventDefault()
      resolve({ type: 'failed', reason: event.message || 'the title-index thread failed' })
    }
    worker.postMessage(titles.source)
  })
  worker.onmessage = null
  worker.onerror = null
  worker.terminate()
  if (answer.type === 'failed') return titles.buildIndex()
  titles.useIndex(answer.index)
}
