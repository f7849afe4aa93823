import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { Facet, Views } from '../../../../src/domain/engine/views-engine.ts'
import { filterSql, type TextColumns } from '../../../../src/domain/warehouse/filter-sql.ts'
import { createCubeSql, createTableSql, quotedTable, tokensIndexUpgradeSql, warehouseRowsOf, type TableName } from '../../../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { sourceTableOf } from '../../../../src/lib/clickhouse/source-kind.ts'
import type { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { datasetOf, listedEvents, requestFor } from '../../../engine/conformance.ts'
import { emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * The token index (`search_tokens`, a ClickHouse text index over `search_text`) answers the text
 * filter's `LIKE '%needle%'`: the rows must be those of the byte search and of the field-by-field
 * test, whatever the needle — inside a token or across tokens, any case, accents, punctuation and
 * LIKE's own wildcards — and rows replaced by a re-load are never found.
 */
const warehouse = useTestWarehouse()

const EVENTS = [
  { id: 'a', title: 'Airstrike near Kyïv', category: 'conflict', actors: ['Air Force'] },
  { id: 'b', title: 'STRIKES continue', category: 'labour-strike', actors: [] },
  { id: 'c', title: 'Talks in Genève', category: 'diplomacy', actors: ['Café Noir Group'] },
  { id: 'd', title: 'Border clash (north)', category: 'conflict', actors: ['Militia-7', 'Ministry_of Defence'] },
  { id: 'e', title: 'Protest: 50% turnout', category: 'protest', actors: ['Crowd'] },
  { id: 'f', title: 'ÉLAN Réunion update: notes', category: 'other', actors: ['Ünited Front'] },
  { id: 'm', title: 'Policy of restraint', category: 'diplomacy', actors: [] },
].map((e, i) => ({ ...e, date: `2024-03-${String(i + 1).padStart(2, '0')}`, threatLevel: 1 + (i % 5), countries: ['FR'] }))

/** Events loaded once, then again with another title under a newer version (same day and place: the re-load replaces them). */
const FIRST_LOAD = [
  { id: 'h', title: 'Old strike headline', date: '2024-03-20', threatLevel: 2, countries: ['UA'], actors: ['Old Brigade'] },
  { id: 'k', title: 'Calm', date: '2024-03-21', threatLevel: 2, countries: ['UA'] },
]
const RELOAD = [
  { id: 'h', title: 'Quiet day', date: '2024-03-20', threatLevel: 2, countries: ['UA'] },
  { id: 'k', title: 'Drone strike', date: '2024-03-21', threatLevel: 4, countries: ['UA'] },
]

/** Needles and the events they find, by hand: the title, the category or an actor holds the needle, any case. */
const EXPECTED: readonly (readonly [string, readonly string[]])[] = [
  ['strike', ['a', 'b', 'k']], // airstrike, strikes and labour-strike, the re-loaded drone strike; not h's old title
  ['STRIKE', ['a', 'b', 'k']],
  ['strikes', ['b']],
  ['Kyïv', ['a']],
  ['KYÏV', ['a']],
  ['kyiv', []], // ï is not i
  ['genè', ['c']], // a token's beginning, through a two-byte character
  ['nève', ['c']],
  ['café noir', ['c']], // across two tokens of an actor
  ['fé no', ['c']],
  ['militia-7', ['d']],
  ['ia-7', ['d']],
  ['(north)', ['d']],
  ['y_of', ['d']], // `_` is itself, not LIKE's one character: Policy of (m) is not found
  ['50%', ['e']],
  ['%', ['e']], // `%` is itself, not LIKE's any string
  ['0% t', ['e']],
  ['élan', ['f']],
  ['RÉU', ['f']],
  ['ünited', ['f']],
  ['crowd', ['e']],
  ['labour', ['b']],
  ['air force', ['a']],
  ['air', ['a']],
  ['brigade', []], // only h's replaced row named Old Brigade
  ['old', []],
  ['zzz', []],
  ['conflict\nair force', []], // across a line break: no one field holds it
]

const INSERT_COLUMNS = '(id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)'

async function loadEvents(client: WarehouseClient, table: TableName): Promise<void> {
  await client.insert(quotedTable(table), warehouseRowsOf(datasetOf([...EVENTS, ...FIRST_LOAD]), 0, 1))
  await client.insert(quotedTable(table), warehouseRowsOf(datasetOf(RELOAD), 100, 2))
}

async function idsFound(client: WarehouseClient, name: string, needle: string, text: TextColumns): Promise<string[]> {
  const where = filterSql({ ...EMPTY_FILTER, text: needle }, [], text)
  const rows = await client.rows<{ id: string }>(`SELECT id FROM ${name} FINAL WHERE ${where.sql} ORDER BY id`, where.params)
  return rows.map((r) => r.id)
}

describe('the token index', () => {
  it('finds what the byte search and the field-by-field test find, for needles in a token, across tokens, with accents, punctuation and wildcards', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    expect((await sourceTableOf(client, table)).text).toBe('indexed')
    await loadEvents(client, table)
    for (const [needle, ids] of EXPECTED) {
      expect(await idsFound(client, name, needle, 'indexed'), needle).toEqual(ids)
      expect(await idsFound(client, name, needle, 'stored'), needle).toEqual(ids)
      expect(await idsFound(client, name, needle, 'fields'), needle).toEqual(ids)
    }
    // A needle inside one token is answered from the index: the rows come from its postings, the strings are not read.
    const where = filterSql({ ...EMPTY_FILTER, text: 'strike' }, [], 'indexed')
    const plan = (await client.rows<{ explain: string }>(`EXPLAIN actions = 1 SELECT id FROM ${name} FINAL WHERE ${where.sql}`, where.params)).map((r) => r.explain).join('\n')
    expect(plan).toMatch(/Filter column: __text_index_search_tokens_like_\w+\n/)
    expect(plan).not.toMatch(/Filter column: .*search_text LIKE/)
    await client.close()
  }, 120_000)

  it('gives the rows of the byte search for any needle drawn from the rows (a property)', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    await loadEvents(client, table)
    const texts = (await client.rows<{ search_text: string }>(`SELECT search_text FROM ${name} FINAL`)).map((r) => r.search_text)
    const needles = fc.oneof(
      // A piece of a row's string, in its case or upper-cased.
      fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([t, at, n, upper]) => {
        const chars = [...t]
        const from = at % chars.length
        const piece = chars.slice(from, from + n).join('')
        return upper ? piece.toUpperCase() : piece
      }),
      fc.string({ unit: fc.constantFrom('a', 'e', 'i', 'r', 's', 't', 'é', 'ï', ' ', '-', '%', '_', '(', '7'), minLength: 1, maxLength: 5 }),
    )
    await fc.assert(
      fc.asyncProperty(needles, async (needle) => {
        if (needle.trim() === '') return
        const indexed = await idsFound(client, name, needle, 'indexed')
        expect(indexed, JSON.stringify(needle)).toEqual(await idsFound(client, name, needle, 'stored'))
        expect(indexed, JSON.stringify(needle)).toEqual(await idsFound(client, name, needle, 'fields'))
      }),
      { numRuns: 60, seed: 1806 },
    )
    await client.close()
  }, 240_000)

  it('finds the same rows in parts loaded before the index was built for them', async () => {
    // A table made without the index, loaded, then given it without writing it for the rows it holds.
    const { client, table, name } = await emptyTable(warehouse(), (t) => createTableSql(t, { tokens: false }))
    await client.insert(quotedTable(table), warehouseRowsOf(datasetOf(EVENTS), 0, 1))
    expect((await sourceTableOf(client, table)).text).toBe('stored')
    const [add, materialize] = tokensIndexUpgradeSql(table, [])
    expect(materialize).toMatch(/MATERIALIZE INDEX search_tokens$/)
    await client.command(add!)
    expect(tokensIndexUpgradeSql(table, [{ name: 'search_tokens' }])).toEqual([])
    expect((await sourceTableOf(client, table)).text).toBe('indexed')
    await client.command(`INSERT INTO ${name} ${INSERT_COLUMNS} VALUES ('n', 200, 'New strike', 'conflict', 3, 1709856000000, 1709942400000, 'day', ['FR'], ['europe'], [], [], NULL, NULL, 1, '{}', 1)`)
    expect(await idsFound(client, name, 'strike', 'indexed')).toEqual(['a', 'b', 'n'])
    expect(await idsFound(client, name, 'café', 'indexed')).toEqual(['c'])
    expect(await idsFound(client, name, 'strike', 'fields')).toEqual(['a', 'b', 'n'])
    await client.close()
  }, 120_000)

  it('gives the dashboard of a search — cube, counts, facets, list, map — the answer of a table without the index', async () => {
    const w = warehouse()
    const open = async (tokens: boolean): Promise<ClickHouseEngine> => {
      const { client, table } = await emptyTable(w, (t) => createTableSql(t, { tokens }))
      for (const sql of createCubeSql(table)) await client.command(sql)
      await loadEvents(client, table)
      await client.close()
      return ClickHouseEngine.open({ url: w.url, user: w.user, password: w.password, table })
    }
    const [indexed, stored] = [await open(true), await open(false)]
    // A facet's values in order of name, with their events and highest level.
    const facet = (f: Facet): string[] => f.values.map((v, i) => `${v} ×${f.counts[i]} L${f.maxLevel[i]}`).filter((s) => !s.includes(' ×0 ')).sort()
    const comparable = (views: Views): unknown => ({
      matched: views.matched,
      levelCounts: [...views.levelCounts],
      regions: facet(views.regions),
      countries: facet(views.countries),
      actors: facet(views.actors),
      categories: facet(views.categories),
      gauges: views.gauges,
      map: views.map,
      points: views.points,
      days: views.days,
    })
    for (const text of ['strike', 'KYÏV', 'café noir', 'y_of', 'brigade']) {
      const filter: FilterSpec = { ...EMPTY_FILTER, text }
      const [got, want] = [await indexed.run(requestFor(filter)), await stored.run(requestFor(filter))]
      expect(comparable(got), text).toEqual(comparable(want))
      expect((await listedEvents(indexed, got)).map((e) => e.id), text).toEqual((await listedEvents(stored, want)).map((e) => e.id))
    }
    const strike = await indexed.run(requestFor({ ...EMPTY_FILTER, text: 'strike' }))
    expect(strike.matched).toBe(3)
    expect((await listedEvents(indexed, strike)).map((e) => e.id).sort()).toEqual(['a', 'b', 'k'])
    await indexed.close()
    await stored.close()
  }, 240_000)
})
