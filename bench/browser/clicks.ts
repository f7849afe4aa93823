/**
 * Every filter the dashboard offers, driven in headless Chromium the way a user does it (mouse
 * clicks, a drag on the timeline, the Region select, typing in the actor and search fields) on
 * the production build at `?synthetic=N`. For each change, applied and undone: ms from the
 * user's input event to the frame that paints the changed count, to the first frame with every
 * panel repainted (no placeholder, events listed), and the longest main-thread task in between
 * from a Chromium trace (CPU time, which a loaded machine stretches less than wall time).
 *
 *   npm run bench -- --clicks [--sizes 1000000,5000000] [--no-build]
 *
 * CLICKS_TRACE_DIR=dir keeps every change's Chromium trace there, numbered in order.
 */
import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { median, round, type BenchRow } from '../lib/measure.ts'
import { NAME_SHIM } from './harness.ts'
import { brushTimeline, countPaintedAt } from './page-probes.ts'
import { tracedTasks } from './startup-probe.ts'

const SEED = 20251104
/** User-timing marks on the page: the change armed (just before the input), every panel repainted. */
export const ARMED = 'watchfloor-change-armed'
export const DRAWN = 'watchfloor-change-drawn'
/** The search box waits this long after the last keystroke (filter-bar.tsx SEARCH_DEBOUNCE_MS). */
const SEARCH_DEBOUNCE_MS = 200
const SEARCH_WORD = 'cyber'
/** Changes traced so far (numbers the kept traces). */
let traced = 0
/** Every panel has repainted once none of them has changed for this long. */
const QUIET_MS = 500

/** The input event a change is timed from; `input` takes the last one (the last keystroke), the others the first. */
type StartEvent = 'click' | 'change' | 'keydown' | 'mouseup' | 'dblclick' | 'input'

export interface Step {
  /** What the user does, for the row's note. */
  readonly what: string
  readonly start: StartEvent
  /** Added to the start event's time: the search box's debounce. */
  readonly delayMs?: number
  /** Untimed preparation (typing the actor's name before Enter). */
  readonly prepare?: (page: Page) => Promise<void>
  readonly act: (page: Page) => Promise<void>
}

export interface FilterKind {
  readonly kind: string
  readonly apply: Step
  /** Absent for clear-all, which has nothing to undo; `setup` sets filters for it first. */
  readonly undo?: Step
  readonly setup?: (page: Page) => Promise<void>
}

export interface ChangeTimes {
  readonly countMs: number
  readonly drawnMs: number
  readonly longestCpuMs: number
  readonly longestWallMs: number
  /** CPU ms of every main-thread task from the input to the repaint found settled: the work, whatever the machine's load. */
  readonly totalCpuMs: number
  /** The last change seen inside a panel: its panel, the nearest element with a test id, and when (ms after the input). */
  readonly lastChange: string
}

const removeChip = (page: Page): Promise<void> => page.getByRole('button', { name: /^Remove filter / }).first().click()

