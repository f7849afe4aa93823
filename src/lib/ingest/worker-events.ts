/**
 * Reading an import's events and titles from a worker: for a CSV, a fresh one holding the accepted
 * rows and the titles as Blobs; else the worker that read the import, which keeps its events and
 * titles. The page holds only the table's columns; each read or title search is a message.
 * The worker lives as long as the readers: the table and every table made from it (a merge, the
 * data kept for undo) hold them, and the worker is ended once none does.
 */
import type { EventsRequest, EventsResponse, TitlesRequest, TitlesResponse } from '../../domain/ingest/ingest-protocol.ts'
import type { ThreatEvent } from '../../domain/model.ts'
import type { RemoteTitles } from '../../domain/table-types.ts'

export type ReadEvents = (rows: ArrayLike<number>) => Promise<ThreatEvent[]>

/** The part of a Worker the readers use (a stand-in in tests). */
export interface EventsWorker {
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(message: EventsRequest | TitlesRequest): void
  terminate(): void
}

/** Ends each worker once the readers that ask it have been collected. */
const ended = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<EventsWorker>((worker) => worker.terminate()) : null

type Answer = EventsResponse | TitlesResponse

interface Waiting {
  readonly resolve: (answer: Answer) => void
  readonly reject: (error: Error) => void
}

type Ask = (make: (id: number) => EventsRequest | TitlesRequest) => Promise<Answer>

/**
 * Asks a worker by message, each ask with an id; a failed or silent worker fails every ask,
 * pending and later. Silent means nothing at all from the worker (an answer, or a sign of life
 * such as 'alive') for `silenceMs` while an ask waits: a long wait with signs of life is not
 * silence. The worker's handlers hold the waiting asks, never the returned function, so that the
 * function (held by the readers) can be collected while the worker runs.
 */
function workerAsks(worker: EventsWorker, silenceMs: number): Ask {
  const waiting = new Map<number, Waiting>()
  const state = { next: 0, broken: null as string | null, silence: undefined as ReturnType<typeof setTimeout> | undefined }
  const fail = (reason: string): void => {
    state.broken = reason
    clearTimeout(state.silence)
    for (const [id, w] of waiting) {
      w.reject(new Error(reason))
      waiting.delete(id)
    }
    worker.terminate()
  }
  // The silence is timed from the last message (or the first ask after none waited), while asks wait.
  const listen = (): void => {
    clearTimeout(state.silence)
    state.silence = waiting.size === 0 ? undefined : setTimeout(() => fail(`the import's worker stopped answering (nothing for ${Math.round(silenceMs / 1000)} s): import the data again to read its events`), silenceMs)
  }
  worker.onmessage = (event: MessageEvent<Answer | { readonly type: 'alive' }>) => {
    const answer = event.data
    const w = 'id' in answer ? waiting.get(answer.id) : undefined
    if (w && 'id' in answer) {
      waiting.delete(answer.id)
      w.resolve(answer)
    }
    if (!state.broken) listen()
  }
  worker.onerror = (event) => {
    event.preventDefault()
    fail(`the import's worker stopped (${event.message || 'unknown error'}): import the data again to read its events`)
  }
  return (make) => {
    if (state.broken) return Promise.reject(new Error(state.broken))
    const id = state.next++
    return new Promise<Answer>((resolve, reject) => {
      waiting.set(id, { resolve, reject })
      if (waiting.size === 1) listen()
      worker.postMessage(make(id))
    })
  }
}

/** The worker's answer, or a rejection with the reason it gave. */
function expect<T extends Answer['type']>(answer: Answer, type: T): Extract<Answer, { type: T }> {
  if (answer.type === type) return answer as Extract<Answer, { type: T }>
  const reason = 'reason' in answer ? answer.reason : `unexpected answer ${answer.type}`
  throw new Error(answer.type === 'events-failed' ? `the event could not be read: ${reason}` : `the titles could not be read: ${reason}`)
}

/**
 * The readers of an import's events and titles by table row: `sourceRow` (the table's) turns each
 * row into the worker's input row for events; titles are kept in table-row order. A read rejects
 * with a reason when the worker has failed, answers that it cannot, or sends nothing (no answer,
 * no sign of life) for `silenceMs` while reads wait (a worker stopped without an error event).
 */
export function workerReaders(worker: EventsWorker, sourceRow: Uint32Array | null, silenceMs: number): { readEvents: ReadEvents; titles: RemoteTitles } {
  const ask = workerAsks(worker, silenceMs)
  const readEvents: ReadEvents = async (rows) => {
    if (rows.length === 0) return []
    const inputRows = new Uint32Array(rows.length)
    for (let i = 0; i < rows.length; i++) inputRows[i] = sourceRow === null ? rows[i]! : sourceRow[rows[i]!]!
    const answer = await ask((id) => ({ type: 'events', id, rows: inputRows }))
    return expect(answer, 'events').events as ThreatEvent[]
  }
  const titles: RemoteTitles = {
    search: async (needle) => expect(await ask((id) => ({ type: 'search-titles', id, needle })), 'title-hits').hits,
    read: async (rows) => {
      if (rows.length === 0) return []
      const asked = Uint32Array.from(rows)
      return [...expect(await ask((id) => ({ type: 'read-titles', id, rows: asked })), 'titles-read').titles]
    },
    hash: async (table) => {
      const { sourceRow: order, startMs, endMs, level } = table
      return expect(await ask((id) => ({ type: 'hash-titles', id, sourceRow: order, startMs, endMs, level })), 'titles-hash').hash
    },
  }
  ended?.register(ask, worker)
  return { readEvents, titles }
}

/** The reader of an import's events alone (see workerReaders). */
export function workerEvents(worker: EventsWorker, sourceRow: Uint32Array | null, silenceMs: number): ReadEvents {
  return workerReaders(worker, sourceRow, silenceMs).readEvents
}
