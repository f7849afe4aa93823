/**
 * The main thread's door to the early-warning worker. Where there is no Worker (jsdom,
 * component tests) the same computation runs here after a tick instead.
 *
 * A table's rows are counted once per table, in a worker of its own that gets a copy of the
 * columns and is ended as soon as it answers with the weekly counts (transferred), so the copy
 * (tens of megabytes at a million events) is gone at once rather than kept beside the page's.
 * One worker is then kept while computations come, holding only those counts (handed over
 * transferred: nothing is copied), so a new as-of (a time brush moves it) sends a few numbers
 * and reads no row. One computation runs at a time; a later one waits for it, and one
 * cancelled before it ran is never sent; one cancelled while it runs is let go of (the worker
 * stops it when the next comes, see warning-run.ts). The worker is let go after a minute without work,
 * with its counts.
 */
import type { EpochMs } from '../../domain/model.ts'
import type { EventTable } from '../../domain/table-types.ts'
import type { BandRequest, PlaceBand, WarningResult } from '../../domain/warning/dashboard-warning.ts'
import type { WarningSettings } from '../../domain/warning/settings.ts'
import type { WarningCounts } from '../../domain/warning/warning-counts.ts'
import { countsBuffers } from '../../domain/warning/counts-buffers.ts'
import type { WarningMessage, WarningResponse } from '../../domain/warning/warning-protocol.ts'
import type { WeeklyInput } from '../../domain/warning/weekly-counts.ts'

export interface WarningJob {
  readonly result: Promise<WarningResult>
  /** Stops the work; the promise then never settles. */
  cancel(): void
}

/** How long the worker and its copy of the table are kept with nothing to compute. */
const IDLE_MS = 60_000

function inputOf(table: EventTable): WeeklyInput {
  const { size, startMs, endMs, level, place, places, actors, extentMs } = table
  return { size, startMs, endMs, level, place, places, actors, extentMs }
}

interface Queued {
  readonly id: number
  readonly data: EventTable | WarningCounts
  readonly asOfMs: EpochMs
  readonly settings: WarningSettings
  readonly bandPlaces: readonly BandRequest[]
  readonly onProgress: (fraction: number) => void
  readonly onBands: (bands: readonly PlaceBand[]) => void
  readonly resolve: (result: WarningResult) => void
  readonly reject: (error: Error) => void
  cancelled: boolean
  /** Its computation was sent to the worker that keeps the counts. */
  sent: boolean
}

let nextId = 1
let worker: Worker | null = null
/** The table whose counts the worker holds (weakly: a table left behind is not kept for it). */
let held: WeakRef<EventTable> | null = null
let running: Queued | null = null
const waiting: Queued[] = []
let idleTimer: ReturnType<typeof setTimeout> | undefined

function letGo(): void {
  worker?.terminate()
  worker = null
  held = null
}

function settle(response: WarningResponse): void {
  const job = running
  if (job === null || response.id !== job.id) return
  if (response.type === 'progress') {
    if (!job.cancelled) job.onProgress(response.fraction)
    return
  }
  if (response.type === 'bands') {
    if (!job.cancelled) job.onBands(response.bands)
    return
  }
  if (response.type === 'counted') {
    // The worker that counted holds a copy of the columns: ended, and a fresh one keeps the counts.
    letGo()
    workerFor().postMessage({ type: 'counts', counts: response.counts } satisfies WarningMessage, countsBuffers(response.counts))
    held = new WeakRef(job.data as EventTable)
    if (job.cancelled) {
      running = null
      sendNext()
    } else {
      postCompute(job)
    }
    return
  }
  running = null
  if (!job.cancelled) {
    if (response.type === 'done') job.resolve(response.result)
    else job.reject(new Error(response.reason))
  }
  sendNext()
}

