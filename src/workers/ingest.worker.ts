/// <reference lib="webworker" />
/**
 * The ingest worker: parses what the app hands it off the main thread (see domain/ingest/ingest-protocol.ts and
 * ingest-run.ts). papaparse runs here as a plain library; its own `worker: true` mode is not used.
 * A long CSV is read in two halves at once: the second in a worker of this worker's own, which
 * ends with it (cancelling the import terminates both). Once the import is done the worker keeps
 * its events (a JSON and the like) and answers the page's asks for them until the page ends it.
 * A CSV's titles and rows go to the page as Blobs; the page hands them to a fresh worker of this
 * kind ('keep-titles', then 'keep'), which answers the reads, and ends the one that parsed. The
 * worker that answers the reads makes a picked file's saved copy when the page asks ('copy-file').
 */
import { WORKER_HEARTBEAT_MS, type EventsResponse, type IngestRequest, type IngestResponse, type IngestWorkerRequest, type TitlesResponse } from '../domain/ingest/ingest-protocol.ts'
import type { HalfRequest } from './ingest-half.worker.ts'
import { answerCopy, answerEvents, answerTitles, keptRowsReader, keptTitlesOf, runIngest, SPLIT_MIN_CHARS, type EventReader, type ReadHalf, type TitleKeeper } from './ingest-run.ts'
import { indexApart, type IndexThread } from './title-index-client.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

function startHalfWorker(): Worker {
  return new Worker(new URL('./ingest-half.worker.ts', import.meta.url), { type: 'module', name: 'ingest-half' })
}

/** Starts a second thread ahead of need; one that fails before it is used is dropped (a fresh one is started). */
function startEarly(): { worker: Worker; failed: boolean } {
  const early = { worker: startHalfWorker(), failed: false }
  early.worker.onerror = (error) => {
    error.preventDefault()
    early.failed = true
  }
  return early
}

/** A CSV file this large starts its second thread before reading, so that its code has loaded by the time it is needed. */
function wantsHalfEarly(request: IngestRequest): boolean {
  return request.source.kind === 'file' && request.source.file.size >= SPLIT_MIN_CHARS && (request.format === 'auto' || request.format === 'csv')
}

/** The reader of the import this worker ran, once it is done. */
let kept: EventReader | null = null
/** Its titles, searched and read for the page (a fresh worker's, as the Blob they came in). */
let titles: Promise<TitleKeeper | null> | TitleKeeper | null = null

function startIndexWorker(): IndexThread {
  return new Worker(new URL('./title-index.worker.ts', import.meta.url), { type: 'module', name: 'title-index' }) as unknown as IndexThread
}

/**
 * Keeps `kept`'s titles and builds their search index (searches meanwhile read every title): a
 * Blob's in a worker of its own, ended once it answers; titles in this worker's heap a chunk a task.
 */
function keepTitles(kept: Promise<TitleKeeper>): void {
  titles = kept.then(
    (t) => {
      if ('useIndex' in t) void indexApart(t, typeof Worker === 'function' ? startIndexWorker : null).catch(() => undefined)
      else void t.indexInSteps((step) => setTimeout(step, 0))
      return t
    },
    () => null,
  )
}

const post = (message: IngestResponse, transfer: Transferable[] = []): void => scope.postMessage(message, transfer)

scope.onmessage = (event: MessageEvent<IngestWorkerRequest>) => {
  const request = event.data
  if (request.type === 'events') {
    void answerEvents(request, kept, (answer: EventsResponse) => scope.postMessage(answer))
    return
  }
  if (request.type === 'search-titles' || request.type === 'read-titles' || request.type === 'hash-titles') {
    void answerTitles(request, titles, (answer: TitlesResponse, transfer: Transferable[] = []) => scope.postMessage(answer, transfer))
    return
  }
  if (request.type === 'copy-file') {
    void answerCopy(request, post)
    return
  }
  if (request.type === 'keep-titles') {
    keepTitles(keptTitlesOf(request.titles))
    return
  }
  if (request.type === 'keep') {
    kept = keptRowsReader(request.rows)
    return
  }
  let early = typeof Worker === 'function' && wantsHalfEarly(request) ? startEarly() : null
  const readHalf: ReadHalf | null =
    typeof Worker === 'function'
      ? (text, overrides, newline) =>
          new Promise((resolve, reject) => {
            const worker = early && !early.failed ? early.worker : startHalfWorker()
            if (early?.failed) early.worker.terminate()
            early = null
            worker.onmessage = (message) => {
              worker.terminate()
              resolve(message.data)
            }
            worker.onerror = (error) => {
              error.preventDefault()
              worker.terminate()
              reject(new Error(error.message || 'the second import thread failed'))
            }
            const half: HalfRequest = { text, overrides, newline }
            worker.postMessage(half)
          })
      : null
  // The page takes a worker that stays silent for WORKER_SILENCE_MS as stopped: say it is alive.
  const heartbeat = setInterval(() => post({ type: 'alive' }), WORKER_HEARTBEAT_MS)
  void runIngest(request, post, readHalf ? { readHalf } : undefined).then((done) => {
    kept = done?.read ?? null
    if (done) keepTitles(Promise.resolve(done.titles))
  }).finally(() => {
    clearInterval(heartbeat)
    early?.worker.terminate()
    early = null
  })
}
