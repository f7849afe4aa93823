/**
 * Where the first time each filter state is reached spends its main-thread time, task by task:
 * the app built without minification (readable names) into .tmp/dist-profile, `?synthetic=N`
 * loaded as the clicks bench loads it, then each filter kind applied and undone once (the first
 * time, nothing kept) under a Chrome trace that carries V8's CPU samples. Each task of the change
 * is listed with its start after the input, its CPU time (the thread's own, which a loaded
 * machine stretches least) and wall time, and the functions that hold most of its samples
 * (inclusive), so a task reads as its stage: the click's handler, a panel's fill, React's commit.
 *
 *   npx tsx bench/browser/click-stages.ts [N=1000000] [--only "brush|preset"] [--no-build] [--min-ms 4] [--callers NAME]
 *
 * `--callers NAME` also lists, per task, the commonest call paths (their last frames) of the
 * samples whose innermost function is NAME, e.g. a forced layout's `getBoundingClientRect`.
 *
 * The samples are taken every 100 µs by the profiler thread; a task's sampled time is close to
 * its CPU time unless the machine is loaded (then the samples also count time waiting for a core).
 */
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { launch, ROOT, serve } from './harness.ts'
import { ARMED, DRAWN, kinds, measureChange, openDashboard, type Step } from './clicks.ts'

const OUT = process.env.DIST ?? '.tmp/dist-profile'
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'))
const n = Number(positional[0] ?? 1_000_000)
const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}
const only = option('--only')
const minMs = Number(option('--min-ms') ?? 4)
const callersOf = option('--callers')

interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly ts: number
  readonly id?: string
  readonly dur?: number
  readonly tdur?: number
  readonly args?: {
    readonly data?: {
      readonly startTime?: number
      readonly cpuProfile?: {
        readonly nodes?: readonly { readonly id: number; readonly parent?: number; readonly callFrame: { readonly functionName: string; readonly url?: string; readonly lineNumber?: number } }[]
        readonly samples?: readonly number[]
      }
      readonly timeDeltas?: readonly number[]
    }
  }
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])
/** The browser's own rendering work inside a task (trace events, CPU ms). */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'HitTest', 'ParseHTML', 'Commit'])
/** Frames that say nothing of a stage. */
const GENERIC = /^\((program|idle|garbage collector|root)\)$|^(step|run|go|ready|flush|dispatch\w*|callback|performWorkUntilDeadline|workLoop\w*|flushWork|scheduler.*|advanceTimers|\(anonymous\))$/

interface Sample {
  readonly ts: number
  readonly stack: readonly string[]
}

/** The main thread's CPU samples from the trace, with their call stacks (outermost first). */
function samplesOf(events: readonly TraceEvent[], pid: number, tid: number): Sample[] {
  const profiles = events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid)
  const out: Sample[] = []
  for (const profile of profiles) {
    const nodes = new Map<number, { parent?: number; name: string }>()
    let ts = profile.args?.data?.startTime ?? profile.ts
    for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === pid)) {
      const data = chunk.args?.data
      for (const node of data?.cpuProfile?.nodes ?? []) {
        const file = (node.callFrame.url ?? '').split('/').pop() ?? ''
        const name = node.callFrame.functionName || '(anonymous)'
        nodes.set(node.id, { parent: node.parent, name: file === '' || name.startsWith('(') ? name : `${name} ${file.replace(/-[\w-]{8}\.js$/, '.js')}` })
      }
      const samples = data?.cpuProfile?.samples ?? []
      const deltas = data?.timeDeltas ?? []
      for (let i = 0; i < samples.length; i++) {
        ts += deltas[i] ?? 0
        const stack: string[] = []
        for (let id: number | undefined = samples[i]; id !== undefined; id = nodes.get(id)?.parent) stack.push(nodes.get(id)?.name ?? '?')
        out.push({ ts, stack: stack.reverse() })
      }
    }
  }
  return out.sort((a, b) => a.ts - b.ts)
}

/** The functions holding most of `samples` (inclusive ms), broadest first, leaving out the task's own wrappers. */
function stagesOf(samples: readonly Sample[], cpuMs: number): string {
  if (samples.length === 0) return ''
  const inclusive = new Map<string, number>()
  const self = new Map<string, number>()
  for (const s of samples) {
    for (const name of new Set(s.stack)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1)
    const leaf = s.stack[s.stack.length - 1] ?? '?'
    self.set(leaf, (self.get(leaf) ?? 0) + 1)
  }
  const total = samples.length
  // Samples also fall while the thread waits for a core: each is given its share of the task's CPU.
  const sampleMs = cpuMs / total
  const shown = [...inclusive]
    .filter(([name, k]) => !GENERIC.test(name.split(' ')[0]!) && k < total * 0.97 && k >= Math.max(2, total * 0.08))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, k]) => `${name} ${(k * sampleMs).toFixed(1)}`)
  const leaves = [...self].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, k]) => `${name} ${(k * sampleMs).toFixed(1)}`)
  return `\n      inclusive: ${shown.join(' | ')}\n      self: ${leaves.join(' | ')}${callersOf === undefined ? '' : callerPaths(samples, callersOf, sampleMs)}`
}

