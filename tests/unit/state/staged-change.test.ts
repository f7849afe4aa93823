import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../../src/domain/engine/local/local-engine.ts'
import { VIEW_PARTS, type TimelineAsk, type ViewPart, type Views } from '../../../src/domain/engine/views-engine.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import type { EventTable } from '../../../src/domain/table-types.ts'
import { placeEvents } from '../../../src/state/project-positions.ts'
import { requestOf, STAGED_CHANGE_ROWS } from '../../../src/state/run-views.ts'
import { selectPanelStale } from '../../../src/state/selectors.ts'
import { useWatchfloor } from '../../../src/state/store.ts'

const META = { name: 'Generated', customRegions: [] }

let large: EventTable

beforeAll(() => {
  large = generateSyntheticTable({ size: STAGED_CHANGE_ROWS, seed: 11 })
})

afterEach(() => useWatchfloor.getState().setFilter(EMPTY_FILTER))

const busy = (): boolean => useWatchfloor.getState().staleParts.size > 0 || useWatchfloor.getState().pendingParts.size > 0

/** Resolves once no part is stale or pending (the fills run in timers: a frame, else 100 ms, then one a task). */
async function settled(): Promise<void> {
  for (let i = 0; i < 300 && busy(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(busy()).toBe(false)
}

/** A fresh engine's whole answer to the store's request now: what every part must come to. */
function freshAnswer(): Views {
  return new LocalEngine(useWatchfloor.getState().table).answer(requestOf(useWatchfloor.getState()))
}

function loadLarge(): void {
  useWatchfloor.getState().loadTable(large, META)
}

describe('a filter change on a large table, in stages', () => {
  it('answers the count at once, keeps the other parts on screen as stale, then makes each to a fresh engine’s answer', async () => {
    loadLarge()
    await settled()
    const before = useWatchfloor.getState().views
    expect(before.gauges).not.toBeNull()
    expect(before.list).not.toBeNull()

    useWatchfloor.getState().toggleLevel(1)
    const first = useWatchfloor.getState()
    // The count and facets are the new filter's…
    const fresh = freshAnswer()
    expect(first.views.matched).toBe(fresh.matched)
    expect(first.views.matched).toBeLessThan(large.size)
    expect(first.views.levelCounts).toEqual(fresh.levelCounts)
    expect(first.views.regions).toEqual(fresh.regions)
    // …the panels' parts are the ones on screen, marked stale.
    for (const part of ['gauges', 'map', 'list', 'watched'] as const) {
      expect(first.staleParts.has(part)).toBe(true)
      expect(first.views[part]).toBe(before[part])
    }
    expect(first.views.gauges).not.toEqual(fresh.gauges)

    await settled()
    const after = useWatchfloor.getState().views
    for (const part of ['gauges', 'map', 'list', 'watched'] as const) expect(after[part]).toEqual(fresh[part])
    expect(after.matched).toBe(fresh.matched)
  })

  it('makes one panel’s parts per store change after the first', async () => {
    loadLarge()
    await settled()
    const changed: ViewPart[][] = []
    const stop = useWatchfloor.subscribe((now, was) => {
      if (now.views !== was.views) changed.push(VIEW_PARTS.filter((p) => now.views[p] !== was.views[p]))
    })
    useWatchfloor.getState().setRegions(['eastern-europe'])
    await settled()
    stop()
    // The change itself makes no panel's part (nothing was kept for this region); each later task makes one.
    expect(changed[0]).toEqual([])
    // The gauges panel's parts together, then the map's, then the list (a change from elsewhere,
    // such as the map's positions arriving, may remake none).
    expect(changed.slice(1).filter((parts) => parts.length > 0)).toEqual([['gauges', 'watched'], ['map'], ['list']])
  })

  it('makes the map’s shading and its event layer in two tasks, the map busy until both are current', async () => {
    loadLarge()
    // The map's positions are made after the first paint (project-positions.ts).
    await placeEvents(useWatchfloor.getState().engine)
    useWatchfloor.getState().setAsk('points', { viewport: { scale: 4, originX: 0, originY: 0, width: 1024, height: 640 } })
    await settled()
    expect(useWatchfloor.getState().views.points).not.toBeNull()
    const changed: ViewPart[][] = []
    const mapBusy: boolean[] = []
    const stop = useWatchfloor.subscribe((now, was) => {
      if (now.views === was.views) return
      changed.push(VIEW_PARTS.filter((p) => now.views[p] !== was.views[p]))
      mapBusy.push(selectPanelStale.map(now))
    })
    useWatchfloor.getState().toggleLevel(2)
    await settled()
    stop()
    const made = changed.slice(1).filter((parts) => parts.length > 0)
    expect(made).toEqual([['gauges', 'watched'], ['map'], ['points'], ['list']])
    // Faded and busy while its shading is new and its points are not yet; current with both.
    expect(mapBusy[changed.indexOf(made[1]!)]).toBe(true)
    expect(mapBusy[changed.indexOf(made[2]!)]).toBe(false)
    const placed = new LocalEngine(useWatchfloor.getState().table)
    await placeEvents(placed)
    const fresh = placed.answer(requestOf(useWatchfloor.getState()))
    expect(fresh.points).not.toBeNull()
    expect(useWatchfloor.getState().views.points).toEqual(fresh.points)
    expect(useWatchfloor.getState().views.map).toEqual(fresh.map)
    useWatchfloor.getState().setAsk('points', null)
  })

  it('ends on the last filter when a second change comes while the first is being made', async () => {
    loadLarge()
    await settled()
    useWatchfloor.getState().toggleLevel(2)
    useWatchfloor.getState().setText('cyber')
    await settled()
    const fresh = freshAnswer()
    const after = useWatchfloor.getState().views
    expect(after.matched).toBe(fresh.matched)
    for (const part of ['gauges', 'map', 'list', 'watched'] as const) expect(after[part]).toEqual(fresh[part])
  })

  it('leaves a brushed timeline stale, not drawn from the old span, until the chart asks for the new one', async () => {
    loadLarge()
    const span = { fromMs: Date.UTC(2016, 0, 1), toMs: Date.UTC(2026, 0, 1) }
    const ask = (madeFor: TimelineAsk['madeFor'], markers: { fromMs: number; toMs: number }): TimelineAsk => ({
      madeFor,
      indexTimes: [],
      indexLines: [],
      markers,
      lanes: null,
    })
    useWatchfloor.getState().setAsk('timeline', ask(null, span))
    await settled()
    expect(useWatchfloor.getState().views.timeline).not.toBeNull()

    const range = { fromMs: Date.UTC(2020, 0, 1), toMs: Date.UTC(2021, 0, 1) }
    useWatchfloor.getState().setTimeRange(range)
    expect(useWatchfloor.getState().views.timeline).toBeNull()
    expect(useWatchfloor.getState().staleParts.has('timeline')).toBe(true)
    // Every other part is made (one a task: slower on a loaded machine); the timeline waits for the chart.
    const othersStale = (): boolean => [...useWatchfloor.getState().staleParts].some((p) => p !== 'timeline')
    for (let i = 0; i < 500 && othersStale(); i++) await new Promise((r) => setTimeout(r, 10))
    await new Promise((r) => setTimeout(r, 100))
    expect([...useWatchfloor.getState().staleParts]).toEqual(['timeline'])

    useWatchfloor.getState().setAsk('timeline', ask(useWatchfloor.getState().filter.timeRange, range))
    // The ask is taken, its part made in a later task.
    expect(useWatchfloor.getState().views.timeline).toBeNull()
    await settled()
    expect(useWatchfloor.getState().views.timeline).toEqual(freshAnswer().timeline)
  })

  it('keeps nothing stale across a new table', async () => {
    loadLarge()
    await settled()
    useWatchfloor.getState().toggleLevel(3)
    expect(useWatchfloor.getState().staleParts.size).toBeGreaterThan(0)
    const small = generateSyntheticTable({ size: 300, seed: 2 })
    useWatchfloor.getState().loadTable(small, META)
    expect(useWatchfloor.getState().staleParts.size).toBe(0)
    expect(useWatchfloor.getState().views.gauges).toEqual(freshAnswer().gauges)
  })
})

describe('a filter change on a small table', () => {
  it('answers every part in the change’s own task', () => {
    useWatchfloor.getState().loadTable(generateSyntheticTable({ size: 2_000, seed: 5 }), META)
    useWatchfloor.getState().toggleLevel(4)
    const state = useWatchfloor.getState()
    expect(state.staleParts.size).toBe(0)
    const fresh = freshAnswer()
    expect(state.views.gauges).toEqual(fresh.gauges)
    expect(state.views.list).toEqual(fresh.list)
    expect(state.views.matched).toBe(fresh.matched)
  })
})
