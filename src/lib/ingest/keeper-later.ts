/**
 * The reader worker of a CSV import whose titles and rows follow its 'done' ('kept-titles', then
 * 'kept'): a stand-in that holds the page's asks until what each needs has come, then hands them
 * to a fresh worker with the titles (a KeepTitlesRequest) and the rows (a KeepRequest), and ends
 * the worker that parsed. The preview is shown meanwhile, so making the Blobs is not on the way
 * to it, and the list's titles wait for the titles' Blob alone. An ask for a picked file's copy
 * (CopyRequest) needs neither: it goes to the fresh worker at once.
 */
import type { CopyRequest, EventsRequest, EventsResponse, IngestResponse, KeepRequest, KeepTitlesRequest, TitlesRequest, TitlesResponse } from '../../domain/ingest/ingest-protocol.ts'

/** The parts of a Worker used here (a stand-in in tests). */
export interface IngestThread {
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(message: unknown, transfer?: Transferable[]): void
  terminate(): void
}

type Ask = EventsRequest | TitlesRequest | CopyRequest

/** An answer as a worker that cannot do what was asked would send it. */
type Refusal = EventsResponse | TitlesResponse | { readonly type: 'saved'; readonly blob: null }

/** An error event for the readers: the asks held and later then fail with `message`. */
function failure(message: string): ErrorEvent {
  return { message, preventDefault: () => {} } as ErrorEvent
}

/** The answer that fails `ask` with `reason`, as a worker that cannot read would send it (no copy, for a copy). */
function refusal(ask: Ask, reason: string): Refusal {
  if (ask.type === 'copy-file') return { type: 'saved', blob: null }
  return ask.type === 'events' ? { type: 'events-failed', id: ask.id, reason } : { type: 'titles-failed', id: ask.id, reason }
}

/**
 * A stand-in for the worker that will answer an import's reads: `parsing` sends the titles in a
 * 'kept-titles' message and then the rows in 'kept' (or 'failed'); `start` makes the fresh worker
 * they are handed to, started at once so that its code loads while they are made (or already
 * started: see ingest-client). An ask of the titles made before they come is sent after them, an
 * ask of events after the rows, each in the order asked. Once the parsing worker has failed,
 * every ask, held or later, is answered at once by a failure with its reason. While asks are held,
 * the parsing worker's 'alive' messages are passed on (the readers time silence from the last
 * message). The parsing worker is ended once the rows have come.
 */
export function keeperLater(parsing: IngestThread, start: () => IngestThread): IngestThread {
  const fresh = start()
  let titlesIn = false
  let rowsIn = false
  let ended = false
  let broken: string | null = null
  let held: Ask[] = []
  const ready = (ask: Ask): boolean => (ask.type === 'copy-file' ? true : ask.type === 'events' ? rowsIn : titlesIn)
  const release = (): void => {
    const waiting: Ask[] = []
    for (const ask of held) {
      if (ready(ask)) fresh.postMessage(ask)
      else waiting.push(ask)
    }
    held = waiting
  }
  const stand: IngestThread = {
    onmessage: null,
    onerror: null,
    postMessage(asked) {
      const message = asked as Ask
      if (broken !== null) {
        const reason = broken
        queueMicrotask(() => stand.onmessage?.({ data: refusal(message, reason) } as MessageEvent))
        return
      }
      if (ended) return
      if (ready(message)) fresh.postMessage(message)
      else held.push(message)
    },
    terminate() {
      ended = true
      held = []
      parsing.terminate()
      fresh.terminate()
    },
  }
  const fail = (reason: string): void => {
    if (ended || broken !== null) return
    broken = reason
    parsing.terminate()
    fresh.terminate()
    const asked = held
    held = []
    for (const ask of asked) stand.onmessage?.({ data: refusal(ask, reason) } as MessageEvent)
    stand.onerror?.(failure(reason))
  }
  fresh.onmessage = (answer) => stand.onmessage?.(answer)
  fresh.onerror = (error) => stand.onerror?.(error)
  parsing.onmessage = (event: MessageEvent<IngestResponse>) => {
    const message = event.data
    if (ended || rowsIn || broken !== null) return
    if (message.type === 'failed') return fail(message.reason)
    if (message.type === 'kept-titles' && !titlesIn) {
      titlesIn = true
      const keep: KeepTitlesRequest = { type: 'keep-titles', titles: message.titles }
      fresh.postMessage(keep, [message.titles.ends.buffer])
      release()
      return
    }
    // Asks held for the titles or rows wait on the parsing worker: its signs of life are theirs.
    if (message.type === 'alive' && held.length > 0) return stand.onmessage?.({ data: message } as MessageEvent)
    if (message.type !== 'kept') return
    if (!titlesIn) return fail('the import worker sent its rows before its titles')
    rowsIn = true
    parsing.terminate()
    const keep: KeepRequest = { type: 'keep', rows: message.rows }
    fresh.postMessage(keep)
    release()
  }
  parsing.onerror = (error) => {
    error.preventDefault()
    if (rowsIn) return
    fail(error.message || 'the import worker failed while keeping its rows')
  }
  return stand
}
