import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { Views } from '../../../../src/domain/engine/views-engine.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { datasetOf, filters, rawEvents, requestFor } from '../../../engine/conformance.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { STRIKE_EVENTS } from '../../../warehouse/strike-events.ts'

/**
 * An early answer under a text or actor filter: the map's events in view and an actor facet not
 * kept yet are held back with the gauges' contributions, and `later` is the whole answer, the
 * same as a run that is not early. Without such a filter the early answer holds them as before.
 */
const warehouse = useTestWarehouse()


/**
 * An answer without its timings (wall times) and staged parts' markers, for comparing answers;
 * the map's points or bins as a set (the warehouse sends them in no set order).
 */
function settled(views: Views): unknown {
  const { timings: _timings, later: _later, points, ...rest } = views
  if (points === null) return { ...rest, points }
  const items = Array.from({ length: points.size }, (_, i) => [points.ref[i], points.x[i], points.y[i], points.count[i], points.level[i], points.approximate[i]] as const)
  items.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!)
  return { ...rest, points: { mode: points.mode, size: points.size, visible: points.visible, viewport: points.viewport, items } }
}

describe('an early answer to a search', () => {
  it('holds back the map’s events and the actor facet, and brings the whole answer later', async () => {
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'early search', regions: [], events: [...STRIKE_EVENTS] })
    const engine = await ClickHouseEngine.open(connection)
    const search: FilterSpec = { ...EMPTY_FILTER, text: 'strike' }
    const whole = await engine.run(requestFor(search))
    expect(whole.matched).toBe(3)
    expect(whole.actorsPending).toBeUndefined()
    expect(new Map(whole.actors.values.map((v, i) => [v, whole.actors.counts[i]]))).toEqual(new Map([['Army', 2], ['Union', 1]]))
    expect(whole.points!.visible).toBe(3)

    // Another engine, so no facet is kept from the whole answer.
    const staged = await ClickHouseEngine.open(connection)
    // The count and the list come first (count-first.test.ts), then the cube's panels.
    const first = await staged.run({ ...requestFor(search), early: true })
    expect(first.cubePending).toBe(true)
    expect(first.matched).toBe(3)
    expect(first.list).toEqual(whole.list)
    const early = await first.later!
    expect(early.cubePending).toBeUndefined()
    expect(early.matched).toBe(3)
    expect(early.list).toEqual(whole.list)
    expect(early.levelCounts).toEqual(whole.levelCounts)
    expect(early.points).toBeNull()
    expect(early.actorsPending).toBe(true)
    expect(early.actors.values).toEqual([])
    expect(early.gauges!.contributionsPending).toBe(true)
    const later = await early.later!
    expect(later.actorsPending).toBeUndefined()
    expect(later.later).toBeUndefined()
    expect(settled(later)).toEqual(settled(whole))

    // A level toggle under the same search: the facet kept by level is in the first answer.
    const toggled = await staged.run({ ...requestFor({ ...search, levels: [2, 3] }), early: true })
    expect(toggled.actorsPending).toBeUndefined()
    expect(new Map(toggled.actors.values.map((v, i) => [v, toggled.actors.counts[i]]))).toEqual(new Map([['Army', 1], ['Union', 1]]))
    expect(toggled.points).toBeNull()
    expect((await toggled.later!).points!.visible).toBe(2)
    await engine.close()
    await staged.close()
  }, 60_000)

  it('holds nothing but the contributions back without a text or actor filter', async () => {
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'early no search', regions: [], events: [...STRIKE_EVENTS] })
    const engine = await ClickHouseEngine.open(connection)
    const early = await engine.run({ ...requestFor({ ...EMPTY_FILTER, levels: [1, 2, 3] }), early: true })
    expect(early.points!.visible).toBe(3)
    expect(early.actorsPending).toBeUndefined()
    expect(early.actors.values.length).toBe(2)
    expect(early.gauges!.contributionsPending).toBe(true)
    await engine.close()
  }, 60_000)

  it('brings later what a run that is not early answers, for any data and filter (property)', async () => {
    const datasets = fc.sample(rawEvents, { numRuns: 3, seed: 1818 })
    const coarse = fc.sample(
      filters.filter((f) => f.text.trim() !== '' || f.actors.length > 0),
      { numRuns: 6, seed: 18 },
    )
    for (const [d, events] of datasets.entries()) {
      const connection = await loadWarehouseTable(warehouse(), { ...datasetOf(events), name: `early property ${d}` })
      const straight = await ClickHouseEngine.open(connection)
      const staged = await ClickHouseEngine.open(connection)
      for (const filter of [...coarse, EMPTY_FILTER]) {
        const whole = await straight.run(requestFor(filter))
        const early = await staged.run({ ...requestFor(filter), early: true })
        // The first answer's count (from the warehouse when the cube is still coming) and list are the whole answer's.
        expect(early.matched, JSON.stringify(filter)).toBe(whole.matched)
        expect(early.list).toEqual(whole.list)
        let final = early
        while (final.later !== undefined) final = await final.later
        expect(settled(final), JSON.stringify(filter)).toEqual(settled(whole))
      }
      await straight.close()
      await staged.close()
    }
  }, 300_000)
})
