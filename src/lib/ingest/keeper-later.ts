/**
 * The reader worker of a CSV import whose rows and titles follow its 'done' ('kept'): a stand-in
 * that holds the page's asks until they come, then hands them to a fresh worker with the rows
 * (a KeepRequest) and ends the worker that parsed. The preview is shown meanwhile, so making the
 * rows' Blob is not on the way to it.
 */
import type { EventsRequest, IngestResponse, KeepRequest, TitlesRequest } from '../../domain/ingest/ingest-protocol.ts'
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

/**
 * A stand-in for the worker that will answer an import's reads: `parsing` sends the rows in a
 * 'kept' message (or 'failed'); `start` makes the fresh worker they are handed to, started at once
 * so that its code loads while the rows are made. Asks made before the rows come are sent to it,
 * in order, after them.
 */
export function keeperLater(parsing: IngestThread, start: () => IngestThread): EventsWorker {
  const fresh = start()
  let keeper: IngestThread | null = null
  let ended = false
  const held: (EventsRequest | TitlesRequest)[] = []
  const stand: EventsWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
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
    if (ended) return
    parsing.terminate()
    fresh.terminate()
    stand.onerror?.(failure(reason))
  }
  fresh.onmessage = (answer) => stand.onmessage?.(answer)
  fresh.onerror = (error) => stand.onerror?.(error)
  parsing.onmessage = (event: MessageEvent<IngestResponse>) => {
    const message = event.data
    if (ended || keeper) return
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
