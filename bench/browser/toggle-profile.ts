/**
 * Main-thread time of one level toggle at scale, from a CPU profile: the app built without
 * minification (names stay readable) into .tmp/dist-profile, `?synthetic=N` loaded until every
 * panel has drawn, then the V8 profiler records a click on a level toggle until the page has been
 * idle for a second. Busy time is every sample that is not idle; the heaviest functions (self
 * time) say where it went.
 *
 *   npx tsx bench/browser/toggle-profile.ts [N=1000000] [toggles=3]
 */
import { writeFileSync } from 'node:fs'
import { build } from 'vite'
import { launch, NAME_SHIM, ROOT, serve } from './harness.ts'
import { countPaintedAt } from './page-probes.ts'
import type { Profile } from '../lib/cpu-profile.ts'

const OUT = '.tmp/dist-profile'
const n = Number(process.argv[2] ?? 1_000_000)
const toggles = Number(process.argv[3] ?? 3)


/** Busy milliseconds and self time per function (ms), heaviest first. */
function summarise(profile: Profile): { busyMs: number; top: [string, number][]; files: [string, number][] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  const byFile = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (frame.functionName === '(idle)') return
    busy += ms
    const file = frame.url.split('/').pop() ?? ''
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + ms)
    // Chunks by name without their hash; the browser's own work (layout, paint, GC) as "(native)".
    const chunk = file === '' ? '(native)' : file.replace(/-[\w-]{8}\.js$/, '.js')
    byFile.set(chunk, (byFile.get(chunk) ?? 0) + ms)
  })
  const heaviest = (m: Map<string, number>, k: number): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
  return { busyMs: busy, top: heaviest(self, 15), files: heaviest(byFile, 6) }
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
  await page.waitForTimeout(2000)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  const runs: number[] = []
  for (let t = 0; t < toggles; t++) {
    await cdp.send('Profiler.start')
    // CONTROL=idle records the settling alone; CONTROL=inert clicks the page's title, which does
    // nothing: the floor that Playwright's click (hit tests, pointer events, hover) costs by itself.
    if (process.env.CONTROL === 'inert') await page.click('h1')
    else if (!process.env.CONTROL) await page.click('[data-testid="filter-level-1"]')
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
  const median = (values: number[]): string => {
    const sorted = [...values].sort((a, b) => a - b)
    return sorted.length === 0 ? '–' : sorted[Math.floor(sorted.length / 2)]!.toFixed(0)
  }
  // Odd toggles go from every level to level 1 alone, even ones back: the two differ in work.
  const narrowing = runs.filter((_, i) => i % 2 === 0)
  const widening = runs.filter((_, i) => i % 2 === 1)
  console.log(`median of ${runs.length} toggles at ${n}: ${median(runs)} ms busy (to level 1 alone ${median(narrowing)}, back to all ${median(widening)})`)
} finally {
  await browser.close()
  await served.close()
}