/** Every filter kind the dashboard offers, in the bench's order; `actor` and `country` name what the actor and country rows pick. */
export function kinds(actor: () => string, country: () => string): FilterKind[] {
  const levelToggle: Step = { what: 'click on the level-1 toggle', start: 'click', act: (page) => page.click('[data-testid="filter-level-1"]') }
  const preset = (label: string): Step => ({
    what: `click on the "${label}" time preset`,
    start: 'click',
    act: (page) => page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: label, exact: true }).click(),
  })
  const region: Step = { what: 'pick the first region in the filter bar\'s Region select', start: 'change', act: async (page) => void (await page.locator('.filter-bar select').first().selectOption({ index: 1 })) }
  const countryRow = (page: Page) => page.locator(`.breakdowns > .breakdown:nth-of-type(2) [data-testid="geo-row"][data-id="${country()}"]`).click()
  return [
    { kind: 'level toggle', apply: levelToggle, undo: { ...levelToggle, what: 'click on the level-1 toggle again' } },
    { kind: 'time preset', apply: preset('90 d'), undo: preset('All') },
    {
      kind: 'time brush',
      apply: { what: 'drag across 55–75 % of the timeline plot (timed from mouseup)', start: 'mouseup', act: brushTimeline },
      undo: {
        what: 'double-click on the timeline plot',
        start: 'dblclick',
        act: async (page) => {
          const box = (await page.locator('[data-testid="timeline-chart"]').boundingBox())!
          await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.6)
        },
      },
    },
    { kind: 'region', apply: region, undo: { what: 'click × on the region chip', start: 'click', act: removeChip } },
    {
      kind: 'actor',
      apply: {
        what: 'type the busiest actor\'s name in the Actor field, press Enter (timed from Enter)',
        start: 'keydown',
        prepare: (page) => page.locator('#actor-input').fill(actor()),
        act: (page) => page.locator('#actor-input').press('Enter'),
      },
      undo: { what: 'click × on the actor chip', start: 'click', act: removeChip },
    },
    {
      kind: 'text search',
      apply: {
        what: `type "${SEARCH_WORD}" in the search field (timed from the end of the ${SEARCH_DEBOUNCE_MS} ms debounce after the last keystroke)`,
        start: 'input',
        delayMs: SEARCH_DEBOUNCE_MS,
        act: (page) => page.locator('[data-testid="filter-text"]').pressSequentially(SEARCH_WORD, { delay: 40 }),
      },
      undo: {
        what: `empty the search field (timed from the end of the ${SEARCH_DEBOUNCE_MS} ms debounce)`,
        start: 'input',
        delayMs: SEARCH_DEBOUNCE_MS,
        act: (page) => page.locator('[data-testid="filter-text"]').fill(''),
      },
    },
    {
      kind: 'clear-all',
      setup: async (page) => {
        await measureChange(page, null, levelToggle)
        await measureChange(page, null, region)
      },
      apply: { what: 'click on "Clear all" with a level toggled off and a region picked', start: 'click', act: (page) => page.click('[data-testid="clear-filters"]') },
    },
    // Last: it leaves the map panel on its Table tab.
    {
      kind: 'country',
      setup: async (page) => {
        if ((await page.locator('[data-testid="map-tab-table"][aria-selected="true"]').count()) === 0) await page.click('[data-testid="map-tab-table"]')
        await page.locator('.breakdowns > .breakdown:nth-of-type(2) [data-testid="geo-row"]').first().waitFor()
      },
      apply: { what: 'click on the busiest country in the map panel\'s Table tab', start: 'click', act: countryRow },
      undo: { what: 'click on the same country again', start: 'click', act: countryRow },
    },
  ]
}

/** What a traced change also records: more trace categories (a CPU profile), and who reads the trace. */
export interface TraceOptions {
  readonly categories?: readonly string[]
  readonly onTrace?: (events: readonly unknown[]) => void
}

/**
 * Arms the page to watch for the change `step` makes, performs it, and waits until every panel
 * has repainted. With a browser, traces the main thread from arming to the repaint.
 */
