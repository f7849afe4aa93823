import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import type { Facet } from '../../../../src/domain/engine/views-engine.ts'
import type { CountryCode, Dataset, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { actorFacetTableName, createActorFacetSql, createDatabaseSql, createTableSql, fillActorFacetSql, quotedTable, warehouseRowsOf } from '../../../../src/domain/warehouse/table-layout.ts'
import { actorLevelsOf, facetOfLevels } from '../../../../src/lib/clickhouse/actor-levels.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { keptActorFacet, keptActorLevels, keptFacetAnswers, keptFacetEvents } from '../../../../src/lib/clickhouse/kept-actors.ts'
import { MAX_ACTOR_LEVELS, MAX_ACTORS, RemoteRows } from '../../../../src/lib/clickhouse/remote-rows.ts'
import { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { requestFor } from '../../../engine/conformance.ts'
import { testEvent } from '../../domain/export/test-event.ts'

/**
 * The actor facet the warehouse keeps beside the table: the same actors, counts, highest levels
 * and order as the table's own facet query, filled at insert or from a loaded table, and left
 * aside once a re-load replaced events.
 */
const warehouse = useTestWarehouse()

// 'Ａ' (U+FF21) sorts after '𝔸' (U+1D538) in UTF-16 and before it in UTF-8, the warehouse's order.
const WIDE_A = 'Ａ group'
const MATH_A = '𝔸 group'

function event(id: string, level: ThreatLevel, actors: string[]): ThreatEvent {
  return testEvent({ id, title: id, date: parsePartialDate('2024-05-01')!, threatLevel: level, actors: actors.map((name) => ({ name, type: 'group' as const })), countries: ['FR' as CountryCode] })
}

const dataset = (events: ThreatEvent[]): Dataset => ({ schemaVersion: 1, name: 'kept actors', regions: [], events })

/** Four events: alpha in three (levels 2, 2, 5; named twice in one), Zeta in two (2, 4), 'Ａ' and '𝔸' in one each (5), one with no actor (1). */
const SMALL = [
  event('a', 2, ['alpha', 'alpha', 'Zeta']),
  event('b', 2, ['alpha']),
  event('c', 5, ['alpha', WIDE_A, MATH_A]),
  event('d', 4, ['Zeta']),
  event('e', 1, []),
]

async function load(events: ThreatEvent[], facetFirst: boolean): Promise<{ client: WarehouseClient; connection: ConstructorParameters<typeof WarehouseClient>[0] }> {
  const w = warehouse()
  const connection = { url: w.url, user: w.user, password: w.password, table: w.nextTable() }
  const client = new WarehouseClient(connection)
  await client.command(createDatabaseSql(connection.table))
  await client.command(createTableSql(connection.table))
  if (facetFirst) for (const sql of createActorFacetSql(connection.table)) await client.command(sql)
  await client.insert(quotedTable(connection.table), warehouseRowsOf(dataset(events), 0, 1))
  return { client, connection }
}

const asFacet = (f: Facet): unknown => ({ values: f.values, counts: Array.from(f.counts), maxLevel: Array.from(f.maxLevel) })

describe('the kept actor facet', () => {
  it('holds each actor once per event at its level, and the events, filled as they are inserted', async () => {
    const { client, connection } = await load(SMALL, true)
    expect(await keptFacetEvents(client, connection.table)).toBe(5)
    const rows = (await keptActorLevels(client, connection.table, MAX_ACTOR_LEVELS))!
    const sorted = rows.map((r) => `${r.actor} L${r.level} ×${r.n}`).sort()
    expect(sorted).toEqual(['Zeta L2 ×1', 'Zeta L4 ×1', 'alpha L2 ×2', 'alpha L5 ×1', `${MATH_A} L5 ×1`, `${WIDE_A} L5 ×1`].sort())
    // Every level: alpha 3 (highest 5), Zeta 2 (4), then the two with one event by their bytes: 'Ａ' before '𝔸'.
    expect(asFacet(await keptActorFacet(client, connection.table, [], MAX_ACTORS))).toEqual({ values: ['alpha', 'Zeta', WIDE_A, MATH_A], counts: [3, 2, 1, 1], maxLevel: [5, 4, 5, 5] })
    // Levels 4–5: one event each; by bytes 'Z' (0x5A) comes before 'a' (0x61); at most two.
    expect(asFacet(await keptActorFacet(client, connection.table, [4, 5], 2))).toEqual({ values: ['Zeta', 'alpha'], counts: [1, 1], maxLevel: [4, 5] })
    await client.close()
  }, 60_000)

  it('answers as the table\'s facet query for every level filter, filled at insert or afterwards', async () => {
    const names = ['alpha', 'Zeta', WIDE_A, MATH_A, 'Éclair', 'beta', '']
    const events = Array.from({ length: 80 }, (_, i) => event(`e${i}`, (1 + ((i * 7) % 5)) as ThreatLevel, i % 5 === 0 ? [names[i % 7]!, names[i % 7]!] : [names[i % 7]!, names[(i * 3) % 7]!]))
    for (const facetFirst of [true, false]) {
      const { client, connection } = await load(events, facetFirst)
      if (!facetFirst) for (const sql of [...createActorFacetSql(connection.table), ...fillActorFacetSql(connection.table)]) await client.command(sql)
      const remote = new RemoteRows(client, connection.table)
      const byTable = actorLevelsOf((await remote.actorLevels(EMPTY_FILTER))!)
      const byKept = actorLevelsOf((await keptActorLevels(client, connection.table, MAX_ACTOR_LEVELS))!)
      for (const levels of [[], [4, 5], [1], [2, 3], [5]] as ThreatLevel[][]) {
        const expected = asFacet(await remote.actorFacet({ ...EMPTY_FILTER, levels }))
        expect(asFacet(facetOfLevels(byKept, levels, MAX_ACTORS)), `levels ${levels.join(',')}`).toEqual(expected)
        expect(asFacet(facetOfLevels(byTable, levels, MAX_ACTORS))).toEqual(expected)
        expect(asFacet(await keptActorFacet(client, connection.table, levels, MAX_ACTORS))).toEqual(expected)
      }
      await client.close()
    }
  }, 60_000)

  it('answers for no filter but levels and actors, and is left aside once a re-load replaced events', async () => {
    expect(keptFacetAnswers({ ...EMPTY_FILTER, levels: [4], actors: ['alpha'] })).toBe(true)
    expect(keptFacetAnswers({ ...EMPTY_FILTER, countries: ['FR'] })).toBe(false)
    expect(keptFacetAnswers({ ...EMPTY_FILTER, text: 'strike' })).toBe(false)
    expect(keptFacetAnswers({ ...EMPTY_FILTER, timeRange: { fromMs: 0, toMs: 1 } })).toBe(false)
    expect(keptFacetAnswers({ ...EMPTY_FILTER, categories: ['protest'] })).toBe(false)

    const { client, connection } = await load(SMALL, true)
    const engine = await ClickHouseEngine.open(connection)
    expect(engine.keptFacet).toBe(true)
    // From the kept facet: alpha 3, Zeta 2, and the two of one event by their bytes; levels 4–5 alone from the same answer.
    expect(asFacet((await engine.run(requestFor(EMPTY_FILTER))).actors)).toEqual({ values: ['alpha', 'Zeta', WIDE_A, MATH_A], counts: [3, 2, 1, 1], maxLevel: [5, 4, 5, 5] })
    expect(asFacet((await engine.run(requestFor({ ...EMPTY_FILTER, levels: [4, 5] }))).actors)).toEqual({ values: ['Zeta', 'alpha', WIDE_A, MATH_A], counts: [1, 1, 1, 1], maxLevel: [4, 5, 5, 5] })
    await engine.close()
    // Event b again in a newer version, now by Zeta: the table holds 5 events, the facet counted 6.
    await client.insert(quotedTable(connection.table), warehouseRowsOf(dataset([event('b', 2, ['Zeta'])]), 1, 2))
    expect(await keptFacetEvents(client, connection.table)).toBe(6)
    const reloaded = await ClickHouseEngine.open(connection)
    expect([reloaded.stats.size, reloaded.keptFacet]).toEqual([5, false])
    // The facet then comes from the table: Zeta in a, b and d, alpha in a and c.
    const views = await reloaded.run(requestFor(EMPTY_FILTER))
    expect(asFacet(views.actors)).toEqual({ values: ['Zeta', 'alpha', WIDE_A, MATH_A], counts: [3, 2, 1, 1], maxLevel: [4, 5, 5, 5] })
    await reloaded.close()
    // A table without a kept facet reads none.
    const bare = await load(SMALL, false)
    expect(await keptFacetEvents(bare.client, bare.connection.table)).toBeNull()
    expect(actorFacetTableName(bare.connection.table).table).toBe(`${bare.connection.table.table}_actor_facet`)
    await bare.client.close()
    await client.close()
  }, 60_000)
})
