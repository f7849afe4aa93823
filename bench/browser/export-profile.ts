/**
 * Main-thread time of a picture export at scale, from CPU profiles: the app built without
 * minification into .tmp/dist-profile (NOBUILD=1 reuses it), `?synthetic=N` loaded until the
 * map has drawn, the export dialog of PANEL (map by default; timeline, dashboard…) set to PNG at
 * 2x, then three downloads each profiled from the click to the download event, with the
 * heaviest functions by self time.
 *
 *   [PANEL=map] [NOBUILD=1] npx tsx bench/browser/export-profile.ts [N=1000000]
 */
import { summarise, type Profile } from '../lib/cpu-profile.ts'
import { build } from 'vite'
import { launch, NAME_SHIM, ROOT, serve } from './harness.ts'
import { countPaintedAt } from './page-probes.ts'
const OUT = '.tmp/dist-profile'
const n = Number(process.argv[2] ?? 1_000_000)
const panel = process.env.PANEL ?? 'map'
if (!process.env.NOBUILD) await build({ root: ROOT, logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: false } })
const served = await serve(OUT)
const browser = await launch()
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  await page.goto(`${served.baseUrl}/?synthetic=${n}&seed=20251104`, { waitUntil: 'commit' })
  await countPaintedAt(page, n, 180_000)
  await page.locator('[data-testid="map-events"]').first().waitFor()
  await page.waitForTimeout(3000)
  await page.click(`[data-testid="export-${panel}"]`)
  await page.locator('[data-testid="export-dialog"]').waitFor()
  for (const id of ['export-format-png', 'export-scale-2']) await page.click(`[data-testid="${id}"]`)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  for (let run = 0; run < 3; run++) {
    await page.waitForTimeout(1000)
    await cdp.send('Profiler.start')
    const downloaded = page.waitForEvent('download', { timeout: 180_000 })
    const t0 = Date.now()
    await page.evaluate(() => document.querySelector<HTMLElement>('[data-testid="export-download"]')!.click())
    await downloaded
    const ms = Date.now() - t0
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
    const { busyMs: busy, top } = summarise(profile, 25)
    console.log(`run ${run}: ${ms} ms to download, ${busy.toFixed(0)} ms busy`)
    for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(8)} ${k}`)
  }
} finally {
  await browser.close()
  await served.close()
}
