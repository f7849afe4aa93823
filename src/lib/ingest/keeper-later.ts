/**
 * The reader worker of a CSV import whose rows and titles follow its 'done' ('kept'): a stand-in
 * that holds the page's asks until they come, then hands them to a fresh worker with the rows
 * (a KeepRequest) and ends the worker that parsed. The preview is shown meanwhile, so making the
 * rows' Blob is not on the way to it.
 */
import type { EventsRequest, EventsResponse, IngestResponse, KeepRequest, TitlesRequest, TitlesResponse } from '../../domain/ingest/ingest-protocol.ts'
import type { EventsWorker } from './worker-events.ts'

/** The parts of a Worker used here (a stand-in in tests). */
export interface IngestThread {
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(message: unknown, transfer?: Transferable[]): void
  terminate(): void
}

/** An error event for the readers: the asks held and later then fail with `message`. */
function failure(message: string): ErrorEvent {
  return { message, preventDefault: () => {} } as ErrorEvent
}

/** The answer that fails `ask` with `reason`, as a worker that cannot read would send it. */
function refusal(ask: EventsRequest | TitlesRequest, reason: string): EventsResponse | TitlesResponse {
  return ask.type === 'events' ? { type: 'events-failed', id: ask.id, reason } : { type: 'titles-failed', id: ask.id, reason }
}

/**
 * A stand-in for the worker that will answer an import's reads: `parsing` sends the rows in a
 * 'kept' message (or 'failed'); `start` makes the fresh worker they are handed to, started at once
 * so that its code loads while the rows are made. Asks made before the rows come are sent to it,
 * in order, after them. Once the parsing worker has failed, every ask, held or later, is answered
 * at once by a failure with its reason.
 */
export function keeperLater(parsing: IngestThread, start: () => IngestThread): EventsWorker {
  const fresh = start()
  let keeper: IngestThread | null = null
  let ended = false
  let broken: string | null = null
  const held: (EventsRequest | TitlesRequest)[] = []
  const stand: EventsWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      if (broken !== null) {
        const reason = broken
        queueMicrotask(() => stand.onmessage?.({ data: refusal(message, reason) } as MessageEvent))
        return
      }
      if (ended) return
      if (keeper) keeper.postMessage(message)
      else held.push(message)
    },
    terminate() {
      ended = true
      held.length = 0
      parsing.terminate()
      fresh.terminate()
    },
  }
  const fail = (reason: string): void => {
    if (ended || broken !== null) return
    broken = reason
    parsing.terminate()
    fresh.terminate()
    const asked = held.splice(0)
    for (const ask of asked) stand.onmessage?.({ data: refusal(ask, reason) } as MessageEvent)
    stand.onerror?.(failure(reason))
  }
  fresh.onmessage = (answer) => stand.onmessage?.(answer)
  fresh.onerror = (error) => stand.onerror?.(error)
  parsing.onmessage = (event: MessageEvent<IngestResponse>) => {
    const message = event.data
    if (ended || keeper || broken !== null) return
    if (message.type === 'failed') return fail(message.reason)
    if (message.type !== 'kept') return
    parsing.terminate()
    keeper = fresh
    const keep: KeepRequest = { type: 'keep', rows: message.rows, titles: message.titles }
    fresh.postMessage(keep, [message.titles.ends.buffer])
    for (const ask of held) fresh.postMessage(ask)
    held.length = 0
  }
  parsing.onerror = (error) => {
    error.preventDefault()
    fail(error.message || 'the import worker failed while keeping its rows')
  }
  return stand
}
