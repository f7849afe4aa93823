import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { actorLevelsOf, facetOfLevels } from '../../../../src/lib/clickhouse/actor-levels.ts'
import { MAX_ACTOR_LEVELS, MAX_ACTORS, RemoteRows } from '../../../../src/lib/clickhouse/remote-rows.ts'
import { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { testEvent } from '../../domain/export/test-event.ts'
import { emptyTable, loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * The actor facet summed in the tab from the warehouse's counts per actor and level: the same
 * actors, counts, highest levels and order as the warehouse's own facet query for each level filter.
 */
const warehouse = useTestWarehouse()

// Names whose byte order (the warehouse's) differs from JavaScript's string order: 'Ａ' (U+FF21) sorts
// after '𝔸' (U+1D538, a surrogate pair) in UTF-16 and before it in UTF-8.
const WIDE_A = 'Ａ group'
const MATH_A = '𝔸 group'

function event(i: number, level: ThreatLevel, actors: string[]): ThreatEvent {
  return testEvent({
    id: `e${i}`,
    title: `Event ${i}`,
    date: parsePartialDate('2024-05-01')!,
    threatLevel: level,
    actors: actors.map((name) => ({ name, type: 'group' as const })),
    countries: [(i % 2 === 0 ? 'FR' : 'DE') as CountryCode],
  })
}

describe('the actor facet by level', () => {
  it('sums any level filter\'s facet, ties by the names\' bytes', () => {
    const by = actorLevelsOf([
      { actor: 'alpha', level: 2, n: 3 },
      { actor: 'Zeta', level: 5, n: 1 },
      { actor: 'Zeta', level: 2, n: 2 },
      { actor: MATH_A, level: 4, n: 3 },
      { actor: WIDE_A, level: 1, n: 3 },
      { actor: 'Éclair', level: 4, n: 1 },
    ])
    // Every level: Zeta 3 (highest 5), and four with 3 or 1 events; the ties by bytes: 'alpha' < 'Ａ' < '𝔸'.
    const all = facetOfLevels(by, [], MAX_ACTORS)
    expect(all.values).toEqual(['Zeta', 'alpha', WIDE_A, MATH_A, 'Éclair'])
    expect(Array.from(all.counts)).toEqual([3, 3, 3, 3, 1])
    expect(Array.from(all.maxLevel)).toEqual([5, 2, 1, 4, 4])
    // Levels 4–5: Zeta's one level 5 event, 𝔸's three, Éclair's one; the others have none.
    const severe = facetOfLevels(by, [4, 5], MAX_ACTORS)
    expect(severe.values).toEqual([MATH_A, 'Zeta', 'Éclair'])
    expect(Array.from(severe.counts)).toEqual([3, 1, 1])
    expect(Array.from(severe.maxLevel)).toEqual([4, 5, 4])
    // Level 2 alone, at most one actor.
    const two = facetOfLevels(by, [2], 1)
    expect([two.values, Array.from(two.counts), Array.from(two.maxLevel)]).toEqual([['alpha'], [3], [2]])
    expect(facetOfLevels(by, [3], MAX_ACTORS).values).toEqual([])
  })

  it('answers as the warehouse\'s facet query for every level filter', async () => {
    const actors = ['alpha', 'Zeta', WIDE_A, MATH_A, 'Éclair', 'beta']
    // Each event has one or two actors (sometimes the same twice: counted once) and a level from 1 to 5.
    const events = Array.from({ length: 60 }, (_, i) => event(i, (1 + ((i * 7) % 5)) as ThreatLevel, i % 4 === 0 ? [actors[i % 6]!, actors[i % 6]!] : [actors[i % 6]!, actors[(i * 5) % 6]!]))
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'actors', regions: [], events })
    const client = new WarehouseClient(connection)
    const rows = new RemoteRows(client, connection.table)
    const asFacet = (f: { values: readonly string[]; counts: Uint32Array; maxLevel: Uint8Array }): unknown => ({ values: f.values, counts: Array.from(f.counts), maxLevel: Array.from(f.maxLevel) })
    for (const filter of [EMPTY_FILTER, { ...EMPTY_FILTER, countries: ['FR'] }, { ...EMPTY_FILTER, actors: ['beta'] }] as FilterSpec[]) {
      const by = actorLevelsOf((await rows.actorLevels(filter))!)
      for (const levels of [[], [4, 5], [1], [2, 3], [5]] as ThreatLevel[][]) {
        const expected = asFacet(await rows.actorFacet({ ...filter, levels }))
        expect(asFacet(facetOfLevels(by, levels, MAX_ACTORS)), `${JSON.stringify(filter)} at levels ${levels.join(',')}`).toEqual(expected)
      }
    }
    await client.close()
  }, 60_000)

  it('is not asked by level when the table holds more actor and level groups than it keeps', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    // MAX_ACTOR_LEVELS + 5 groups: 4,001 actors each at the five levels.
    const actors = (MAX_ACTOR_LEVELS + 5) / 5
    await client.command(
      `INSERT INTO ${name} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
       SELECT toString(number), number, 'Strike', 'riot', 1 + intDiv(number, ${actors}), 1704067200000, 1704153600000, 'day', ['FR'], [], [], ['actor ' || toString(number % ${actors})], NULL, NULL, 1, '{}', 1
       FROM numbers(${actors * 5})`,
    )
    const rows = new RemoteRows(client, table)
    expect(await rows.actorLevels(EMPTY_FILTER)).toBeNull()
    expect((await rows.actorLevels({ ...EMPTY_FILTER, countries: ['DE'] }))!).toEqual([])
    await client.close()
  }, 60_000)
})
