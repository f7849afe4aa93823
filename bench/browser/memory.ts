/**
 * Memory and load of the app on real-shaped data: a generated CSV with a unique title and a
 * realistic summary per row (bench/write-synthetic-csv.ts, `--text real`) opened with `?data=`,
 * against `?synthetic=N` (shared short titles, no summaries) for comparison. For each: navigation
 * → every panel drawn (ms), the main thread's JS heap after a forced collection, and the
 * resident memory of the page's renderer process (its workers included) from /proc. Budget at 1M
 * real-shaped rows: heap ≤ 60 MB, resident ≤ 350 MB. The resident memory is read 3 s after the
 * main thread's collection (as it always was: the import's and index's threads may still be at
 * work then, as named), again once they are done ("settled"), and once more when the resident
 * size has stopped falling ("steady": sampled each second, no fall of 4 MB or more in 30 s, at
 * most 120 s). Between "settled" and "steady" V8 returns the pages of ended threads (the parsing
 * worker's heap) that its process-wide page pool keeps after they end: 6–10 s when nothing
 * forces a collection, 16 s or more after one (as the readings before force the page's).
 *
 * `--dist=FOLDER` serves another build (default: the one `--no-build` leaves out), to compare
 * builds alternated; its `bench-data/real-N.csv` may be a link to a CSV written once.
 *
 *   npx tsx bench/browser/memory.ts [N=1000000] [--no-build] [--dist=FOLDER]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { execFileSync } from 'node:child_process'
import { chromium, type Browser, type Page } from 'playwright-core'
import { APP_DIST, buildApp, CHROMIUM_ARGS, NAME_SHIM, ROOT, serve } from './harness.ts'
import { dashboardDrawnAt, heapAfterGc } from './page-probes.ts'

const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
const SEED = 20251104
const TIMEOUT_MS = 15 * 60_000
const SETTLE_TIMEOUT_MS = 5 * 60_000
const STEADY_WINDOW_MS = 30_000
const STEADY_FALL_MB = 4
const STEADY_TIMEOUT_MS = 120_000
const MARKER = `--watchfloor-memory-bench=${process.pid}`
const dist = process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? APP_DIST

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

/** Parent pid and resident KiB of a process, from /proc; null when it has gone. */
function statusOf(pid: number): { ppid: number; rssKiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return { ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1]), rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) }
  } catch {
    return null
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
  } catch {
    return ''
  }
}

/** Resident MB of the largest renderer process under our browser (the one launched with MARKER). */
function rendererResidentMb(): number {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
  const browserPid = pids.find((pid) => cmdline(pid).includes(MARKER) && !cmdline(pid).includes('--type='))
  if (browserPid === undefined) throw new Error('our Chromium process was not found')
  const parent = new Map(pids.map((pid) => [pid, statusOf(pid)?.ppid ?? 0]))
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === browserPid) return true
    return false
  }
  const renderers = pids.filter((pid) => under(pid) && cmdline(pid).includes('--type=renderer'))
  return Math.max(0, ...renderers.map((pid) => (statusOf(pid)?.rssKiB ?? 0) / 1024))
}

/** The page's workers alive, by their script's name. */
function workerNames(page: Page): string {
  return page.workers().map((w) => (w.url().split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '')).join(', ') || 'none'
}

/** No import or index thread is alive: one ingest worker at most (the reader), no title or text index being built. */
function settled(page: Page): boolean {
  const names = page.workers().map((w) => w.url())
  return names.filter((u) => u.includes('ingest.worker')).length <= 1 && !names.some((u) => /title-index|text-index|ingest-half|synthetic/.test(u))
}

/** The renderer's resident MB once it has stopped falling: no fall of STEADY_FALL_MB or more within STEADY_WINDOW_MS (sampled each second), or STEADY_TIMEOUT_MS. */
async function steadyResidentMb(page: Page): Promise<number> {
  const samples: number[] = []
  const from = Date.now()
  for (;;) {
    samples.push(rendererResidentMb())
    const window = samples.slice(-1 - STEADY_WINDOW_MS / 1000)
    if (window.length > STEADY_WINDOW_MS / 1000 && window[0]! - Math.min(...window) < STEADY_FALL_MB) return samples.at(-1)!
    if (Date.now() - from > STEADY_TIMEOUT_MS) return samples.at(-1)!
    await page.waitForTimeout(1000)
  }
}

async function measure(browser: Browser, url: string, label: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
  try {
    await context.addInitScript(NAME_SHIM)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const loadAtStart = load()
    await page.goto(url, { waitUntil: 'commit' })
    const drawnMs = await dashboardDrawnAt(page, n, TIMEOUT_MS)
    const heapBytes = await heapAfterGc(await context.newCDPSession(page))
    // Let the workers finish and the allocator settle before reading the resident size.
    await page.waitForTimeout(3000)
    const residentMb = rendererResidentMb()
    const workersThen = workerNames(page)
    if (errors.length > 0) throw new Error(`the app logged errors: ${errors.join(' | ')}`)
    console.log(
      `${label} at ${n.toLocaleString('en-GB')}: drawn at ${(drawnMs / 1000).toFixed(1)} s; JS heap (main thread, after GC) ${(heapBytes / 1048576).toFixed(1)} MB; renderer resident ${residentMb.toFixed(0)} MB (workers then: ${workersThen}); load average ${loadAtStart} → ${load()}`,
    )
    // The same once the load's own threads are done (the parsing worker ended, the titles'
    // index built): what the page holds from then on, apart from what was read at once above.
    const settledFrom = Date.now()
    while (!settled(page) && Date.now() - settledFrom < SETTLE_TIMEOUT_MS) await page.waitForTimeout(500)
    await heapAfterGc(await context.newCDPSession(page))
    await page.waitForTimeout(3000)
    console.log(`  settled ${((Date.now() - settledFrom) / 1000).toFixed(1)} s later (workers: ${workerNames(page)}): renderer resident ${rendererResidentMb().toFixed(0)} MB; load average ${load()}`)
    const steady = await steadyResidentMb(page)
    console.log(`  steady ${((Date.now() - settledFrom) / 1000).toFixed(1)} s after settling began (workers: ${workerNames(page)}): renderer resident ${steady.toFixed(0)} MB; load average ${load()}`)
  } finally {
    await context.close()
  }
}

if (!process.argv.includes('--no-build')) await buildApp()
const dataDir = `${ROOT}/${dist}/bench-data`
mkdirSync(dataDir, { recursive: true })
const csv = `real-${n}.csv`
if (!existsSync(`${dataDir}/${csv}`)) {
  execFileSync('npx', ['tsx', 'bench/write-synthetic-csv.ts', String(n), '-o', `${dataDir}/${csv}`, '--seed', String(SEED), '--text', 'real'], { cwd: ROOT, stdio: 'inherit' })
}
const served = await serve(dist)
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p): p is string => Boolean(p) && existsSync(p!))!
// Launched with a marker of its own, so that its renderer is found among other Chromiums' on a shared machine.
const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, MARKER] })
try {
  await measure(browser, `${served.baseUrl}/?data=${encodeURIComponent(`/bench-data/${csv}`)}`, 'real-shaped CSV (?data=)')
  await measure(browser, `${served.baseUrl}/?synthetic=${n}&seed=${SEED}`, '?synthetic= (short shared titles)')
} finally {
  await browser.close()
  await served.close()
}
