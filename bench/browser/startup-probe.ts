/**
 * What a page load costs up to the first painted dashboard: every script, JSON and stylesheet
 * the page and its workers fetched before that frame (with its size after gzip, as a server
 * would send it), and the main-thread tasks over 50 ms before it. "The first painted dashboard"
 * is the first frame in which the event count reads the dataset's size. Shared by the e2e
 * start-up check and bench/browser/startup.ts.
 */
import { gzipSync } from 'node:zlib'
import type { BrowserContext, Page, Request } from 'playwright-core'

/** One response fetched before the first painted dashboard. */
export interface FetchedBeforePaint {
  /** Path on the server, from the first `/`: `/assets/index-abc.js`. */
  readonly path: string
  readonly gzipBytes: number
}

export interface StartupFigures {
  /** ms from navigation start to the frame that painted the count. */
  readonly paintedMs: number
  readonly fetched: readonly FetchedBeforePaint[]
  readonly gzipBytes: number
  /** Durations (ms) of main-thread tasks over 50 ms that started before the paint. */
  readonly longTasksMs: readonly number[]
  /** With `traceTasks`: every main-thread task before the paint, from a trace, longest CPU time first. */
  readonly tracedTasks?: readonly TracedTask[]
  /** With `traceTasks`: the same from the paint until every panel has drawn (no placeholder left, events listed). */
  readonly tracedAfterPaint?: readonly TracedTask[]
}

/**
 * A task the page's main thread ran between navigation and the first painted dashboard:
 * its wall time and the CPU time the thread itself spent in it. On a loaded machine the wall
 * time of a task stretches with the wait for a core; its CPU time does not.
 */
export interface TracedTask {
  readonly wallMs: number
  /** CPU time of the task less `sourcePositionsMs`: what the page itself spent. */
  readonly cpuMs: number
  /**
   * CPU time V8 spent collecting source positions in the task (`V8.CollectSourcePositions`). It
   * happens only with DevTools attached, as every automated browser is: with its Runtime domain
   * on, V8 records a detailed stack trace for every Error created, and so re-parses each function
   * on the stack to find its lines. React DOM creates four Errors as it is evaluated, with its
   * 180 KB module function on the stack: ~50 ms of CPU that a page without DevTools never spends.
   */
  readonly sourcePositionsMs: number
  /** The longest event inside the task (`FunctionCall app.js`, `EvaluateScript index.js`, `Layout`…). */
  readonly what: string
}

/** Marked on the page (user timing) in the frame that first paints the dataset's count. */
const PAINTED_MARK = 'watchfloor-dashboard-painted'
/** Marked in the first frame with every panel drawn. */
const PANELS_MARK = 'watchfloor-panels-drawn'

interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly ts: number
  readonly dur?: number
  readonly tdur?: number
  readonly args?: { readonly data?: { readonly url?: string; readonly functionName?: string } }
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])
const SOURCE_POSITIONS = 'V8.CollectSourcePositions'

/** CPU ms spent collecting source positions inside a task (outermost collections only). */
function sourcePositionsInside(task: TraceEvent, onMain: readonly TraceEvent[]): number {
  const end = task.ts + (task.dur ?? 0)
  let ms = 0
  let covered = -Infinity
  const inside = onMain.filter((e) => e.name === SOURCE_POSITIONS && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end)
  for (const e of inside.sort((a, b) => a.ts - b.ts)) {
    if (e.ts < covered) continue
    covered = e.ts + (e.dur ?? 0)
    ms += (e.tdur ?? e.dur ?? 0) / 1000
  }
  return ms
}

/** The longest complete event strictly inside a task, named with the script it ran, if any. */
function longestInside(task: TraceEvent, onMain: readonly TraceEvent[]): string {
  const end = task.ts + (task.dur ?? 0)
  let best: TraceEvent | undefined
  for (const e of onMain) {
    if (e === task || e.ph !== 'X' || TASK_NAMES.has(e.name) || e.name.startsWith('V8.') || e.ts < task.ts || e.ts + (e.dur ?? 0) > end) continue
    if (best === undefined || (e.dur ?? 0) > (best.dur ?? 0)) best = e
  }
  if (best === undefined) return '?'
  const data = best.args?.data
  const where = [data?.functionName, data?.url?.split('/').pop()].filter((x) => x !== undefined && x !== '').join(' ')
  return where === '' ? best.name : `${best.name} ${where}`
}

/**
 * The page's main-thread tasks from a Chromium trace that start after the mark `after` (else
 * navigation start) and before the mark `before`, longest CPU time first.
 */
export function tracedTasks(events: readonly TraceEvent[], before: string, after?: string): TracedTask[] {
  const mark = events.find((e) => e.name === before)
  if (mark === undefined) throw new Error(`the trace holds no ${before} mark`)
  const onMain = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid)
  const starts = onMain.filter((e) => e.name === (after ?? 'navigationStart') && e.ts <= mark.ts).map((e) => e.ts)
  const from = starts.length > 0 ? Math.max(...starts) : -Infinity
  const runs = onMain
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.ts >= from && e.ts < mark.ts)
    .sort((a, b) => a.ts - b.ts)
  // Only the outermost: a task run inside another (a nested loop) is part of it.
  const out: TracedTask[] = []
  let end = -Infinity
  for (const e of runs) {
    if (e.ts < end) continue
    end = e.ts + (e.dur ?? 0)
    const sourcePositionsMs = sourcePositionsInside(e, onMain)
    const cpuMs = Math.max(0, (e.tdur ?? e.dur ?? 0) / 1000 - sourcePositionsMs)
    out.push({ wallMs: (e.dur ?? 0) / 1000, cpuMs, sourcePositionsMs, what: cpuMs + sourcePositionsMs > 20 ? longestInside(e, onMain) : '' })
  }
  return out.sort((a, b) => b.cpuMs - a.cpuMs)
}

