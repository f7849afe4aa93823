import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { readMany } from '../../src/domain/ingest/read-many.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { keptTilesEvents } from '../../src/lib/clickhouse/tile-bins.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'
import { createCubeSql, createDatabaseSql, createTableSql, fillCubeSql, SEARCH_TEXT_SQL } from '../../src/domain/warehouse/table-layout.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { listedEvents, requestFor } from '../engine/conformance.ts'
import { ROOT, watchfloorWith, type Run } from './cli-run.ts'
import { ddlWithout } from '../warehouse/test-warehouse.ts'

/** `watchfloor push` loads a file into a ClickHouse table that the app then reads with the same counts as a file import. */
let endpoint: ChdbEndpoint
const PASSWORD = 'pushing-s3cret'

beforeAll(async () => {
  endpoint = await startChdbEndpoint({ user: 'loader', password: PASSWORD })
}, 60_000)

// Closing waits for the server's background merges and mutations.
afterAll(async () => {
  await endpoint?.close()
}, 120_000)

function watchfloor(password: string | undefined, ...args: string[]): Promise<Run> {
  return watchfloorWith({ WATCHFLOOR_CLICKHOUSE_PASSWORD: password }, ...args)
}

const GDELT = 'tests/fixtures/gdelt/gdelt_v2_events_100rows.export.tsv'
const ACLED_OLDER = 'tests/fixtures/acled/acled-update-older.csv'
const ACLED_NEWER = 'tests/fixtures/acled/acled-update-newer.csv'

