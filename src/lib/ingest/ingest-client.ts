/**
 * The main thread's door to the ingest worker: start an import, follow its progress, cancel it.
 * Each import runs in a fresh module worker, so cancelling is terminating: nothing half-parsed
 * can reach the app. A finished import's events are read by message (worker-events.ts): from a
 * fresh worker holding a CSV's rows as a Blob (sent after 'done', keeper-later.ts), or from the
 * worker that read a JSON and the like. That worker also makes a picked file's saved copy, when
 * the workspace asks for it as it saves (saved-apart.ts, file-copies.ts).
 * The page never holds the input's text.
 */
import type { ColumnTarget } from '../../domain/ingest/csv-headers.ts'
import type { ImportFormat } from '../../domain/ingest/detect.ts'
import { madeChoices, type ReadChoices } from '../../domain/ingest/read-choices.ts'
import type { StringColumn } from '../../domain/string-column.ts'
import type { EventTable } from '../../domain/table-types.ts'
import {
  DEFAULT_MAX_BYTES,
  WORKER_SILENCE_MS,
  type IngestMeta,
  type IngestPhase,
  type IngestReport,
  type IngestRequest,
  type IngestResponse,
  type IngestSource,
  type Validators,
} from '../../domain/ingest/ingest-protocol.ts'
import { copyComing } from '../storage/file-copies.ts'
import { keeperLater, type IngestThread } from './keeper-later.ts'
import { savedApart } from './saved-apart.ts'
import { workerReaders } from './worker-events.ts'

export interface ImportedData {
  readonly table: EventTable
  /** The event id of each table row; packed as the worker sent it (read with stringAt). */
  readonly ids: StringColumn
  readonly meta: IngestMeta
  readonly report: IngestReport
  readonly validators: Validators
  /**
   * The input as read, what the workspace saves to rebuild it: the bytes the worker read from a
   * URL, as a Blob it made while reading, stored as it is; a picked file, whose copy the worker
   * that answers the reads makes when the workspace saves it (file-copies.ts; a Parquet file's is
   * made by the page); a saved input's own Blob read again; else the pasted text.
   */
  readonly text: string | Blob
  /** When the import finished, ms since the epoch; the data's "updated" time. */
  readonly receivedAtMs: number
  /** How many of the `knownIds` given to startIngest the data holds; absent when none were given. */
  readonly clashes?: number
  /** Some event is a draft to review (`extra.draft`, read from an article); looked for up to MAX_DRAFT_ROWS rows. */
  readonly holdsDrafts?: boolean
}

export type IngestOutcome =
  | { readonly kind: 'done'; readonly data: ImportedData }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'cancelled' }
  | {
      readonly kind: 'failed'
      readonly reason: string
      readonly headers?: readonly string[]
      readonly mapping?: readonly ColumnTarget[]
    }

export interface IngestOptions extends ReadChoices {
  readonly format?: ImportFormat | 'auto'
  readonly overrides?: ReadonlyMap<number, ColumnTarget>
  /** Refuse inputs larger than this many bytes (default 512 MB). */
  readonly maxBytes?: number
  readonly onProgress?: (phase: IngestPhase, fraction: number) => void
  /** The ids of the data on screen: the report then counts how many the input holds too (`clashes`). */
  readonly knownIds?: StringColumn
  /** A URL source must answer data, never a web page (a `?data=` link, a live source): see IngestRequest. */
  readonly refuseHtml?: boolean
  /** Fail when the worker sends nothing for this long (ms; default WORKER_SILENCE_MS). */
  readonly silenceMs?: number
  /** Inputs read together with `source` as one (GDELT events files and their mentions tables). */
  readonly companions?: readonly IngestSource[]
}

export interface IngestJob {
  readonly done: Promise<IngestOutcome>
  cancel(): void
}

function newIngestWorker(): Worker {
  return new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' })
}

/**
 * Workers started ahead of an import, their module already loaded when they are needed: one to
 * import, one to keep a CSV's titles and rows after it (keeper-later.ts).
 */