/** The commonest call paths (last six frames) of the samples whose innermost function is `name`. */
function callerPaths(samples: readonly Sample[], name: string, sampleMs: number): string {
  const paths = new Map<string, number>()
  for (const s of samples) {
    if (!(s.stack[s.stack.length - 1] ?? '').startsWith(name)) continue
    const path = s.stack.slice(-7, -1).join(' > ')
    paths.set(path, (paths.get(path) ?? 0) + 1)
  }
  return [...paths]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([path, k]) => `\n      ${name} ${(k * sampleMs).toFixed(1)} from: ${path}`)
    .join('')
}

function report(what: string, events: readonly TraceEvent[]): void {
  const armed = events.find((e) => e.name === ARMED)
  const drawn = events.find((e) => e.name === DRAWN)
  if (armed === undefined || drawn === undefined) return console.log(`${what}: the trace has no marks`)
  const onMain = events.filter((e) => e.pid === armed.pid && e.tid === armed.tid)
  const tasks: TraceEvent[] = []
  let end = -Infinity
  for (const e of onMain.filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.ts >= armed.ts && e.ts < drawn.ts).sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue
    end = e.ts + (e.dur ?? 0)
    tasks.push(e)
  }
  const samples = samplesOf(events, armed.pid, armed.tid)
  const input = onMain.find((e) => e.name === 'EventDispatch' && e.ts >= armed.ts)?.ts ?? armed.ts
  const cpu = (e: TraceEvent): number => (e.tdur ?? e.dur ?? 0) / 1000
  const total = tasks.reduce((sum, t) => sum + cpu(t), 0)
  const longest = Math.max(0, ...tasks.map(cpu))
  console.log(`\n${what}: ${tasks.length} tasks, ${total.toFixed(1)} ms of CPU together, longest ${longest.toFixed(1)} ms; every panel at +${((drawn.ts - input) / 1000).toFixed(0)} ms`)
  // The level splits made ahead in background tasks once every panel is drawn (warmWhenDrawn).
  let warmTasks = 0
  let warmMs = 0
  let si = 0
  for (const t of tasks) {
    const tEnd = t.ts + (t.dur ?? 0)
    while (si < samples.length && samples[si]!.ts < t.ts) si++
    const inside: Sample[] = []
    for (let j = si; j < samples.length && samples[j]!.ts <= tEnd; j++) inside.push(samples[j]!)
    if (inside.some((sample) => sample.stack.some((name) => name.startsWith('warmLevelSplit ')))) {
      warmTasks++
      warmMs += cpu(t)
    }
    if (cpu(t) < minMs) continue
    const rendering = new Map<string, number>()
    for (const e of onMain) {
      if (e.ph !== 'X' || !RENDERING.has(e.name) || e.ts < t.ts || e.ts > tEnd) continue
      rendering.set(e.name, (rendering.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000)
    }
    const render = [...rendering].filter(([, ms]) => ms >= 0.5).map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')
    console.log(`  +${((t.ts - input) / 1000).toFixed(0).padStart(4)} ms  CPU ${cpu(t).toFixed(1).padStart(6)} (wall ${((t.dur ?? 0) / 1000).toFixed(1)})${render === '' ? '' : `  [${render}]`}${stagesOf(inside, cpu(t))}`)
  }
  console.log(`  warming the level splits: ${warmTasks} tasks, ${warmMs.toFixed(1)} ms of CPU`)
}

if (!process.argv.includes('--no-build')) await build({ root: ROOT, logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: false } })
const served = await serve(OUT)
const browser = await launch()
try {
  const page: Page = await openDashboard(browser, served.baseUrl, n)
  await page.locator('#actor-input').focus()
  const actor = (await page.locator('#actor-options option').first().getAttribute('value')) ?? ''
  await page.locator('#actor-input').blur()
  let country = ''
  const traced = async (step: Step): Promise<void> => {
    await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500))
    let events: readonly TraceEvent[] = []
    const times = await measureChange(page, browser, step, {
      categories: ['disabled-by-default-v8.cpu_profiler'],
      onTrace: (e) => (events = e as TraceEvent[]),
    })
    report(`${step.what} (count ${times.countMs.toFixed(0)} ms, every panel ${times.drawnMs.toFixed(0)} ms; last: ${times.lastChange})`, events)
  }
  for (const k of kinds(() => actor, () => country)) {
    if (only !== undefined && !new RegExp(only, 'i').test(k.kind)) continue
    await k.setup?.(page)
    if (k.kind === 'country') country = (await page.locator('.breakdowns > .breakdown:nth-of-type(2) [data-testid="geo-row"]').first().getAttribute('data-id')) ?? ''
    await traced(k.apply)
    if (k.undo) await traced(k.undo)
  }
} finally {
  await browser.close()
  await served.close()
}