function datasetOfFiles(...files: string[]): Dataset {
  const outcome = readMany(
    files.map((file) => ({ text: readFileSync(join(ROOT, file), 'utf8'), fileName: file })),
    { now: Date.now() },
  )
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

const connect = (table: string): Promise<ClickHouseEngine> =>
  ClickHouseEngine.open({ url: endpoint.url, user: 'loader', password: PASSWORD, table: { database: 'pushed', table } })

describe('watchfloor push', { timeout: 60_000 }, () => {
  it('loads a GDELT file: the same summary as validate, and the app counts what a file import counts', async () => {
    const pushed = await watchfloor(PASSWORD, 'push', GDELT, '--clickhouse', endpoint.url, '--table', 'pushed.gdelt', '--user', 'loader', '--json')
    expect(pushed.stderr).toBe('')
    expect(pushed.code).toBe(0)
    const validated = await watchfloor(undefined, 'validate', GDELT, '--json')
    expect(JSON.parse(pushed.stdout)).toEqual(JSON.parse(validated.stdout))

    const localEngine = new LocalEngine(buildEventTable(datasetOfFiles(GDELT)))
    const remoteEngine = await connect('gdelt')
    const local = await localEngine.run(requestFor())
    const remote = await remoteEngine.run(requestFor())
    expect(remote.size).toBe(local.size)
    expect(remote.matched).toBe(local.matched)
    expect([...remote.levelCounts]).toEqual([...local.levelCounts])
    expect(remote.list?.rows.map((r) => r.event?.id)).toEqual((await listedEvents(localEngine, local)).map((e) => e.id))
  })

  it('re-loading an updated ACLED export replaces the events it changed', async () => {
    const args = ['--clickhouse', endpoint.url, '--table', 'pushed.acled', '--user', 'loader']
    const first = await watchfloor(PASSWORD, 'push', ACLED_OLDER, ...args)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/pushed +\d+ events to pushed\.acled at http:\/\/127\.0\.0\.1:\d+/)
    // push keeps the map tiles beside the table, holding every event: the map bins from them.
    const loaded = await connect('acled')
    expect(loaded.keptTiles).toBe(true)
    await loaded.close()
    const second = await watchfloor(PASSWORD, 'push', ACLED_NEWER, ...args)
    expect(second.code).toBe(0)

    const older = datasetOfFiles(ACLED_OLDER).events
    const newer = datasetOfFiles(ACLED_NEWER).events
    const union = new Map([...older, ...newer].map((e) => [e.id, e]))
    const remote = await connect('acled')
    const views = await remote.run(requestFor(undefined, 0, 100))
    // One row per event id: the newer copy of each event the second export holds.
    expect(views.size).toBe(union.size)
    const byId = new Map(views.list!.rows.map((r) => [r.event!.id, r.event]))
    for (const event of newer) expect(byId.get(event.id)).toEqual(JSON.parse(JSON.stringify(event)))
    // The replaced events were added to the tiles again: they no longer add up, and the map reads the events.
    expect(remote.keptTiles).toBe(false)
    await remote.close()
  })

  it('makes and fills the actor facet beside a table that keeps a cube, which then reads it with the facet the table answers', async () => {
    const table = { database: 'pushed', table: 'kept_facet' }
    const client = new WarehouseClient({ url: endpoint.url, user: 'loader', password: PASSWORD, table })
    await client.command(createDatabaseSql(table))
    await client.command(createTableSql(table))
    for (const sql of createCubeSql(table)) await client.command(sql)
    const args = ['--clickhouse', endpoint.url, '--table', 'pushed.kept_facet', '--user', 'loader']
    // The first load: the facet is made (empty table, nothing to fill) and the insert feeds it.
    expect((await watchfloor(PASSWORD, 'push', GDELT, ...args)).code).toBe(0)
    const first = await connect('kept_facet')
    expect([first.keptCube, first.keptFacet]).toEqual([true, true])
    const kept = (await first.run(requestFor())).actors
    await first.close()
    // Dropped and made again by the next push, filled from the table: the same facet as the table's own query.
    await client.command('DROP VIEW pushed.kept_facet_actor_facet_mv')
    await client.command('DROP TABLE pushed.kept_facet_actor_facet')
    for (const sql of fillCubeSql(table)) await client.command(sql)
    expect((await watchfloor(PASSWORD, 'push', ACLED_OLDER, ...args)).code).toBe(0)
    const second = await connect('kept_facet')
    expect([second.keptCube, second.keptFacet]).toEqual([true, true])
    const refilled = (await second.run(requestFor())).actors
    const local = await new LocalEngine(buildEventTable({ ...datasetOfFiles(GDELT), events: [...datasetOfFiles(GDELT).events, ...datasetOfFiles(ACLED_OLDER).events] })).run(requestFor())
    expect(refilled.values.length).toBeGreaterThan(kept.values.length)
    expect(new Map(refilled.values.map((v, i) => [v, refilled.counts[i]]))).toEqual(new Map(local.actors.values.map((v, i) => [v, local.actors.counts[i]])))
    await second.close()
    await client.close()
  })

  it('keeps the countries taking part from elsewhere: their column, the events the app reads and exports, and an older table brought up to the layout', async () => {
    const file = 'tests/fixtures/csv/involved-countries.csv'
    const client = new WarehouseClient({ url: endpoint.url, user: 'loader', password: PASSWORD, table: { database: 'pushed', table: 'involved' } })
    // A table made before the column existed: push adds it, and the rows loaded before read as having none.
    await client.command('CREATE DATABASE IF NOT EXISTS pushed')
    await client.command(createTableSql({ database: 'pushed', table: 'involved' }).replace(/^ *involved_countries .*\n/m, ''))
    const pushed = await watchfloor(PASSWORD, 'push', file, '--clickhouse', endpoint.url, '--table', 'pushed.involved', '--user', 'loader')
    expect(pushed.stderr).toBe('')
    expect(pushed.code).toBe(0)
    const columns = await client.rows<{ id: string; involved_countries: string[] }>('SELECT id, involved_countries FROM pushed.involved ORDER BY id')
    expect(columns).toEqual([
      { id: 'doha-talks', involved_countries: ['QA'] },
      { id: 'gaza-ceasefire', involved_countries: ['EG', 'US'] },
      { id: 'kyiv-strike', involved_countries: [] },
    ])
    await client.close()

    const want = datasetOfFiles(file).events.map((e) => [e.id, e.countries, e.involvedCountries ?? null])
    const remote = await connect('involved')
    const views = await remote.run(requestFor())
    const list = views.list!.rows.map((r) => r.event!)
    const byRef = await remote.events(views.list!.rows.map((r) => r.ref))
    const exported = await remote.matchingEvents(requestFor())
    for (const read of [list, byRef, exported]) expect(read.map((e) => [e.id, e.countries, e.involvedCountries ?? null]).reverse()).toEqual(want)
    // They are not the event's places: Egypt and Qatar have no events.
    expect(views.countries.values).not.toContain('EG')
    expect(views.countries.values).not.toContain('QA')
    await remote.close()
  })

  it('brings a table of the layout before the search column up to it, and a text search finds what the tab finds (the engine suites search categories and actors too)', async () => {
    const file = 'tests/fixtures/csv/involved-countries.csv'
    const client = new WarehouseClient({ url: endpoint.url, user: 'loader', password: PASSWORD, table: { database: 'pushed', table: 'searched' } })
    await client.command('CREATE DATABASE IF NOT EXISTS pushed')
    const ddl = createTableSql({ database: 'pushed', table: 'searched' })
    expect(ddl).toMatch(/search_text +String MATERIALIZED lowerUTF8\(concat\(title, .*arrayStringConcat\(actors/)
    expect(ddl).toMatch(/INDEX search_ngrams search_text TYPE ngrambf_v1\(3, 32768, 2, 0\) GRANULARITY 1/)
    expect(ddl).toMatch(/INDEX span_minmax \(start_ms, end_ms\) TYPE minmax GRANULARITY 1/)
    expect(ddl).toMatch(/INDEX seq_minmax seq TYPE minmax GRANULARITY 1/)
    // The layout before: no search column, place-set key, span or seq index; the search index over the expression.
    const older = ddlWithout(ddl, /^ *(search_text|place_set) |^ *INDEX (seq_minmax|search_tokens|span_minmax) /).replace(
      'INDEX search_ngrams search_text',
      `INDEX search_ngrams ${SEARCH_TEXT_SQL}`,
    )
    expect(older).not.toMatch(/search_text|place_set|span_minmax|seq_minmax|search_tokens/)
    await client.command(older)
    await client.command(`INSERT INTO pushed.searched (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
      VALUES ('old-1', 0, 'Old event', 'protest', 2, 1700000000000, 1700086400000, 'day', ['FR'], ['europe'], [], ['Crowd'], NULL, NULL, 1, '{}', 1)`)
    const pushed = await watchfloor(PASSWORD, 'push', file, '--clickhouse', endpoint.url, '--table', 'pushed.searched', '--user', 'loader')
    expect(pushed.code).toBe(0)
    const indexes = await client.rows<{ name: string; type: string; expr: string }>(
      "SELECT name, type, expr FROM system.data_skipping_indices WHERE database = 'pushed' AND table = 'searched' ORDER BY name",
    )
    expect(indexes.map((i) => [i.name, i.type, i.expr])).toEqual([
      ['search_ngrams', 'ngrambf_v1', 'search_text'],
      ['search_tokens', 'text', 'search_text'],
      ['seq_minmax', 'minmax', 'seq'],
      ['span_minmax', 'minmax', 'start_ms, end_ms'],
    ])
    // The row loaded before reads the same search string and place-set key as a new row (written for it in the background).
    const [old] = await client.rows<{ search_text: string; place_set: string; hash: string }>(
      "SELECT search_text, toString(place_set) AS place_set, toString(cityHash64(countries, regions, named_regions)) AS hash FROM pushed.searched WHERE id = 'old-1'",
    )
    expect(old).toEqual({ search_text: 'old event\nprotest\ncrowd', place_set: old!.hash, hash: old!.hash })
    // The map tiles were made and filled from the row loaded before them, then kept as the file's rows went in.
    const [held] = await client.rows<{ n: number }>('SELECT count() AS n FROM pushed.searched FINAL')
    expect(await keptTilesEvents(client, { database: 'pushed', table: 'searched' })).toBe(Number(held!.n))
    await client.command("DELETE FROM pushed.searched WHERE id = 'old-1'")
    await client.close()

    const local = new LocalEngine(buildEventTable(datasetOfFiles(file)))
    const remote = await connect('searched')
    for (const text of ['strike', 'KYIV', 'brokered by', 'talks hosted', 'ceasefire\nin', 'zz']) {
      const request = requestFor({ ...EMPTY_FILTER, text })
      const [want, got] = [await local.run(request), await remote.run(request)]
      expect(got.matched, text).toBe(want.matched)
      expect(got.list!.rows.map((r) => r.event?.id), text).toEqual((await listedEvents(local, want)).map((e) => e.id))
    }
    await remote.close()
  })

  it("keeps the dataset's own regions beside the table: the app reads them back and counts them as a file import does", async () => {
    const file = 'tests/fixtures/json/custom-regions.json'
    const pushed = await watchfloor(PASSWORD, 'push', file, '--clickhouse', endpoint.url, '--table', 'pushed.custom', '--user', 'loader')
    expect(pushed.stderr).toBe('')
    expect(pushed.code).toBe(0)
    const dataset = datasetOfFiles(file)
    const remote = await connect('custom')
    expect(await remote.customRegions()).toEqual([
      { id: 'baltic-watch', name: 'Baltic watch area', countries: ['EE', 'LV', 'LT'] },
      { id: 'sahel-watch', name: 'Sahel watch area', countries: ['ML', 'NE', 'BF'] },
    ])
    const local = new LocalEngine(buildEventTable(dataset))
    const customRegions = await remote.customRegions()
    // By hand: Mali, Niger and the event naming the area; Latvia and Estonia.
    for (const [region, ids] of [['sahel-watch', ['cr-1', 'cr-2', 'cr-5']], ['baltic-watch', ['cr-3', 'cr-4']]] as const) {
      const request = { ...requestFor({ ...EMPTY_FILTER, regions: [region] }), customRegions }
      const [there, here] = await Promise.all([remote.run(request), local.run({ ...request, customRegions: dataset.regions })])
      expect(there.matched).toBe(ids.length)
      expect(here.matched).toBe(ids.length)
      expect((await listedEvents(remote, there)).map((e) => e.id).sort()).toEqual([...ids])
      expect([...there.levelCounts]).toEqual([...here.levelCounts])
      expect(there.gauges?.regions.map((g) => g.regionId)).toEqual(here.gauges?.regions.map((g) => g.regionId))
    }
    await remote.close()
    // A table loaded without regions of its own has none.
    const plain = await connect('gdelt')
    expect(await plain.customRegions()).toEqual([])
    await plain.close()
  })

  it('on a server that does not know the text index, makes the table without its token index, says so, and a search finds the same events', async () => {
    const file = 'tests/fixtures/csv/involved-countries.csv'
    const args = ['--clickhouse', endpoint.url, '--user', 'loader']
    // The server refuses the index type, as ClickHouse before 26.2 does.
    endpoint.session.query('SET enable_full_text_index = 0')
    try {
      const pushed = await watchfloor(PASSWORD, 'push', file, ...args, '--table', 'pushed.untokened')
      expect(pushed.code).toBe(0)
      expect(pushed.stderr).toMatch(/^note: the warehouse does not know ClickHouse's text index .*pushed\.untokened is made without its token index/)
    } finally {
      endpoint.session.query('SET enable_full_text_index = 1')
    }
    const indexed = await watchfloor(PASSWORD, 'push', file, ...args, '--table', 'pushed.tokened')
    expect(indexed.stderr).toBe('')
    const client = new WarehouseClient({ url: endpoint.url, user: 'loader', password: PASSWORD, table: { database: 'pushed', table: 'untokened' } })
    const indexes = await client.rows<{ table: string; name: string }>("SELECT table, name FROM system.data_skipping_indices WHERE database = 'pushed' AND table IN ('untokened', 'tokened') AND type = 'text'")
    expect(indexes).toEqual([{ table: 'tokened', name: 'search_tokens' }])
    await client.close()
    const [without, withIndex] = [await connect('untokened'), await connect('tokened')]
    for (const text of ['strike', 'KYIV', 'brokered by', 'talks hosted']) {
      const request = requestFor({ ...EMPTY_FILTER, text })
      const [want, got] = [await without.run(request), await withIndex.run(request)]
      expect(got.matched, text).toBe(want.matched)
      expect(got.list!.rows.map((r) => r.event?.id), text).toEqual(want.list!.rows.map((r) => r.event?.id))
    }
    expect((await withIndex.run(requestFor({ ...EMPTY_FILTER, text: 'strike' }))).matched).toBeGreaterThan(0)
    await without.close()
    await withIndex.close()
  })

  it('loads a file spread over more months than one INSERT may touch by default, one partition a month', async () => {
    const file = 'tests/fixtures/csv/sparse-months.csv'
    const pushed = await watchfloor(PASSWORD, 'push', file, '--clickhouse', endpoint.url, '--table', 'pushed.sparse', '--user', 'loader')
    expect(pushed.stderr).toBe('')
    expect(pushed.code).toBe(0)
    expect(pushed.stdout).toMatch(/pushed +130 events/)
    const client = new WarehouseClient({ url: endpoint.url, user: 'loader', password: PASSWORD, table: { database: 'pushed', table: 'sparse' } })
    const [parts] = await client.rows<{ partitions: number; first: string; last: string }>(
      "SELECT uniqExact(partition) AS partitions, min(partition) AS first, max(partition) AS last FROM system.parts WHERE database = 'pushed' AND table = 'sparse' AND active",
    )
    expect(parts).toEqual({ partitions: 130, first: '201001', last: '202010' })
    await client.close()
    const engine = new LocalEngine(buildEventTable(datasetOfFiles(file)))
    const local = await engine.run(requestFor())
    const remote = await connect('sparse')
    const views = await remote.run(requestFor())
    expect(views.matched).toBe(130)
    expect([...views.levelCounts]).toEqual([...local.levelCounts])
    expect((await listedEvents(remote, views)).map((e) => e.id)).toEqual((await listedEvents(engine, local)).map((e) => e.id))
    await remote.close()
  })

  it('keeps loading a table made before tables were partitioned, and says once that it is not', async () => {
    const client = new WarehouseClient({ url: endpoint.url, user: 'loader', password: PASSWORD, table: { database: 'pushed', table: 'unpartitioned' } })
    await client.command('CREATE DATABASE IF NOT EXISTS pushed')
    const older = createTableSql({ database: 'pushed', table: 'unpartitioned' }).replace(/\nPARTITION BY .*/, '')
    expect(older).not.toContain('PARTITION BY')
    await client.command(older)
    const args = ['--clickhouse', endpoint.url, '--table', 'pushed.unpartitioned', '--user', 'loader']
    const first = await watchfloor(PASSWORD, 'push', ACLED_OLDER, ...args)
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/^note: pushed\.unpartitioned is not partitioned by month .*docs\/warehouse\.md\)\n$/)
    const second = await watchfloor(PASSWORD, 'push', ACLED_NEWER, ...args)
    expect(second.code).toBe(0)
    const [table] = await client.rows<{ partition_key: string }>("SELECT partition_key FROM system.tables WHERE database = 'pushed' AND name = 'unpartitioned'")
    expect(table!.partition_key).toBe('')
    await client.close()
    // Read through FINAL with the engine's settings, the re-load replaced what it changed, as in a partitioned table.
    const want = new Map([...datasetOfFiles(ACLED_OLDER).events, ...datasetOfFiles(ACLED_NEWER).events].map((e) => [e.id, e]))
    const remote = await connect('unpartitioned')
    const views = await remote.run(requestFor())
    expect(views.matched).toBe(want.size)
    const all = await remote.matchingEvents(requestFor())
    expect(new Map(all.map((e) => [e.id, e.threatLevel]))).toEqual(new Map([...want.values()].map((e) => [e.id, e.threatLevel])))
    await remote.close()
  })

  it('fails in one line, exit 2, when the warehouse refuses the password or the table name is not DB.NAME', async () => {
    const refused = await watchfloor('wrong', 'push', GDELT, '--clickhouse', endpoint.url, '--table', 'pushed.x', '--user', 'loader')
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
    expect(refused.stderr).toMatch(/refused user "loader" \(set the password in WATCHFLOOR_CLICKHOUSE_PASSWORD\)/)
    const badTable = await watchfloor(PASSWORD, 'push', GDELT, '--clickhouse', endpoint.url, '--table', 'x; DROP')
    expect(badTable.code).toBe(2)
    expect(badTable.stderr).toMatch(/--table x; DROP: expected DB\.NAME/)
    const unreadable = await watchfloor(PASSWORD, 'push', 'tests/fixtures/no-such-file.csv', '--clickhouse', endpoint.url, '--table', 'pushed.x')
    expect(unreadable.code).toBe(2)
  })

  it('takes the password from the environment only: --password and a password in the URL are refused without repeating it', async () => {
    for (const command of [
      ['push', GDELT, '--clickhouse', endpoint.url, '--table', 'pushed.pw', '--user', 'loader', '--password', PASSWORD],
      ['gdelt-view', 'gdelt.events', '--clickhouse', endpoint.url, '--table', 'gdelt.watchfloor', '--password', PASSWORD],
    ]) {
      const given = await watchfloor(undefined, ...command)
      expect(given.code).toBe(2)
      expect(given.stdout).toBe('')
      expect(given.stderr).toMatch(/^watchfloor: there is no --password: set the password in WATCHFLOOR_CLICKHOUSE_PASSWORD/)
      expect(given.stderr).not.toContain(PASSWORD)
    }
    const inUrl = new URL(endpoint.url)
    inUrl.username = 'loader'
    inUrl.password = PASSWORD
    const url = await watchfloor(undefined, 'push', GDELT, '--clickhouse', inUrl.toString(), '--table', 'pushed.pw')
    expect(url.code).toBe(2)
    expect(url.stderr.trim()).toBe('watchfloor: put the user in --user and the password in WATCHFLOOR_CLICKHOUSE_PASSWORD, not in the URL')
  })

  it('shows its progress in batches when asked, and the same summary as validate', async () => {
    const run = await watchfloor(PASSWORD, 'push', GDELT, '--clickhouse', endpoint.url, '--table', 'pushed.progress', '--user', 'loader', '--progress', '--json')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { accepted: number; rejected: number; total: number }
    const validated = JSON.parse((await watchfloor(undefined, 'validate', GDELT, '--json')).stdout) as typeof summary
    expect(summary).toMatchObject({ accepted: validated.accepted, rejected: validated.rejected, total: validated.total })
    // The 100-row fixture is one batch: its progress line counts every accepted event.
    expect(run.stderr).toContain(`pushed ${validated.accepted} of ${validated.accepted} events`)
  })
})