type SpareSlot = 'importer' | 'keeper'
const spares: Record<SpareSlot, Worker | null> = { importer: null, keeper: null }

function warm(slot: SpareSlot): void {
  if (spares[slot] !== null || typeof Worker === 'undefined') return
  const worker = newIngestWorker()
  // A worker whose code failed to load is dropped; the import then starts a fresh one and reports its error.
  worker.onerror = (event) => {
    event.preventDefault()
    worker.terminate()
    if (spares[slot] === worker) spares[slot] = null
  }
  spares[slot] = worker
}

function takeSpare(slot: SpareSlot): Worker | null {
  const worker = spares[slot]
  spares[slot] = null
  return worker
}

/** A keeper an import did not need: the next import's, or ended when there is one already. */
function giveBackKeeper(worker: Worker): void {
  if (spares.keeper === null) spares.keeper = worker
  else worker.terminate()
}

/**
 * Starts the workers for the next import (when the import dialog opens), so that neither the
 * import nor the hand-over of a CSV's rows after it waits for a worker's code to load.
 * Idempotent; the workers idle until an import uses them. Does nothing where there are no workers.
 */
export function prewarmIngest(): void {
  warm('importer')
  warm('keeper')
}

/** An imported table's `eventAt`: its events are in its worker, read through `eventsOfRows`. */
function keptElsewhere(row: number): never {
  throw new Error(`row ${row}'s event is kept by the import's worker: read it with eventsOfRows`)
}

/**
 * The worker that answers reads of an import's events: for a CSV, a fresh one handed the titles'
 * and rows' Blobs once the parsing worker sends them after 'done' (the parsing worker is then
 * ended, and with it what V8 grew its heap to while parsing); else the worker that read the
 * import, which keeps its events. For a picked file (`copied`) it makes the file's copy when asked:
 * the ask is left with the workspace (file-copies.ts), which makes it when it saves the data.
 */
function readerOf(parsing: Worker, keeper: () => Worker, keptFollows: boolean, copied: { file: Blob; silenceMs: number } | null): IngestThread {
  const reader: IngestThread = keptFollows ? keeperLater(parsing, keeper) : parsing
  if (!copied) return reader
  const copy = deferred<Blob | null>()
  const { thread, ask } = savedApart(reader, copied.file, copy.give, copied.silenceMs)
  copyComing(copied.file, copy.promise, ask)
  return thread
}

/** A promise and the function that settles it. */
function deferred<T>(): { promise: Promise<T>; give: (value: T) => void } {
  let give: (value: T) => void = () => {}
  const promise = new Promise<T>((resolve) => {
    give = resolve
  })
  return { promise, give }
}

/** An imported table's titles column: empty, the titles being kept by the worker (`remoteTitles`). */
const KEPT_ELSEWHERE: StringColumn = []

