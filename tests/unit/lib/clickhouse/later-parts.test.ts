import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { Views } from '../../../../src/domain/engine/views-engine.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import type { WarehouseConnection } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { requestFor } from '../../../engine/conformance.ts'
import { loadWarehouseTable } from '../../../warehouse/test-warehouse.ts'
import { STRIKE_EVENTS } from '../../../warehouse/strike-events.ts'
import { PART_SQL, TIMED_OUT, type Part } from '../../../warehouse/refused-parts.ts'

/**
 * The later part of an early answer to a search holds three parts — the map's events, the actor
 * facet and the events behind the gauges — and each comes or fails on its own: the endpoint
 * refuses one part's queries (`refuse`, as a server past `max_execution_time`), and the other two
 * come whole, equal to the answer of a run nothing refused.
 */

let refused: Part | null = null
let endpoint: ChdbEndpoint | undefined
let connection: WarehouseConnection


beforeAll(async () => {
  endpoint = await startChdbEndpoint({ refuse: (sql) => (refused !== null && sql.includes(PART_SQL[refused]) ? TIMED_OUT : null) })
  let n = 0
  const warehouse = { url: endpoint.url, user: 'default', password: '', nextTable: () => ({ database: 'later_parts', table: `events_${n++}` }), close: async () => {} }
  connection = await loadWarehouseTable(warehouse, { schemaVersion: 1, name: 'later parts', regions: [], events: [...STRIKE_EVENTS] })
}, 120_000)

afterAll(async () => {
  await endpoint?.close()
}, 120_000)

const SEARCH: FilterSpec = { ...EMPTY_FILTER, text: 'strike' }

/** The later part of an early answer to the search, from a fresh engine (no facet kept), with `part`'s queries refused. */
async function laterWith(part: Part | null): Promise<Views> {
  const engine = await ClickHouseEngine.open(connection)
  try {
    refused = part
    // The count and the list first, then the cube's panels with the three parts still to come.
    const first = await engine.run({ ...requestFor(SEARCH), early: true })
    expect(first.cubePending).toBe(true)
    const early = await first.later!
    expect(early.cubePending).toBeUndefined()
    expect(early.actorsPending).toBe(true)
    expect(early.points).toBeNull()
    return await early.later!
  } finally {
    refused = null
    await engine.close()
  }
}

const facetOf = (views: Views): Map<string, number> => new Map(views.actors.values.map((v, i) => [v, views.actors.counts[i]!]))
const contributionsOf = (views: Views): unknown => [views.gauges!.overall.contributions, ...views.gauges!.regions.map((g) => g.index.contributions)]
const scoresOf = (views: Views): unknown => [views.gauges!.overall.score, ...views.gauges!.regions.map((g) => [g.regionId, g.index.score, g.index.level])]

describe('the later parts of an early answer', () => {
  it('come whole when nothing is refused', async () => {
    const whole = await laterWith(null)
    expect(facetOf(whole)).toEqual(new Map([['Army', 2], ['Union', 1]]))
    expect(whole.points!.visible).toBe(3)
    expect(whole.gauges!.overall.contributions.length).toBe(3)
    expect(whole.actorsError).toBeUndefined()
    expect(whole.pointsError).toBeUndefined()
    expect(whole.gauges!.contributionsError).toBeUndefined()
  }, 60_000)

  it('fail one at a time: the refused part says why, the other two are whole', async () => {
    const whole = await laterWith(null)

    const noPoints = await laterWith('points')
    expect(noPoints.points).toBeNull()
    expect(noPoints.pointsError).toContain('30 s')
    expect(noPoints.actorsError).toBeUndefined()
    expect(facetOf(noPoints)).toEqual(facetOf(whole))
    expect(noPoints.gauges!.contributionsError).toBeUndefined()
    expect(contributionsOf(noPoints)).toEqual(contributionsOf(whole))

    const noActors = await laterWith('actors')
    expect(noActors.actorsError).toContain('30 s')
    expect(noActors.actors.values).toEqual([])
    expect(noActors.pointsError).toBeUndefined()
    expect(noActors.points!.visible).toBe(3)
    expect(contributionsOf(noActors)).toEqual(contributionsOf(whole))

    const noContributions = await laterWith('contributions')
    expect(noContributions.gauges!.contributionsError).toContain('30 s')
    expect(noContributions.gauges!.contributionsPending).toBe(false)
    // The gauges keep their scores from the cube; only the events behind them are missing.
    expect(scoresOf(noContributions)).toEqual(scoresOf(whole))
    expect(noContributions.gauges!.overall.contributions).toEqual([])
    expect(facetOf(noContributions)).toEqual(facetOf(whole))
    expect(noContributions.points!.visible).toBe(3)
  }, 120_000)
})