export async function measureChange(page: Page, browser: Browser | null, step: Step, traceOptions: TraceOptions = {}): Promise<ChangeTimes> {
  await step.prepare?.(page)
  if (browser !== null) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-v8.compile', ...(traceOptions.categories ?? [])] })
  await page.evaluate(
    ({ start, armed, drawn, quietMs }) => {
      type Watch = { start: number | null; painted: number | null; drawn: number | null; settled: number | null; last: string }
      const w = window as unknown as { __change: Watch }
      const read = (): string | null | undefined => document.querySelector('[data-testid="event-count"]')?.textContent
      const before = read()
      const c: Watch = { start: null, painted: null, drawn: null, settled: null, last: '' }
      w.__change = c
      const onStart = (e: Event): void => {
        if (start === 'input' || c.start === null) c.start = e.timeStamp
      }
      window.addEventListener(start, onStart, { capture: true })
      // Any change inside a panel (a canvas redraw sets its data-draw-ms) but the pointer's hover cards.
      let dirty = false
      const observer = new MutationObserver((records) => {
        // React writes some inputs' name and type again on every commit: an attribute whose first
        // old value in the batch equals its value now has not changed.
        let changed: Element | null = null
        const attrs: { el: Element; name: string; old: string | null }[] = []
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement
          if (el === null || !el.closest('[data-testid^="panel-"]') || el.closest('[data-testid="map-tooltip"], [data-testid="timeline-bucket-card"]')) continue
          if (r.type !== 'attributes') changed = el
          // The timeline's data-warning says where early warning stands, for scripts; it paints nothing (what early warning draws, its bands and surge marks, are elements of their own).
          else if (r.attributeName === 'data-warning') continue
          else if (!attrs.some((a) => a.el === el && a.name === r.attributeName)) attrs.push({ el, name: r.attributeName!, old: r.oldValue })
        }
        const moved = changed ?? attrs.find((a) => a.old !== a.el.getAttribute(a.name))?.el
        if (moved) {
          dirty = true
          // Which panel changed last, and what in it: the row's note names it.
          const inner = moved.closest('[data-testid]')?.getAttribute('data-testid') ?? moved.tagName.toLowerCase()
          c.last = `${moved.closest('[data-testid^="panel-"]')?.getAttribute('data-testid')} ${inner} at ${Math.round(performance.now() - (c.start ?? 0))} ms`
        }
      })
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true })
      performance.mark(armed)
      let countSeen = false
      let lastPaint = 0
      const afterPaint = (then: (now: number) => void): void => void setTimeout(() => then(performance.now()), 0)
      const watch = (): void => {
        if (!countSeen && read() !== before) {
          countSeen = true
          afterPaint((now) => (c.painted = now))
        }
        if (countSeen && dirty) {
          dirty = false
          afterPaint((now) => (lastPaint = now))
        }
        const settled = document.querySelector('[data-testid="panel-pending"], [aria-busy="true"]') === null && document.querySelector('[data-testid="event-row"]') !== null
        if (countSeen && settled && c.settled === null) afterPaint((now) => (c.settled = now))
        // Done once no panel has changed for `quietMs`.
        if (c.settled !== null && performance.now() - Math.max(c.settled, lastPaint) > quietMs) {
          c.drawn = Math.max(c.settled, lastPaint)
          performance.mark(drawn)
          observer.disconnect()
          window.removeEventListener(start, onStart, { capture: true })
          return
        }
        requestAnimationFrame(watch)
      }
      requestAnimationFrame(watch)
    },
    { start: step.start, armed: ARMED, drawn: DRAWN, quietMs: QUIET_MS },
  )
  await step.act(page)
  await page.waitForFunction(() => (window as unknown as { __change: { drawn: number | null } }).__change.drawn !== null, null, { timeout: 120_000, polling: 50 })
  const c = await page.evaluate(() => (window as unknown as { __change: { start: number | null; painted: number; drawn: number; last: string } }).__change)
  if (c.start === null) throw new Error(`no ${step.start} event was seen: ${step.what}`)
  const from = c.start + (step.delayMs ?? 0)
  let longestCpuMs = NaN
  let longestWallMs = NaN
  let totalCpuMs = NaN
  if (browser !== null) {
    const trace = await browser.stopTracing()
    // CLICKS_TRACE_DIR=dir keeps each change's trace (open it in Chromium's performance panel).
    if (process.env.CLICKS_TRACE_DIR) writeFileSync(`${process.env.CLICKS_TRACE_DIR}/${String(++traced).padStart(3, '0')}-${step.what.replace(/\W+/g, '-').slice(0, 40)}.json`, trace)
    const events = (JSON.parse(trace.toString()) as { traceEvents: Parameters<typeof tracedTasks>[0] }).traceEvents
    traceOptions.onTrace?.(events)
    const tasks = tracedTasks(events, DRAWN, ARMED)
    longestCpuMs = tasks[0]?.cpuMs ?? 0
    longestWallMs = Math.max(0, ...tasks.map((t) => t.wallMs))
    totalCpuMs = tasks.reduce((sum, t) => sum + t.cpuMs, 0)
  }
  return { countMs: c.painted - from, drawnMs: c.drawn - from, longestCpuMs, longestWallMs, totalCpuMs, lastChange: c.last }
}

