/**
 * The conformance suite as Vitest tests, for any engine: `describeEngine('local', factory)`.
 * Property tests hold the engine to the reference over generated data and sequences of
 * requests; hand-checked cases pin the rules a reader can verify by hand.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import type { ViewRequest } from '../../src/domain/engine/views-engine.ts'
import { checkSequence, datasetOf, filters, listedEvents, rawEvents, requestFor, type EngineFactory } from './conformance.ts'
import { refEvents } from './reference.ts'

const options = fc.record({
  shadeBy: fc.constantFrom('countries' as const, 'regions' as const),
  indexWindow: fc.constantFrom('range' as const, 'rolling' as const),
  lanes: fc.constantFrom(null, 'region' as const, 'actor' as const),
  laneLimit: fc.integer({ min: 1, max: 6 }),
})

const day = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)

export function describeEngine(name: string, makeEngine: EngineFactory): void {
  describe(`${name} engine: conformance`, { timeout: 300_000 }, () => {
    it('answers every request in a sequence as the reference does (incremental paths included)', async () => {
      await fc.assert(
        fc.asyncProperty(rawEvents, fc.array(fc.tuple(filters, fc.nat({ max: 40 }), options), { minLength: 1, maxLength: 6 }), async (raw, asks) => {
          const dataset = datasetOf(raw)
          const engine = await makeEngine(dataset)
          const requests = asks.map(([filter, offset, opts]) => requestFor(filter, offset, 25, opts))
          expect(await checkSequence(engine, refEvents(dataset), requests)).toEqual([])
        }),
        { numRuns: 60 },
      )
    })

    it('answers a sequence that goes back to filters it left (undo, clear all, redo) as the reference does', async () => {
      await fc.assert(
        fc.asyncProperty(rawEvents, filters, filters, options, async (raw, a, b, opts) => {
          const dataset = datasetOf(raw)
          const engine = await makeEngine(dataset)
          const walk = [a, b, a, EMPTY_FILTER, b, a, b]
          // Each a new object, as the app's store makes one per change.
          const requests = walk.map((filter) => requestFor({ ...filter }, 0, 25, opts))
          expect(await checkSequence(engine, refEvents(dataset), requests)).toEqual([])
        }),
        { numRuns: 20 },
      )
    })

    it('spreads a year- or month-precision date over its days, never a spike on the 1st', async () => {
      const dataset = datasetOf([
        { id: 'y', title: 'A year', date: '2024', threatLevel: 3, countries: ['FR'] },
        { id: 'm', title: 'A month', date: '2024-02', threatLevel: 4, countries: ['FR'] },
        { id: 'd', title: 'A day', date: '2024-02-10', threatLevel: 5, countries: ['FR'] },
      ])
      const views = await (await makeEngine(dataset)).run(requestFor())
      const { firstDay, exact, spread } = views.days
      const at = (iso: string, level: number): number => {
        const d = day(iso) - firstDay
        return exact[d * 5 + level - 1]! + spread[d * 5 + level - 1]!
      }
      // 2024 has 366 days and February 29: each day holds its share, the 1st no more.
      expect(at('2024-01-01', 3)).toBeCloseTo(1 / 366, 12)
      expect(at('2024-07-15', 3)).toBeCloseTo(1 / 366, 12)
      expect(at('2024-02-01', 4)).toBeCloseTo(1 / 29, 12)
      expect(at('2024-02-29', 4)).toBeCloseTo(1 / 29, 12)
      expect(at('2024-03-01', 4)).toBe(0)
      expect(at('2024-02-10', 5)).toBe(1)
      expect(at('2024-02-11', 5)).toBe(0)
      let total = 0
      for (let i = 0; i < spread.length; i++) total += spread[i]! + exact[i]!
      expect(total).toBeCloseTo(3, 9)
    })

    it('counts an event in several regions once in each, and once in all', async () => {
      const dataset = datasetOf([
        { id: 'gaza', title: 'Ceasefire talks', date: '2025-01-15', threatLevel: 4, countries: ['EG', 'IL'] },
        { id: 'kyiv', title: 'Drone strike', date: '2025-01-16', threatLevel: 5, countries: ['UA'] },
      ])
      const engine = await makeEngine(dataset)
      const all = await engine.run(requestFor())
      const count = (values: readonly string[], counts: Uint32Array, id: string): number => counts[values.indexOf(id)] ?? 0
      expect(all.matched).toBe(2)
      expect(count(all.regions.values, all.regions.counts, 'middle-east')).toBe(1)
      expect(count(all.regions.values, all.regions.counts, 'northern-africa')).toBe(1)
      expect(count(all.regions.values, all.regions.counts, 'western-asia')).toBe(1)
      expect(count(all.regions.values, all.regions.counts, 'eastern-europe')).toBe(1)
      const middleEast = await engine.run(requestFor({ ...EMPTY_FILTER, regions: ['middle-east'] }))
      expect(middleEast.matched).toBe(1)
      expect((await listedEvents(engine, middleEast)).map((e) => e.id)).toEqual(['gaza'])
      // The place facets ignore the place filters: Ukraine still shows beside the selection.
      expect(count(middleEast.countries.values, middleEast.countries.counts, 'UA')).toBe(1)
      expect(middleEast.levelCounts[4]).toBe(1)
      expect(middleEast.levelCounts[5]).toBe(0)
    })

    it('scores the window to the as-of instant and the window before it', async () => {
      const dataset = datasetOf([
        { id: 'now', title: 'Strike', date: '2025-01-10', threatLevel: 4, countries: ['UA'] },
        { id: 'before', title: 'Talks', date: '2024-12-20', threatLevel: 2, countries: ['UA'] },
        { id: 'old', title: 'Old talks', date: '2024-10-01', threatLevel: 3, countries: ['UA'] },
      ])
      const engine = await makeEngine(dataset)
      const fixed: ViewRequest = { ...requestFor(), asOf: { mode: 'fixed', ms: Date.UTC(2025, 0, 31) } }
      const views = await engine.run(fixed)
      const overall = views.gauges!.overall
      // Window: 1–30 Jan 2025 holds "now"; the previous 30 days (2 Dec – 31 Dec) hold "before".
      expect(views.asOfMs).toBe(Date.UTC(2025, 0, 31))
      expect(overall.eventCount).toBe(1)
      expect(overall.level).toBe(4)
      expect(overall.previousEventCount).toBe(1)
      expect(overall.previousLevel).toBe(2)
      // Age from the end of its day (11 Jan) to the as-of: 20 days.
      // 8 × 0.5^(20/7) = 1.1035 → 100 × (1 − 2.1035^(−1/4)) = 17.03 → 17
      expect(overall.score).toBe(17)
      // The latest as-of is the end of the latest event's day.
      const latest = await engine.run(requestFor())
      expect(latest.asOfMs).toBe(Date.UTC(2025, 0, 11))
    })

    it('narrows the gauges and the map by a region filter, the map ignoring only its own selection', async () => {
      const dataset = datasetOf([
        { id: 'kyiv', title: 'Drone strike', date: '2025-01-16', threatLevel: 5, countries: ['UA'] },
        { id: 'mali', title: 'Convoy attack', date: '2025-01-15', threatLevel: 5, countries: ['ML'] },
        { id: 'paris', title: 'Summit', date: '2025-01-14', threatLevel: 2, countries: ['FR'] },
      ])
      const engine = await makeEngine(dataset)
      const eastern = await engine.run(requestFor({ ...EMPTY_FILTER, regions: ['eastern-europe'] }))
      // Only regions beside the selection are gauged: Eastern Europe and Europe, not Africa or the Sahel.
      expect(eastern.gauges!.regions.map((g) => g.regionId).sort()).toEqual(['eastern-europe', 'europe'])
      expect(eastern.gauges!.overall.eventCount).toBe(1)
      // Shading countries, the region filter narrows the map: only Ukraine is shaded.
      expect([...eastern.map!.shading.keys()]).toEqual(['UA'])
      // Clicking France on the map (a country filter) keeps its neighbours' shading.
      const france = await engine.run(requestFor({ ...EMPTY_FILTER, countries: ['FR'] }))
      expect([...france.map!.shading.keys()].sort()).toEqual(['FR', 'ML', 'UA'])
      expect(france.gauges!.regions.map((g) => g.regionId).sort()).toEqual(['europe', 'western-europe'])
    })

    it('scores the time range when one is set, and the rolling window one switch away', async () => {
      const dataset = datasetOf([
        { id: 'early', title: 'Strike', date: '2022-05-01', threatLevel: 5, countries: ['UA'] },
        { id: 'late', title: 'Talks', date: '2024-12-20', threatLevel: 2, countries: ['UA'] },
        { id: 'after', title: 'Later talks', date: '2025-03-01', threatLevel: 1, countries: ['UA'] },
      ])
      const engine = await makeEngine(dataset)
      const range = { fromMs: Date.UTC(2022, 3, 1), toMs: Date.UTC(2025, 1, 1) }
      const byRange = await engine.run(requestFor({ ...EMPTY_FILTER, timeRange: range }))
      expect(byRange.indexWindow).toEqual({ fromMs: range.fromMs, toMs: range.toMs, byRange: true })
      expect(byRange.gauges!.overall.level).toBe(5)
      expect(byRange.gauges!.overall.eventCount).toBe(2)
      // 1037 days = 34.567 × the 30-day window: half-life 7 × 34.567 = 241.97 days, weights per 30 days.
      // Early: 16 × 0.5^(1006 / 241.97) = 0.8965; late: 2 × 0.5^(42 / 241.97) = 1.7733;
      // (0.8965 + 1.7733) / 34.567 = 0.0772 → 100 × (1 − 1.0772^(−1/4)) = 1.8.
      expect(byRange.gauges!.overall.score).toBe(1.8)
      expect(byRange.map!.shading.get('UA')).toMatchObject({ level: 5, windowCount: 2, totalCount: 3 })
      const rolling = await engine.run(requestFor({ ...EMPTY_FILTER, timeRange: range }, 0, 25, { indexWindow: 'rolling' }))
      // The 30 days to the range's end (2–31 Jan 2025) hold nothing: "no recent activity".
      expect(rolling.indexWindow).toEqual({ fromMs: range.toMs - 30 * DAY_MS, toMs: range.toMs, byRange: false })
      expect(rolling.gauges!.overall.level).toBeNull()
      expect(rolling.map!.shading.get('UA')).toMatchObject({ level: null, windowCount: 0 })
    })

    it('draws the busiest lanes: marks while they fit, density per column beyond 300 marks', async () => {
      // 200 events in Ukraine (one of level 5), 120 in Mali, 30 in France, one a day from 1 Jan 2024.
      const at = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * DAY_MS).toISOString().slice(0, 10)
      const events = [
        ...Array.from({ length: 200 }, (_, i) => ({ id: `ua${i}`, title: 'Strike', date: at(i), threatLevel: i === 7 ? 5 : 3, countries: ['UA'], actors: i < 150 ? ['NATO'] : [] })),
        ...Array.from({ length: 120 }, (_, i) => ({ id: `ml${i}`, title: 'Convoy', date: at(i), threatLevel: 4, countries: ['ML'], actors: ['JNIM'] })),
        ...Array.from({ length: 30 }, (_, i) => ({ id: `fr${i}`, title: 'Summit', date: at(i), threatLevel: 2, countries: ['FR'] })),
      ]
      const engine = await makeEngine(datasetOf(events))
      const lanesOf = async (filter = EMPTY_FILTER, mode: 'region' | 'actor' = 'region', limit = 2) =>
        (await engine.run(requestFor(filter, 0, 25, { lanes: mode, laneLimit: limit }))).timeline!.lanes!
      // Each event sits in its sub-region's lane only: 200 + 120 marks are more than 300, so density.
      const two = await lanesOf()
      expect(two.lanes.map((l) => [l.value, l.count])).toEqual([['eastern-europe', 200], ['western-africa', 120]])
      expect(two.density).toBe(true)
      const sumOf = (lane: number): number => two.counts!.subarray(lane * two.columns, (lane + 1) * two.columns).reduce((a, b) => a + b, 0)
      expect(sumOf(0)).toBeCloseTo(200, 3)
      expect(sumOf(1)).toBeCloseTo(120, 3)
      expect(Math.max(...two.maxLevel!.subarray(0, two.columns))).toBe(5)
      expect(Math.max(...two.maxLevel!.subarray(two.columns, 2 * two.columns))).toBe(4)
      // One lane of 200 marks fits: one mark per event, oldest first.
      const one = await lanesOf(EMPTY_FILTER, 'region', 1)
      expect(one.density).toBe(false)
      expect(one.lanes[0]!.marks).toHaveLength(200)
      expect(one.lanes[0]!.marks[0]!.startMs).toBe(Date.UTC(2024, 0, 1))
      // Lanes follow every filter but time: level 5 leaves one Ukrainian event.
      const critical = await lanesOf({ ...EMPTY_FILTER, levels: [5] })
      expect(critical.lanes.map((l) => [l.value, l.count])).toEqual([['eastern-europe', 1]])
      expect((await engine.events(critical.lanes[0]!.marks.map((m) => m.ref))).map((e) => e.id)).toEqual(['ua7'])
      // Actor lanes over January 2024 (the time filter is the lanes' span): 31 NATO and 31 JNIM events.
      const january = { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 1, 1) } }
      const actors = await lanesOf(january, 'actor', 5)
      expect(actors.lanes.map((l) => [l.value, l.count])).toEqual([['JNIM', 31], ['NATO', 31]])
      expect(actors.density).toBe(false)
    })

    it('answers an empty result with zeros, an empty list and "no recent activity"', async () => {
      const dataset = datasetOf([{ id: 'a', title: 'Strike', date: '2025-01-10', threatLevel: 4, countries: ['UA'] }])
      const views = await (await makeEngine(dataset)).run(requestFor({ ...EMPTY_FILTER, text: 'no such words' }))
      expect(views.matched).toBe(0)
      expect([...views.levelCounts]).toEqual([0, 0, 0, 0, 0, 0])
      expect(views.list?.rows).toEqual([])
      expect(views.gauges?.overall.level).toBeNull()
      expect(views.gauges?.regions).toEqual([])
      expect(views.size).toBe(1)
    })
  })
}
