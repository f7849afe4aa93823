/**
 * A picked file's saved copy, which the worker that answers an import's reads makes only when
 * the page asks (a CopyRequest, answered by 'saved'): the ask, and the answer taken out of the
 * worker's messages before its readers see them, given once, as the Blob or as null when it did
 * not come (the worker failed or was ended first, or was silent for `silenceMs` after the ask).
 */
import type { CopyRequest } from '../../domain/ingest/ingest-protocol.ts'
import type { IngestThread } from './keeper-later.ts'

export interface SavedApart {
  /** `worker` without its 'saved' message. */
  readonly thread: IngestThread
  /** Asks the worker for the copy of `file`, once (later calls, and calls after the copy is given, do nothing). */
  readonly ask: () => void
}

/** `worker` without its 'saved' message, which goes to `give` (null if the worker fails or is ended before it). */
export function savedApart(worker: IngestThread, file: Blob, give: (blob: Blob | null) => void, silenceMs: number): SavedApart {
  let given = false
  let asked = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const once = (blob: Blob | null): void => {
    if (given) return
    given = true
    clearTimeout(timer)
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
  const ask = (): void => {
    if (asked || given) return
    asked = true
    // A copy that does not come in time is made by the page when the workspace saves.
    timer = setTimeout(() => once(null), silenceMs)
    const request: CopyRequest = { type: 'copy-file', file }
    worker.postMessage(request)
  }
  return { thread, ask }
}