const COUNTED = /\.(m?js|json|css)(\?|$)/

/** Records long tasks from the very start of the page: call before navigating. */
export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __startupTasks: [number, number][] }
    w.__startupTasks = []
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__startupTasks.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
  })
}

/**
 * Records what `page` (and its workers) fetch: call before navigating, then `settle` once the
 * dashboard has painted. Sizes are the gzip of each body at zlib's default level.
 */
export function recordFetches(page: Page): { settle(paintedEpochMs: number): Promise<FetchedBeforePaint[]> } {
  const done: Promise<FetchedBeforePaint | null>[] = []
  const onFinished = (request: Request): void => {
    const url = new URL(request.url())
    if (!/^https?:$/.test(url.protocol) || !COUNTED.test(url.pathname)) return
    done.push(
      (async () => {
        const response = await request.response()
        if (response === null) return null
        const timing = request.timing()
        // startTime is wall-clock ms; responseEnd is ms after it (-1 when unknown).
        const endEpochMs = timing.startTime + Math.max(timing.responseEnd, 0)
        const body = await response.body().catch(() => null)
        if (body === null) return null
        return { path: url.pathname, gzipBytes: gzipSync(body).length, endEpochMs } as FetchedBeforePaint & { endEpochMs: number }
      })(),
    )
  }
  page.context().on('requestfinished', onFinished)
  return {
    async settle(paintedEpochMs) {
      page.context().off('requestfinished', onFinished)
      const all = (await Promise.all(done)).filter((f): f is FetchedBeforePaint & { endEpochMs: number } => f !== null)
      return all.filter((f) => f.endEpochMs <= paintedEpochMs).map(({ path, gzipBytes }) => ({ path, gzipBytes }))
    },
  }
}

/** Waits for the frame that paints `expected` in the event count; its ms since navigation start and as epoch ms. */
export function countPaint(page: Page, expected: number, timeoutMs: number): Promise<{ sinceNavMs: number; epochMs: number }> {
  return page.evaluate(
    ({ expected, timeoutMs, mark }) =>
      new Promise<{ sinceNavMs: number; epochMs: number }>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs
        const read = (): number => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '') ?? NaN)
        const watch = (frameStart: number): void => {
          if (read() === expected) {
            performance.mark(mark)
            return resolve({ sinceNavMs: frameStart, epochMs: performance.timeOrigin + frameStart })
          }
          if (performance.now() > deadline) return reject(new Error(`the event count never read ${expected} (reads ${read()})`))
          requestAnimationFrame(watch)
        }
        requestAnimationFrame(watch)
      }),
    { expected, timeoutMs, mark: PAINTED_MARK },
  )
}

/** Waits for the first frame with every panel drawn (no placeholder left, events listed) and marks it. */
function panelsDrawn(page: Page, timeoutMs: number): Promise<void> {
  return page.evaluate(
    ({ timeoutMs, mark }) =>
      new Promise<void>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs
        const watch = (): void => {
          if (document.querySelector('[data-testid="panel-pending"]') === null && document.querySelector('[data-testid="event-row"]') !== null) {
            performance.mark(mark)
            return resolve()
          }
          if (performance.now() > deadline) return reject(new Error('the panels never finished drawing'))
          requestAnimationFrame(watch)
        }
        requestAnimationFrame(watch)
      }),
    { timeoutMs, mark: PANELS_MARK },
  )
}

/**
 * Opens `url` in a fresh page of `context` and measures the start-up to the first painted
 * dashboard showing `expected` events. The context must have had `watchLongTasks` applied.
 */
export async function measureStartup(
  context: BrowserContext,
  url: string,
  expected: number,
  options: { timeoutMs?: number; beforeNavigate?: (page: Page) => Promise<void>; onPainted?: () => Promise<void>; traceTasks?: boolean } = {},
): Promise<StartupFigures & { page: Page }> {
  const page = await context.newPage()
  await options.beforeNavigate?.(page)
  const browser = context.browser()
  const tracing = options.traceTasks === true && browser !== null
  if (tracing) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-v8.compile'] })
  const fetches = recordFetches(page)
  await page.goto(url, { waitUntil: 'commit' })
  const painted = await countPaint(page, expected, options.timeoutMs ?? 60_000)
  await options.onPainted?.()
  // Let responses that finished before the paint report in.
  await page.waitForTimeout(200)
  let traced: Pick<StartupFigures, 'tracedTasks' | 'tracedAfterPaint'> = {}
  if (tracing) {
    await panelsDrawn(page, options.timeoutMs ?? 60_000)
    const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents
    traced = { tracedTasks: tracedTasks(events, PAINTED_MARK), tracedAfterPaint: tracedTasks(events, PANELS_MARK, PAINTED_MARK) }
  }
  const fetched = await fetches.settle(painted.epochMs)
  const tasks = await page.evaluate(() => (window as unknown as { __startupTasks: [number, number][] }).__startupTasks)
  return {
    page,
    paintedMs: painted.sinceNavMs,
    fetched,
    gzipBytes: fetched.reduce((sum, f) => sum + f.gzipBytes, 0),
    longTasksMs: tasks.filter(([start]) => start < painted.sinceNavMs).map(([, ms]) => ms),
    ...traced,
  }
}
