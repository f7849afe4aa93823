import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { WatchItem } from '../../src/domain/alerts.ts'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { DAY_MS } from '../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ThreatIndex } from '../../src/domain/threat-index.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'
import { datasetOf, filters, rawEvents, requestFor } from './conformance.ts'

/**
 * What the conformance suite does not pin yet: region gauges, map shading, comparison, watched
 * gauges, index lines, markers, alerts and the events behind an index. The ClickHouse engine must
 * give what the local engine gives for the same data and request.
 */
const warehouse = useTestWarehouse()

const watch = (kind: WatchItem['kind'], value: string): WatchItem => ({
  id: `${kind}:${value}`,
  kind,
  value,
  label: value,
  thresholdLevel: 2,
  risePoints: null,
  muted: false,
})

function fullRequest(filter: FilterSpec): ViewRequest {
  const from = Date.UTC(2021, 0, 1)
  const times = Array.from({ length: 24 }, (_, i) => from + (i + 1) * 60 * DAY_MS)
  return {
    ...requestFor(filter),
    timeline: {
      madeFor: null,
      indexTimes: times,
      indexLines: [
        { kind: 'region', id: 'eastern-europe' },
        { kind: 'country', id: 'UA' },
        { kind: 'actor', id: 'Wagner Group' },
      ],
      lanes: null,
      markers: { fromMs: from, toMs: Date.UTC(2025, 0, 1) },
    },
    gauges: { limit: 4 },
    compare: ['eastern-europe', 'sahel', 'middle-east'],
    watchlist: [watch('region', 'africa'), watch('country', 'FR'), watch('actor', 'Hamas')],
  }
}

/** An index as plain, comparable numbers, with the events behind it as ids and shares. */
async function indexFacts(engine: ViewsEngine, index: ThreatIndex): Promise<unknown> {
  const events = await engine.events(index.contributions.map((c) => c.row))
  const behind = index.contributions.map((c, i) => `${events[i]?.id}:${c.share.toFixed(9)}`).sort()
  const { contributions: _, ...summary } = index
  return { ...summary, behind }
}

async function facts(engine: ViewsEngine, views: Views): Promise<unknown> {
  const shading = (views.map?.shading ?? new Map()) as ReadonlyMap<string, unknown>
  return {
    asOfMs: views.asOfMs,
    overall: await indexFacts(engine, views.gauges!.overall),
    regions: await Promise.all(views.gauges!.regions.map(async (g) => ({ id: g.regionId, index: await indexFacts(engine, g.index) }))),
    shading: [...shading.entries()].sort(([a], [b]) => a.localeCompare(b)),
    compare: views.compare,
    watched: await Promise.all((views.watched ?? []).map(async (w) => ({ id: w.item.id, index: await indexFacts(engine, w.index) }))),
    index: views.timeline!.index.map((line) => Array.from(line, (v) => (Number.isNaN(v) ? 'NaN' : v))),
    markers: views.timeline!.markers && {
      total: views.timeline!.markers.total,
      merged: views.timeline!.markers.merged,
      marks: (await engine.events(views.timeline!.markers.marks.map((m) => m.ref))).map((e) => e.id),
    },
  }
}

const GRAINS = [undefined, 7, 28] as const

