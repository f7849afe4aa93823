/**
 * A picked file's saved copy, which the import worker posts after everything else ('saved'): taken
 * out of the worker's messages before its readers see them, and given once, as the Blob or as
 * null when it did not come (the worker failed or was ended first).
 */
import type { IngestThread } from './keeper-later.ts'

/** `worker` without its 'saved' message, which goes to `give` (null if the worker fails or is ended before it). */
export function savedApart(worker: IngestThread, give: (blob: Blob | null) => void): IngestThread {
  let given = false
  const once = (blob: Blob | null): void => {
    if (given) return
    given = true
    give(blob)
  }
  const thread: IngestThread = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer) => (transfer ? worker.postMessage(message, transfer) : worker.postMessage(message)),
    terminate: () => {
      once(null)
      worker.terminate()
    },
  }
  worker.onmessage = (event: MessageEvent) => {
    const data = event.data as { type?: string; blob?: Blob | null } | null
    if (data?.type === 'saved') return once(data.blob ?? null)
    thread.onmessage?.(event)
  }
  worker.onerror = (event) => {
    once(null)
    if (thread.onerror) thread.onerror(event)
  }
  return thread
}