function workerFor(): Worker {
  if (worker !== null) return worker
  const made = new Worker(new URL('../../workers/warning.worker.ts', import.meta.url), { type: 'module', name: 'warning' })
  made.onmessage = (event: MessageEvent<WarningResponse>) => settle(event.data)
  made.onerror = (event) => {
    event.preventDefault()
    const job = running
    running = null
    letGo()
    if (job !== null && !job.cancelled) job.reject(new Error(`the early-warning worker failed: ${event.message || 'unknown error'}`))
    sendNext()
  }
  worker = made
  return made
}

function sendNext(): void {
  clearTimeout(idleTimer)
  if (running !== null) return
  const job = waiting.shift()
  if (job === undefined) {
    idleTimer = setTimeout(letGo, IDLE_MS)
    return
  }
  running = job
  if (!('all' in job.data) && held?.deref() !== job.data) {
    // Counted by a worker of its own: see the 'counted' answer in settle.
    letGo()
    workerFor().postMessage({ type: 'table', id: job.id, table: inputOf(job.data) } satisfies WarningMessage)
    return
  }
  postCompute(job)
}

function postCompute(job: Queued): void {
  job.sent = true
  const { id, asOfMs, settings, bandPlaces } = job
  const message: WarningMessage = 'all' in job.data ? { type: 'compute', id, counts: job.data, asOfMs, settings, bandPlaces } : { type: 'compute', id, asOfMs, settings, bandPlaces }
  workerFor().postMessage(message)
}

function cancel(job: Queued): void {
  job.cancelled = true
  const at = waiting.indexOf(job)
  if (at >= 0) waiting.splice(at, 1)
  // A computation the worker is running stops at its next slice once a newer one comes
  // (warning-run.ts): the next is sent now rather than after it, and its answers are dropped.
  if (running === job && job.sent) {
    running = null
    sendNext()
    return
  }
  dropStaleRun()
}

/**
 * A cancelled computation still running would only delay the next one: when the next needs
 * another table (whose columns must be sent anyway), the worker is ended now instead.
 */
function dropStaleRun(): void {
  const next = waiting[0]
  if (running?.cancelled !== true || next === undefined || 'all' in next.data || next.data === held?.deref() || next.data === running.data) return
  running = null
  letGo()
  sendNext()
}

/** In a page without workers: the same computation on this thread, after a tick. */
function startHere(...[data, asOfMs, settings, bandPlaces, onProgress, onBands]: Parameters<typeof startWarning>): WarningJob {
  let cancelled = false
  // Loaded on demand: the model stays out of the first download.
  const result = Promise.all([import('../../domain/warning/dashboard-warning.ts'), import('../../domain/warning/warning-counts.ts')]).then(
    ([{ computeWarning, warningFrom }, { warningSourceOf }]) =>
      new Promise<WarningResult>((resolve, reject) => {
        setTimeout(() => {
          if (cancelled) return
          try {
            resolve(
              'all' in data
                ? warningFrom(warningSourceOf(data), asOfMs, settings, bandPlaces, onProgress, onBands)
                : computeWarning(inputOf(data), asOfMs, settings, bandPlaces, onProgress, onBands),
            )
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)))
          }
        }, 0)
      }),
  )
  return { result, cancel: () => (cancelled = true) }
}

/**
 * Computes early warning for `data` at `asOfMs`, reporting progress (0–1) and, before the
 * surges, the bands (`onBands`): from a table's rows, or from the weekly counts a warehouse made
 * of its own.
 */
export function startWarning(
  data: EventTable | WarningCounts,
  asOfMs: EpochMs,
  settings: WarningSettings,
  bandPlaces: readonly BandRequest[],
  onProgress: (fraction: number) => void,
  onBands: (bands: readonly PlaceBand[]) => void = () => {},
): WarningJob {
  if (typeof Worker === 'undefined') return startHere(data, asOfMs, settings, bandPlaces, onProgress, onBands)
  let job!: Queued
  const result = new Promise<WarningResult>((resolve, reject) => {
    job = { id: nextId++, data, asOfMs, settings, bandPlaces, onProgress, onBands, resolve, reject, cancelled: false, sent: false }
  })
  waiting.push(job)
  dropStaleRun()
  sendNext()
  return { result, cancel: () => cancel(job) }
}