/** Loads `?synthetic=n` in a fresh page and waits until every panel has drawn. */
export async function openDashboard(browser: Browser, baseUrl: string, n: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  await page.goto(`${baseUrl}/?synthetic=${n}&seed=${SEED}`, { waitUntil: 'commit' })
  await countPaintedAt(page, n, 300_000)
  await page.waitForFunction(() => document.querySelector('[data-testid="panel-pending"]') === null && document.querySelector('[data-testid="event-row"]') !== null, null, { timeout: 300_000 })
  // Early warning's first answer draws its layer on the timeline seconds after the panels at 1M:
  // waited for, so that it is not taken for a part of the first change's repaint.
  await page.waitForSelector('[data-testid="timeline-chart"][data-warning="ready"], [data-testid="timeline-chart"][data-warning="failed"]', { timeout: 300_000 })
  await page.waitForTimeout(1000)
  return page
}

function rowsOf(kind: string, direction: string, step: Step, n: number, samples: readonly ChangeTimes[]): BenchRow[] {
  const of = (pick: (t: ChangeTimes) => number): number => round(median(samples.map(pick)))
  // Runs after the first flip between two filter states the engine has kept (seen-states.ts):
  // the first run is the first time each state is reached, given apart.
  const first = samples[0]
  const firstWords = first === undefined ? '' : `; the first run (neither state kept yet): count ${round(first.countMs)} ms, every panel ${round(first.drawnMs)} ms (the last change: ${first.lastChange}), longest task ${round(first.longestCpuMs)} ms of CPU, every task together ${round(first.totalCpuMs)} ms of CPU`
  const note = `${step.what}; median of ${samples.length} (after the first, back and forth between kept states)${firstWords}; ms from the input event's time; upper bounds on a shared machine`
  const name = `app filter: ${kind} (${direction})`
  return [
    { name: `${name} → count painted`, n, ours_ms: of((t) => t.countMs), peer: null, peer_ms: null, note: `${note}; budget 1M ≤ 100, 5M ≤ 200` },
    { name: `${name} → every panel repainted`, n, ours_ms: of((t) => t.drawnMs), peer: null, peer_ms: null, note: `${note}; no panel placeholder left, events listed, the frame after the last change inside a panel; budget 1M ≤ 200` },
    {
      name: `${name}: longest main-thread task, CPU ms`,
      n,
      ours_ms: of((t) => t.longestCpuMs),
      peer: null,
      peer_ms: null,
      note: `from a Chromium trace, input to half a second after every panel repainted; its wall time ${of((t) => t.longestWallMs)} ms; every task together ${of((t) => t.totalCpuMs)} ms of CPU; budget ≤ 50`,
    },
  ]
}

/** The filter-change rows at each size: `runs` applications and undoings of each filter kind. */
export async function benchClicks(browser: Browser, baseUrl: string, options: { sizes: readonly number[]; runs: number; only?: RegExp }, log: (message: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const n of options.sizes) {
    log(`filter clicks at ${n}: loading`)
    const page = await openDashboard(browser, baseUrl, n)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // The busiest actor (the suggestions follow the counts) and country (the Table tab's first row).
    await page.locator('#actor-input').focus()
    const actor = (await page.locator('#actor-options option').first().getAttribute('value')) ?? ''
    await page.locator('#actor-input').blur()
    let country = ''
    for (const k of kinds(() => actor, () => country)) {
      if (options.only && !options.only.test(k.kind)) continue
      log(`filter clicks at ${n}: ${k.kind}`)
      await k.setup?.(page)
      if (k.kind === 'country') country = (await page.locator('.breakdowns > .breakdown:nth-of-type(2) [data-testid="geo-row"]').first().getAttribute('data-id')) ?? ''
      const applied: ChangeTimes[] = []
      const undone: ChangeTimes[] = []
      for (let r = 0; r < options.runs; r++) {
        if (r > 0) await k.setup?.(page)
        await page.waitForTimeout(300)
        applied.push(await measureChange(page, browser, k.apply))
        if (k.undo) {
          await page.waitForTimeout(300)
          undone.push(await measureChange(page, browser, k.undo))
        }
      }
      rows.push(...rowsOf(k.kind, k.undo ? 'apply' : 'once', k.apply, n, applied))
      if (k.undo) rows.push(...rowsOf(k.kind, 'undo', k.undo, n, undone))
    }
    if (errors.length > 0) throw new Error(`the app logged errors at ${n}: ${errors.join(' | ')}`)
    await page.context().close()
  }
  return rows
}
