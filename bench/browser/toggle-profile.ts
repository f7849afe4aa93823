/**
 * Main-thread time of one level toggle at scale, from a CPU profile: the app built without
 * minification (names stay readable) into .tmp/dist-profile, `?synthetic=N` loaded until every
 * panel has drawn, then the V8 profiler records a click on a level toggle until the page has been
 * idle for a second. Busy time is every sample that is not idle; the heaviest functions (self
 * time) say where it went.
 *
 *   npx tsx bench/browser/toggle-profile.ts [N=1000000] [toggles=3]
 *
 * CYCLE=1 toggles levels 1, 2, 3, 4, 5, then 1, 2, … again, so that no filter state comes back
 * within ten toggles: none is served from the engine's kept states (seen-states.ts), as the
 * default back and forth of level 1 would be after its first two toggles.
 *
 * TRACE=1 also records a Chrome trace of each toggle and reports the main thread's own CPU time
 * in it (the tasks' thread time from the click's pointerdown on): unlike the profile's busy time,
 * it does not count the time the thread waits for a core, so it varies less with the machine's load.
 */
import { writeFileSync } from 'node:fs'
import type { CDPSession, Page } from 'playwright-core'
import { build } from 'vite'
import { launch, NAME_SHIM, ROOT, serve } from './harness.ts'
import { brushTimeline, countPaintedAt } from './page-probes.ts'
import { summarise, type Profile } from '../lib/cpu-profile.ts'

const OUT = '.tmp/dist-profile'
const n = Number(process.argv[2] ?? 1_000_000)
const toggles = Number(process.argv[3] ?? 3)


interface TraceEvent {
  readonly ph: string
  readonly name: string
  readonly tid: number
  readonly ts: number
  readonly dur?: number
  readonly tdur?: number
  readonly args?: { readonly name?: string; readonly data?: { readonly type?: string } }
}

/**
 * One more toggle under a Chrome trace: the main thread's CPU time (thread time of its top-level
 * tasks) from the click's pointerdown until 1.2 s later, when every panel has long settled.
 */
/** The toggle clicked the `t`-th time (see CYCLE above). */
function levelToggle(t: number): string {
  return `[data-testid="filter-level-${process.env.CYCLE ? (t % 5) + 1 : 1}"]`
}

/**
 * ACTION=brush profiles the time brush instead: odd runs drag across 55–75 % of the timeline,
 * even runs double-click to clear it. ACTION=region picks the first region and clears it.
 */
async function act(page: Page, t: number): Promise<void> {
  if (process.env.ACTION === 'brush') {
    if (t % 2 === 0) return brushTimeline(page)
    const box = (await page.locator('[data-testid="timeline-chart"]').boundingBox())!
    return page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.6)
  }
  if (process.env.ACTION === 'region') {
    if (t % 2 === 0) return void (await page.locator('.filter-bar select').first().selectOption({ index: 1 }))
    return void (await page.locator('.filter-bar select').first().selectOption({ index: 0 }))
  }
  return page.click(levelToggle(t))
}

async function tracedToggle(session: CDPSession, page: Page, t: number): Promise<number> {
  // The protocol's tracing events, typed as the trace is read here.
  const cdp = session as unknown as {
    on(event: string, listener: (data: { value: TraceEvent[] }) => void): void
    off(event: string, listener: (data: { value: TraceEvent[] }) => void): void
    once(event: string, listener: () => void): void
    send(method: string, params?: object): Promise<unknown>
  }
  const events: TraceEvent[] = []
  const collect = (data: { value: TraceEvent[] }): void => void events.push(...data.value)
  cdp.on('Tracing.dataCollected', collect)
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel', transferMode: 'ReportEvents' })
  await act(page, t)
  await page.waitForTimeout(1200)
  await cdp.send('Tracing.end')
  await complete
  cdp.off('Tracing.dataCollected', collect)
  const mainTid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid
  const main = events.filter((e) => e.ph === 'X' && e.tid === mainTid && e.dur !== undefined).sort((a, b) => a.ts - b.ts)
  const from = main.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerdown')?.ts ?? main[0]?.ts ?? 0
  let cpuUs = 0
  let end = -Infinity
  for (const e of main) {
    if (e.ts < end) continue // nested in a task already counted
    end = e.ts + e.dur!
    if (end >= from) cpuUs += e.tdur ?? e.dur!
  }
  return cpuUs / 1000
}