/** Starts importing `source` in a worker. The job's promise never rejects. */
export function startIngest(source: IngestSource, options: IngestOptions = {}): IngestJob {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (source.kind === 'file' && source.file.size > maxBytes) {
    const mb = (n: number): string => `${Math.round(n / (1024 * 1024)).toLocaleString('en-GB')} MB`
    const reason = `the file is ${mb(source.file.size)}, over the ${mb(maxBytes)} limit: split it, or raise the limit`
    return { done: Promise.resolve({ kind: 'failed', reason }), cancel: () => {} }
  }
  performance.mark('watchfloor:ingest-start')
  const worker = takeSpare('importer') ?? newIngestWorker()
  // A picked file's import starts its keeper now (if none was started with the dialog), so that
  // the keeper's code has loaded by the time a CSV's titles and rows are handed to it.
  const early = takeSpare('keeper') ?? (source.kind === 'file' && typeof Worker !== 'undefined' ? newIngestWorker() : null)
  let keeper = early
  // A keeper whose code fails to load is dropped quietly (its error is not the page's): a fresh
  // one is started if the import needs it, and reports its own failure to the reads then.
  if (early !== null) {
    early.onerror = (event) => {
      event.preventDefault()
      early.terminate()
      if (keeper === early) keeper = null
    }
  }
  const takeKeeper = (): Worker => {
    const taken = keeper ?? newIngestWorker()
    keeper = null
    return taken
  }
  let settle: (outcome: IngestOutcome) => void = () => {}
  // A worker can stop without an error event (closed, killed for memory): its silence fails the import.
  const silenceMs = options.silenceMs ?? WORKER_SILENCE_MS
  const silent = (): void => settle({ kind: 'failed', reason: `the import worker stopped answering (nothing for ${silenceMs >= 1000 ? `${Math.round(silenceMs / 1000)} s` : `${silenceMs} ms`}); try again` })
  let watchdog = setTimeout(silent, silenceMs)
  const heard = (): void => {
    clearTimeout(watchdog)
    watchdog = setTimeout(silent, silenceMs)
  }
  const done = new Promise<IngestOutcome>((resolve) => {
    settle = (outcome) => {
      clearTimeout(watchdog)
      // A finished import's worker answers its events' reads from now on (workerReaders ends it).
      if (outcome.kind !== 'done') worker.terminate()
      if (keeper) giveBackKeeper(keeper)
      keeper = null
      resolve(outcome)
      settle = () => {}
    }
  })
  // Ids arrive ahead of 'done', in a message of their own. They stay packed, sliced only when
  // read: a million strings made here would be copied by every young-generation collection while
  // the data arrives. Titles stay in the worker, which searches and reads them for the page.
  let ids: StringColumn = []
  worker.onmessage = (event: MessageEvent<IngestResponse>) => {
    const message = event.data
    heard()
    switch (message.type) {
      case 'alive':
        return
      case 'progress':
        options.onProgress?.(message.phase, message.fraction)
        return
      case 'ids':
        ids = message.ids
        return
      case 'unchanged':
        settle({ kind: 'unchanged' })
        return
      case 'failed':
        settle({ kind: 'failed', reason: message.reason, ...(message.headers ? { headers: message.headers } : {}), ...(message.mapping ? { mapping: message.mapping } : {}) })
        return
      case 'done': {
        // User-timing marks: benchmarks read them to split worker time from main-thread time.
        performance.mark('watchfloor:ingest-received')
        const { meta, report, validators, clashes, blob, holdsDrafts } = message.payload
        const text = blob ?? (source.kind === 'file' ? source.file : (message.payload.text ?? (source.kind === 'text' ? source.text : '')))
        const posted = message.payload.table
        // A picked file's copy is made when the workspace saves the data, once it is drawn.
        const picked = message.payload.copyOnAsk === true && source.kind === 'file' ? { file: source.file, silenceMs } : null
        const reader = readerOf(worker, takeKeeper, message.payload.keptFollows === true, picked)
        const { readEvents, titles: remoteTitles } = workerReaders(reader, posted.sourceRow, silenceMs)
        const table: EventTable = { ...posted, titles: KEPT_ELSEWHERE, remoteTitles, readEvents, eventAt: keptElsewhere }
        settle({
          kind: 'done',
          data: { table, ids, meta, report, validators, text, receivedAtMs: Date.now(), holdsDrafts, ...(clashes === undefined ? {} : { clashes }) },
        })
        return
      }
    }
  }
  worker.onerror = (event) => {
    event.preventDefault()
    settle({ kind: 'failed', reason: `the import worker failed: ${event.message || 'unknown error'}` })
  }
  const request: IngestRequest = {
    type: 'ingest',
    source,
    format: options.format ?? 'auto',
    overrides: [...(options.overrides ?? new Map<number, ColumnTarget>())],
    maxBytes,
    ...(options.knownIds ? { knownIds: options.knownIds } : {}),
    ...(options.refuseHtml ? { refuseHtml: true } : {}),
    ...(options.companions && options.companions.length > 0 ? { companions: options.companions } : {}),
    ...madeChoices(options),
  }
  worker.postMessage(request)
  return { done, cancel: () => settle({ kind: 'cancelled' }) }
}
