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
    ({ expected, timeoutMs }) =>
      new Promise<{ sinceNavMs: number; epochMs: number }>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs
        const read = (): number => Number(document.querySelector('[data-testid="event-count"]')?.textContent?.replace(/\D/g, '') ?? NaN)
        const watch = (frameStart: number): void => {
          if (read() === expected) return resolve({ sinceNavMs: frameStart, epochMs: performance.timeOrigin + frameStart })
          if (performance.now() > deadline) return reject(new Error(`the event count never read ${expected} (reads ${read()})`))
          requestAnimationFrame(watch)
        }
        requestAnimationFrame(watch)
      }),
    { expected, timeoutMs },
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
  options: { timeoutMs?: number; beforeNavigate?: (page: Page) => Promise<void>; onPainted?: () => Promise<void> } = {},
): Promise<StartupFigures & { page: Page }> {
  const page = await context.newPage()
  await options.beforeNavigate?.(page)
  const fetches = recordFetches(page)
  await page.goto(url, { waitUntil: 'commit' })
  const painted = await countPaint(page, expected, options.timeoutMs ?? 60_000)
  await options.onPainted?.()
  // Let responses that finished before the paint report in.
  await page.waitForTimeout(200)
  const fetched = await fetches.settle(painted.epochMs)
  const tasks = await page.evaluate(() => (window as unknown as { __startupTasks: [number, number][] }).__startupTasks)
  return {
    page,
    paintedMs: painted.sinceNavMs,
    fetched,
    gzipBytes: fetched.reduce((sum, f) => sum + f.gzipBytes, 0),
    longTasksMs: tasks.filter(([start]) => start < painted.sinceNavMs).map(([, ms]) => ms),
  }
}