await build({ root: ROOT, logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: false } })
const served = await serve(OUT)
const browser = await launch()
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  await page.goto(`${served.baseUrl}/?synthetic=${n}&seed=20251104`, { waitUntil: 'commit' })
  await countPaintedAt(page, n, 180_000)
  await page.waitForFunction(() => document.querySelector('.panel-pending') === null, null, { timeout: 120_000 })
  // Early warning's first answer, which draws on the timeline, is not the toggle's (clicks.ts).
  await page.waitForSelector('[data-testid="timeline-chart"][data-warning="ready"], [data-testid="timeline-chart"][data-warning="failed"]', { timeout: 300_000 })
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 2000))
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  const runs: number[] = []
  const cpuRuns: number[] = []
  for (let t = 0; t < toggles; t++) {
    await cdp.send('Profiler.start')
    // CONTROL=idle records the settling alone; CONTROL=inert clicks the page's title, which does
    // nothing: the floor that Playwright's click (hit tests, pointer events, hover) costs by itself.
    if (process.env.CONTROL === 'inert') await page.click('h1')
    else if (!process.env.CONTROL) await act(page, t)
    // Settled: a second with no main-thread task longer than a frame.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          let previous = performance.now()
          let quietSince = previous
          const tick = (): void => {
            const now = performance.now()
            if (now - previous > 50) quietSince = now
            previous = now
            if (now - quietSince > 1000) resolve()
            else setTimeout(tick, 16)
          }
          setTimeout(tick, 16)
        }),
    )
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
    if (process.env.PROFILE_DUMP) writeFileSync(`${process.env.PROFILE_DUMP}/toggle-${t + 1}.cpuprofile`, JSON.stringify(profile))
    const { busyMs, top, files } = summarise(profile)
    runs.push(busyMs)
    console.log(`toggle ${t + 1}: ${busyMs.toFixed(0)} ms busy on the main thread (${files.map(([f, ms]) => `${f} ${ms.toFixed(0)}`).join(', ')})`)
    for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`)
  }
  // The same number of toggles again, traced (so each run's directions alternate as above).
  if (process.env.TRACE) for (let t = 0; t < toggles; t++) cpuRuns.push(await tracedToggle(cdp, page, toggles + t))
  const median = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b)
    return sorted.length === 0 ? '–' : sorted[Math.floor(sorted.length / 2)]!.toFixed(0)
  }
  // Odd toggles go from every level to level 1 alone, even ones back: the two differ in work.
  const narrowing = runs.filter((_, i) => i % 2 === 0)
  const widening = runs.filter((_, i) => i % 2 === 1)
  const directions = (a: number[], b: number[]): string => (process.env.CYCLE ? '' : ` (to level 1 alone ${median(a)}, back to all ${median(b)})`)
  console.log(`median of ${runs.length} toggles at ${n}: ${median(runs)} ms busy${directions(narrowing, widening)}`)
  if (cpuRuns.length > 0) {
    // The traced toggles start where the profiled ones left the levels.
    const narrows = (i: number): boolean => (toggles + i) % 2 === 0
    const cpuNarrowing = cpuRuns.filter((_, i) => narrows(i))
    const cpuWidening = cpuRuns.filter((_, i) => !narrows(i))
    console.log(`main-thread CPU of ${cpuRuns.length} traced toggles: median ${median(cpuRuns)} ms${directions(cpuNarrowing, cpuWidening)}`)
  }
} finally {
  await browser.close()
  await served.close()
}
