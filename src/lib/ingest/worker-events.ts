/**
 * Reading an import's events from a worker: for a CSV, a fresh one holding the accepted rows as a
 * Blob with their offsets; else the worker that read the import, which keeps its events. The page
 * holds only the table's columns; each read is a message.
 * The worker lives as long as the reader: the table and every table made from it (a merge, the
 * data kept for undo) hold the reader, and the worker is ended once none does.
 */
import type { EventsRequest, EventsResponse } from '../../domain/ingest/ingest-protocol.ts'
import type { ThreatEvent } from '../../domain/model.ts'

export type ReadEvents = (rows: ArrayLike<number>) => Promise<ThreatEvent[]>

/** The part of a Worker the reader uses (a stand-in in tests). */
export interface EventsWorker {
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(message: EventsRequest): void
  terminate(): void
}

/** Ends each worker once the reader that asks it has been collected. */
const ended = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<EventsWorker>((worker) => worker.terminate()) : null

interface Waiting {
  readonly resolve: (events: ThreatEvent[]) => void
  readonly reject: (error: Error) => void
  readonly timer: ReturnType<typeof setTimeout>
}

/**
 * The reader of an import's events by table row: `sourceRow` (the table's) turns each into the
 * worker's input row. A read rejects with a reason when the worker has failed, answers that it
 * cannot, or sends nothing for `silenceMs` (a worker stopped without an error event).
 */
export function workerEvents(worker: EventsWorker, sourceRow: Uint32Array | null, silenceMs: number): ReadEvents {
  const waiting = new Map<number, Waiting>()
  let next = 0
  let broken: string | null = null
  const fail = (reason: string): void => {
    broken = reason
    for (const [id, w] of waiting) {
      clearTimeout(w.timer)
      w.reject(new Error(reason))
      waiting.delete(id)
    }
    worker.terminate()
  }
  worker.onmessage = (event: MessageEvent<EventsResponse>) => {
    const answer = event.data
    const w = waiting.get(answer.id)
    if (!w) return
    waiting.delete(answer.id)
    clearTimeout(w.timer)
    if (answer.type === 'events') w.resolve(answer.events as ThreatEvent[])
    else w.reject(new Error(`the event could not be read: ${answer.reason}`))
  }
  worker.onerror = (event) => {
    event.preventDefault()
    fail(`the import's worker stopped (${event.message || 'unknown error'}): import the data again to read its events`)
  }
  const read: ReadEvents = (rows) => {
    if (broken) return Promise.reject(new Error(broken))
    if (rows.length === 0) return Promise.resolve([])
    const inputRows = new Uint32Array(rows.length)
    for (let i = 0; i < rows.length; i++) inputRows[i] = sourceRow === null ? rows[i]! : sourceRow[rows[i]!]!
    const id = next++
    return new Promise<ThreatEvent[]>((resolve, reject) => {
      const timer = setTimeout(() => fail(`the import's worker stopped answering (nothing for ${Math.round(silenceMs / 1000)} s): import the data again to read its events`), silenceMs)
      waiting.set(id, { resolve, reject, timer })
      worker.postMessage({ type: 'events', id, rows: inputRows })
    })
  }
  ended?.register(read, worker)
  return read
}
