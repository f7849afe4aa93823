/**
 * Start-up of the built app on the bundled sample: what is fetched before the first painted
 * dashboard (gzip KB per file), the main-thread tasks over 50 ms before it, and with `--profile`
 * the heaviest functions of a CPU profile of the load (the app built without minification into
 * .tmp/dist-profile, so names stay readable; each run's profile is kept as .tmp/startup-N.cpuprofile).
 * Without `--profile`, a trace of the load gives every main-thread task's CPU and wall time, up
 * to the paint and from it until every panel has drawn; the CPU time is the page's own, and the
 * source positions V8 collects only because DevTools is attached are shown apart (startup-probe.ts).
 *
 *   npx tsx bench/browser/startup.ts [--profile] [--no-build] [runs=3]
 */
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { APP_DIST, launch, NAME_SHIM, ROOT, serve } from './harness.ts'
import { measureStartup, type TracedTask, watchLongTasks } from './startup-probe.ts'
import type { Profile } from '../lib/cpu-profile.ts'

const SAMPLE_EVENTS = 286
const profile = process.argv.includes('--profile')
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3)
const outDir = profile ? '.tmp/dist-profile' : APP_DIST


function heaviest(p: Profile): [string, number][] {
  const byId = new Map(p.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') return
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000)
  })
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)
}

/** Runs of samples with no idle sample between them (a task, roughly), longest first, each with its heaviest functions. */
function tasks(p: Profile): { ms: number; top: string }[] {
  const byId = new Map(p.nodes.map((node) => [node.id, node]))
  const out: { ms: number; self: Map<string, number> }[] = []
  let current: { ms: number; self: Map<string, number> } | null = null
  p.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000
    if (frame.functionName === '(idle)') {
      current = null
      return
    }
    if (current === null) {
      current = { ms: 0, self: new Map() }
      out.push(current)
    }
    current.ms += ms
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}`
    current.self.set(key, (current.self.get(key) ?? 0) + ms)
  })
  return out
    .filter((t) => t.ms > 50)
    .map((t) => ({ ms: t.ms, top: [...t.self].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('; ') }))
}

/** How many tasks, and the longest few as CPU ms (wall ms), with DevTools' source-position collection apart. */
function describeTasks(tasks: readonly TracedTask[]): string {
  const positions = (t: TracedTask): string => (t.sourcePositionsMs >= 1 ? ` +${t.sourcePositionsMs.toFixed(0)} source positions` : '')
  const top = tasks.slice(0, 4).map((t) => `${t.cpuMs.toFixed(0)} (${t.wallMs.toFixed(0)}) ${t.what}${positions(t)}`)
  return `${tasks.length} tasks, longest CPU ms (wall ms): ${top.join(', ')}; over 50 ms CPU: ${tasks.filter((t) => t.cpuMs > 50).length}`
}

if (!process.argv.includes('--no-build')) {
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, ...(profile ? { minify: false } : {}) } })
}
console.log(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
const served = await serve(outDir)
const browser = await launch()
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
    await context.addInitScript(NAME_SHIM)
    await watchLongTasks(context)
    let cdpProfile: (() => Promise<Profile>) | undefined
    let stopped: Promise<Profile> | undefined
    const onPainted = async (): Promise<void> => {
      stopped = cdpProfile?.()
    }
    const beforeNavigate = async (page: Page): Promise<void> => {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await cdp.send('Profiler.start')
      cdpProfile = async () => ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile
    }
    const figures = await measureStartup(context, `${served.baseUrl}/`, SAMPLE_EVENTS, profile ? { beforeNavigate, onPainted } : { traceTasks: true })
    console.log(
      `run ${run + 1}: painted at ${figures.paintedMs.toFixed(0)} ms; fetched before it ${(figures.gzipBytes / 1024).toFixed(1)} KB gzip in ${figures.fetched.length} files; tasks > 50 ms: ${figures.longTasksMs.map((ms) => ms.toFixed(0)).join(', ') || 'none'}`,
    )
    if (figures.tracedTasks && figures.tracedAfterPaint) {
      console.log(`  before the paint: ${describeTasks(figures.tracedTasks)}`)
      console.log(`  paint → every panel drawn: ${describeTasks(figures.tracedAfterPaint)}`)
    }
    if (run === 0) {
      for (const f of [...figures.fetched].sort((a, b) => b.gzipBytes - a.gzipBytes)) console.log(`  ${(f.gzipBytes / 1024).toFixed(1).padStart(7)} KB  ${f.path}`)
    }
    if (stopped) {
      const recorded = await stopped
      // For Chromium's DevTools (Performance → Load profile) or a closer look.
      writeFileSync(`.tmp/startup-${run + 1}.cpuprofile`, JSON.stringify(recorded))
      for (const [name, ms] of heaviest(recorded)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`)
      for (const t of tasks(recorded)) console.log(`  task ${t.ms.toFixed(0)} ms: ${t.top}`)
    }
    await context.close()
  }
} finally {
  await browser.close()
  await served.close()
}
console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
