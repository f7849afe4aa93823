import { describe, expect, it, vi } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { POINT_LIMIT } from '../../src/domain/engine/map-points.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { RemoteRows } from '../../src/lib/clickhouse/remote-rows.ts'
import { loadWarehouseTable, useTestWarehouse } from '../warehouse/test-warehouse.ts'
import { requestFor } from './conformance.ts'

/** More events in view than the map draws one by one: the warehouse bins them on a screen grid, as the tab does. */
const warehouse = useTestWarehouse()

describe('map bins from the warehouse', { timeout: 180_000 }, () => {
  it('bins the events in view when they pass the point limit, every event counted once', async () => {
    const generated = generateSyntheticTable({ size: POINT_LIMIT + 500, seed: 3 })
    const dataset: Dataset = { schemaVersion: 1, name: 'generated', regions: [], events: Array.from({ length: generated.size }, (_, row) => generated.eventAt(row)) }
    const local = await new LocalEngine(buildEventTable(dataset)).run(requestFor())
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const points = (await remote.run(requestFor())).points!
    expect(local.points?.mode).toBe('bins')
    expect(points.mode).toBe('bins')
    expect(points.visible).toBe(local.points!.visible)
    expect(Array.from(points.count.subarray(0, points.size)).reduce((a, b) => a + b, 0)).toBe(points.visible)
    expect(points.size).toBeLessThan(points.visible)
    // A pan asks for the bins first (the last frame was bins): the same frame as the tab's.
    const base = requestFor()
    const panned = { ...base, points: { viewport: { ...base.points!.viewport, originX: base.points!.viewport.originX + 40 } } }
    // A filter leaving few events in view after it (the bins asked first hold too few: the points follow): the tab's frame again.
    const localEngine = new LocalEngine(buildEventTable(dataset))
    const actor = local.actors.values[local.actors.counts.indexOf(Math.min(...Array.from(local.actors.counts).filter((n) => n > 0)))]!
    const few = { ...panned, filter: { ...base.filter, actors: [actor] } }
    for (const request of [panned, few]) {
      const [remoteFrame, localFrame] = [(await remote.run(request)).points!, (await localEngine.run(request)).points!]
      expect(remoteFrame.mode).toBe(localFrame.mode)
      expect(remoteFrame.visible).toBe(localFrame.visible)
      expect(remoteFrame.size).toBe(localFrame.size)
    }
    expect((await remote.run(few)).points!.mode).toBe('points')
    await remote.close()
  })

  it('asks the warehouse for the actor facet once per filter but levels: a pan, a level toggle, or a filter answered before, reuses it', async () => {
    const generated = generateSyntheticTable({ size: 400, seed: 5 })
    const dataset: Dataset = { schemaVersion: 1, name: 'generated', regions: [], events: Array.from({ length: generated.size }, (_, row) => generated.eventAt(row)) }
    const local = new LocalEngine(buildEventTable(dataset))
    const remote = await ClickHouseEngine.open(await loadWarehouseTable(warehouse(), dataset))
    const asked = vi.spyOn(RemoteRows.prototype, 'actorLevels')
    const askedPerLevels = vi.spyOn(RemoteRows.prototype, 'actorFacet')
    const base = requestFor()
    const panned = { ...base, points: { viewport: { ...base.points!.viewport, originX: base.points!.viewport.originX + 40 } } }
    const levels = requestFor({ ...base.filter, levels: [4, 5] })
    const actor = (await local.run(base)).actors.values[0]!
    const oneActor = requestFor({ ...base.filter, actors: [actor] })
    const categories = (await local.run(base)).categories
    const category = categories.values[categories.counts.indexOf(Math.max(...categories.counts))]!
    const oneCategory = requestFor({ ...base.filter, categories: [category] })
    const categoryLevels = requestFor({ ...base.filter, categories: [category], levels: [1, 2] })
    const runs = [base, panned, levels, base, oneActor, oneCategory, categoryLevels]
    const answers = []
    for (const request of runs) answers.push((await remote.run(request)).actors)
    // The first run read the actor facet the test table keeps (no filter but levels); the category
    // filter asked the table; the pan, the level toggles, the return to no filter and the actor
    // filter (which the facet ignores) asked nothing.
    expect(remote.keptFacet).toBe(true)
    expect(asked).toHaveBeenCalledTimes(1)
    expect(askedPerLevels).not.toHaveBeenCalled()
    // Each answer is the facet of its own filter (as the tab counts it, which also lists actors it counts none of; ties may list in another order).
    const counted = (facet: { values: readonly string[]; counts: Uint32Array; maxLevel: Uint8Array }): string[] =>
      facet.values.flatMap((v, i) => (facet.counts[i]! > 0 ? [`${v} ${facet.counts[i]} ${facet.maxLevel[i]}`] : [])).sort()
    for (const [i, request] of runs.entries()) expect(counted(answers[i]!), `run ${i}`).toEqual(counted((await local.run(request)).actors))
    expect(counted(answers[2]!)).not.toEqual(counted(answers[0]!))
    expect(counted(answers[6]!)).not.toEqual(counted(answers[5]!))
    askedPerLevels.mockRestore()
    asked.mockRestore()
    await remote.close()
  })
})