describe('clickhouse engine agrees with the local engine', { timeout: 180_000 }, () => {
  it('on gauges, shading, comparison, watched gauges, index lines, markers and alerts', async () => {
    const datasets = fc.sample(rawEvents, { numRuns: 8, seed: 18 })
    // Filters that leave events to score (random ones mostly leave none).
    const mild: FilterSpec[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, levels: [3, 4, 5] },
      { ...EMPTY_FILTER, countries: ['UA', 'RU', 'FR'] },
      { ...EMPTY_FILTER, regions: ['europe'], categories: ['conflict', ''] },
      { ...EMPTY_FILTER, text: 'strike' },
      { ...EMPTY_FILTER, actors: ['Wagner Group', 'NATO'] },
      { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2023, 6, 1) } },
      ...fc.sample(filters, { numRuns: 2, seed: 1818 }),
    ]
    for (const [d, raw] of datasets.entries()) {
      const dataset = datasetOf(raw)
      const local = new LocalEngine(buildEventTable(dataset))
      // The cube's grain as the table's shape chooses it (a day for these), and the coarser ones a dense table takes.
      const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset), undefined, { grainDays: GRAINS[d % GRAINS.length] })
      for (const filter of mild.filter((_, i) => (i + d) % 2 === 0)) {
        for (const shadeBy of ['countries', 'regions'] as const) {
          const request = { ...fullRequest(filter), map: { shadeBy } }
          const want = await facts(local, await local.run(request))
          const got = await facts(remote, await remote.run(request))
          expect(got, `dataset ${d}, filter ${JSON.stringify(filter)}`).toEqual(want)
        }
        const request = fullRequest(filter)
        const alertIds = (alerts: readonly { id: string; events: readonly { id: string }[] }[]): string[] =>
          alerts.map((a) => `${a.id} ${a.events.map((e) => e.id).join(',')}`)
        expect(alertIds(await remote.watchAlerts(request, []))).toEqual(alertIds(await local.watchAlerts(request, [])))
      }
      await remote.close()
    }
  })

  it('lists the events of a place or actor in a window, highest level first, whatever the filters', async () => {
    const dataset = datasetOf([
      { id: 'a', title: 'Talks', date: '2024-03-01', threatLevel: 2, countries: ['UA'] },
      { id: 'b', title: 'Strike', date: '2024-03-05', threatLevel: 5, countries: ['UA'], actors: ['NATO'] },
      { id: 'c', title: 'Drone', date: '2024-03-09', threatLevel: 2, countries: ['UA', 'RU'] },
      { id: 'd', title: 'Old', date: '2023-01-01', threatLevel: 4, countries: ['UA'] },
      { id: 'e', title: 'Elsewhere', date: '2024-03-05', threatLevel: 5, countries: ['FR'] },
    ])
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    await remote.run(requestFor({ ...EMPTY_FILTER, levels: [1] }))
    const march = [Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 1)] as const
    const ua = await remote.eventsOf({ kind: 'country', value: 'UA' }, ...march, 2)
    expect(ua.total).toBe(3)
    expect(ua.events.map((e) => e.id)).toEqual(['b', 'c'])
    expect((await remote.events(ua.refs)).map((e) => e.id)).toEqual(['b', 'c'])
    expect((await remote.eventsOf({ kind: 'actor', value: 'NATO' }, ...march, 10)).events.map((e) => e.id)).toEqual(['b'])
    expect((await remote.eventsOf({ kind: 'region', value: 'western-europe' }, ...march, 10)).total).toBe(1)
    const hash = await remote.dataHash()
    expect(hash).toMatch(/^ch:5:[0-9A-F]+$/)
    const other = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), datasetOf([{ id: 'z', title: 'Z', date: '2024-01-01', threatLevel: 1 }])))
    expect(await other.dataHash()).not.toBe(hash)
    await remote.close()
    await other.close()
  })

  it('says how long each panel part took and where it came from', async () => {
    const dataset = datasetOf(fc.sample(rawEvents, { numRuns: 1, seed: 11 })[0]!)
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const first = (await remote.run(requestFor())).timings!
    // The first run fetches the cube; the list comes from the warehouse, the bars from the cube.
    expect(first.events).toMatchObject({ source: 'warehouse', cubeFetched: true })
    expect(first.timeline).toMatchObject({ source: 'cube', cubeFetched: true })
    expect(first.map?.source).toBe('cube+warehouse')
    expect(first.gauges?.source).toBe('cube+warehouse')
    // A level toggle keeps the cube; lanes ask the warehouse for their marks.
    const toggled = (await remote.run(requestFor({ ...EMPTY_FILTER, levels: [4, 5] }, 0, 25, { lanes: 'actor' }))).timings!
    expect(toggled.timeline).toMatchObject({ source: 'cube+warehouse', cubeFetched: false })
    expect(Object.values(toggled).every((t) => Number.isInteger(t.ms) && t.ms >= 0)).toBe(true)
    expect((await new LocalEngine(buildEventTable(dataset)).run(requestFor())).timings).toBeUndefined()
    await remote.close()
  })

  it('supersedes an earlier run: it rejects with an AbortError and the later one answers', async () => {
    const dataset = datasetOf(fc.sample(rawEvents, { numRuns: 1, seed: 7 })[0]!)
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const first = remote.run(requestFor({ ...EMPTY_FILTER, text: 'strike' }))
    const second = remote.run(requestFor({ ...EMPTY_FILTER, text: 'talks' }))
    await expect(first).rejects.toMatchObject({ name: 'AbortError' })
    const views = await second
    expect(views.list?.rows.every((r) => r.event?.title.includes('talks'))).toBe(true)
    await remote.close()
  })
})
