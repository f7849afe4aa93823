import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { warehouseQuery } from '../../bin/warehouse-http.ts'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { Facet, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { readGdelt } from '../../src/domain/ingest/gdelt.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { createGdeltTableSql, gdeltViewSql, GDELT_EVENT_COLUMNS, insertGdeltSql } from '../../src/domain/warehouse/gdelt-view.ts'
import { createDatabaseSql, type TableName } from '../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { useTestWarehouse, type TestWarehouse } from '../warehouse/test-warehouse.ts'
import { checkAnswer, listedEvents, requestFor } from './conformance.ts'
import { refEvents } from './reference.ts'

/**
 * A GDELT 2.0 table where it sits: the fixture's rows loaded as they are into a table in GDELT's
 * layout, the view over it (gdelt-view.ts), and the ClickHouse engine reading the view, against a
 * file import of the same file by the GDELT reader in the local engine.
 */
const warehouse = useTestWarehouse()

const FIXTURE = new URL('../fixtures/gdelt/gdelt_v2_events_100rows.export.tsv', import.meta.url)

/** The GDELT layout with every column a String: how a table loaded without types holds it. */
function stringTableSql(name: TableName): string {
  return `CREATE TABLE \`${name.database}\`.\`${name.table}\` (${GDELT_EVENT_COLUMNS.map(([c]) => `${c} String`).join(', ')}) ENGINE = MergeTree ORDER BY tuple()`
}

/**
 * Loads `text` (GDELT export rows) into a new table in GDELT's layout — typed as
 * createGdeltTableSql types it, or every column a String — and makes the view over it.
 */
async function gdeltView(w: TestWarehouse, text: string, typed = true): Promise<{ view: TableName; target: { url: string; user: string; password: string } }> {
  const target = { url: w.url, user: w.user, password: w.password }
  const view = w.nextTable()
  const source = { database: view.database, table: `${view.table}_gdelt` }
  await warehouseQuery(target, createDatabaseSql(source))
  await warehouseQuery(target, typed ? createGdeltTableSql(source) : stringTableSql(source))
  await warehouseQuery(target, insertGdeltSql(source), {}, text)
  for (const sql of gdeltViewSql(view, source)) await warehouseQuery(target, sql)
  return { view, target }
}

function fileImport(text: string): Dataset {
  const outcome = readGdelt(text)
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

/** A facet as value → [events, highest level], values with events only. */
function facetOf(facet: Facet): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {}
  facet.values.forEach((value, code) => {
    const n = facet.counts[code] ?? 0
    if (n > 0) out[value] = [n, facet.maxLevel[code] ?? 0]
  })
  return out
}

async function facts(engine: ViewsEngine, views: Views): Promise<unknown> {
  return {
    size: views.size,
    matched: views.matched,
    levels: [...views.levelCounts],
    days: { firstDay: views.days.firstDay, days: views.days.days, exact: [...views.days.exact], spread: [...views.days.spread] },
    regions: facetOf(views.regions),
    countries: facetOf(views.countries),
    actors: facetOf(views.actors),
    categories: facetOf(views.categories),
    list: (await listedEvents(engine, views)).map((e) => e.id),
  }
}

async function openBoth(text: string): Promise<{ local: ViewsEngine; remote: ClickHouseEngine; dataset: Dataset }> {
  const dataset = fileImport(text)
  const { view, target } = await gdeltView(warehouse(), text)
  const remote = await ClickHouseEngine.open({ ...target, table: view })
  return { local: new LocalEngine(buildEventTable(dataset)), remote, dataset }
}

describe('the GDELT view', { timeout: 180_000 }, () => {
  it('holds every event a file import of the same rows gives, as the reader writes it', async () => {
    const text = readFileSync(FIXTURE, 'utf8')
    const dataset = fileImport(text)
    const { view, target } = await gdeltView(warehouse(), text)
    const answer = await warehouseQuery(target, `SELECT event FROM \`${view.database}\`.\`${view.table}\` ORDER BY seq FORMAT JSONEachRow`)
    const events = answer.trim().split('\n').map((line) => JSON.parse((JSON.parse(line) as { event: string }).event) as unknown)
    expect(events).toHaveLength(100)
    expect(events).toEqual(JSON.parse(JSON.stringify(dataset.events)))
  })

  it('maps rows of every kind as the reader does, over a table of String columns too', async () => {
    const goldstein = ['-11', '-10', '-9.5', '-9', '-8.9', '-6', '-5.9', '-3', '-2.9', '-0.1', '0', '5', '10', '10.5', '', 'abc']
    const quad = ['', '1', '2', '3', '4', '5']
    const names = ['', 'NEW ZEALAND', "O'BRIEN", 'ST.LOUIS', 'PRO-RUSSIAN (REBEL)/GROUP', '3RD ARMY', ' KYIV ']
    const actorCodes = ['', 'UKRMIL', 'UKR', 'NGO', 'RUSREB']
    const actorCountries = ['', 'UKR', 'WSB', 'AFR', 'XXX', 'ROM', 'UKR']
    const types = ['', 'MIL', 'REB', 'NGO', 'XYZ', 'GOV', 'MED']
    const known = ['', '', 'UNO']
    const eventCodes = ['043', '0431', '99', '', '1', '190', '1823', '0874']
    const fips = ['UP', 'XX', '', 'RS', ' GZ ', 'WE', 'AY', 'US']
    const points = [['48.5', '37.8'], ['', ''], ['0', '0'], ['91', '10'], ['10', '181'], ['-33.9', '18.4'], ['abc', '1']]
    const geoTypes = ['1', '4', '3', '0', '2', '5', '7']
    const places = ['Donetsk, Ukraine', '', 'Paris, Île-de-France, France']
    const urls = ['https://WWW.Example.test:8080/a?b', '', 'BBC Monitoring', 'http://www.news.test/x', 'HTTPS://news.test']
    const pick = <T,>(list: readonly T[], i: number): T => list[i % list.length]!
    const rows: string[] = []
    for (let i = 0; i < 192; i++) {
      const c = Array<string>(61).fill('')
      c[0] = String(500000000 + i)
      c[1] = `2024${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`
      c[5] = pick(actorCodes, i)
      c[6] = pick(names, i)
      c[7] = pick(actorCountries, i + 1)
      c[8] = pick(known, i)
      c[12] = pick(types, i)
      c[15] = pick(actorCodes, i + 2)
      c[16] = pick(names, i + 3)
      c[17] = pick(actorCountries, i + 4)
      c[22] = pick(types, i + 5)
      c[25] = String(i % 2)
      c[26] = pick(eventCodes, i)
      c[27] = c[26].slice(0, 3)
      c[28] = c[26].slice(0, 2)
      c[29] = pick(quad, Math.floor(i / 16))
      c[30] = pick(goldstein, i)
      c[31] = String(i)
      c[34] = String(-i / 7)
      c[51] = pick(geoTypes, i)
      c[52] = pick(places, i)
      c[53] = pick(fips, i)
      ;[c[56], c[57]] = pick(points, i) as [string, string]
      c[59] = `2024060${i % 10}000000`
      c[60] = pick(urls, i)
      rows.push(c.join('\t'))
    }
    // Rows the reader refuses: an id that is not a number, a date that is not real or not YYYYMMDD.
    const bad = (id: string, date: string): string => [id, date, ...Array<string>(59).fill('')].join('\t')
    rows.push(bad('x12', '20240101'), bad('600000001', '20240230'), bad('600000002', '2024011'), bad('600000003', '20241301'))
    const text = `${rows.join('\n')}\n`
    const read = readGdelt(text)
    if (!read.ok) throw new Error(read.reason)
    expect(read.result.rejected).toBe(4)
    const { view, target } = await gdeltView(warehouse(), text, false)
    const answer = await warehouseQuery(target, `SELECT event FROM \`${view.database}\`.\`${view.table}\` ORDER BY seq FORMAT JSONEachRow`)
    const events = answer.trim().split('\n').map((line) => JSON.parse((JSON.parse(line) as { event: string }).event) as unknown)
    expect(events).toEqual(JSON.parse(JSON.stringify(read.result.dataset.events)))
  })

  it('gives the engine the counts, levels, places, timeline and list of a file import', async () => {
    const text = readFileSync(FIXTURE, 'utf8')
    const { local, remote, dataset } = await openBoth(text)
    const filters: FilterSpec[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, levels: [3, 4, 5] },
      { ...EMPTY_FILTER, countries: ['US', 'ZA'] },
      { ...EMPTY_FILTER, regions: ['africa'] },
      { ...EMPTY_FILTER, text: 'visit' },
      { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2020, 2, 12), toMs: Date.UTC(2020, 2, 19) } },
    ]
    const refs = refEvents(dataset)
    for (const filter of filters) {
      const request = requestFor(filter, 0, 40)
      expect(await facts(remote, await remote.run(request)), JSON.stringify(filter)).toEqual(await facts(local, await local.run(request)))
      expect(await checkAnswer(remote, refs, request), JSON.stringify(filter)).toEqual([])
    }
    const first = await remote.run(requestFor(EMPTY_FILTER, 0, 100))
    expect(first.size).toBe(100)
    expect(first.matched).toBe(100)
    // One event's detail, by the list's ref.
    const row = first.list!.rows[(await listedEvents(remote, first)).findIndex((e) => e.id === 'gdelt-410412347')]!
    const [detail] = await remote.events([row.ref])
    expect(detail).toEqual(JSON.parse(JSON.stringify(dataset.events.find((e) => e.id === 'gdelt-410412347'))))
    await remote.close()
  })

  it('maps one row by hand: title, category, level, places, actors and location', async () => {
    // A row in GDELT 2.0's layout: a Ukrainian military attack on Russian rebels near Donetsk.
    const cells = Array<string>(61).fill('')
    const set = (i: number, v: string): void => void (cells[i] = v)
    set(0, '1000000001')
    set(1, '20240305')
    set(2, '202403')
    set(3, '2024')
    set(4, '2024.1753')
    set(5, 'UKRMIL')
    set(6, 'UKRAINE')
    set(7, 'UKR')
    set(12, 'MIL')
    set(15, 'RUSREB')
    set(16, 'PRO-RUSSIAN REBEL')
    set(17, 'RUS')
    set(22, 'REB')
    set(25, '1')
    set(26, '190')
    set(27, '190')
    set(28, '19')
    set(29, '4')
    set(30, '-10')
    set(31, '12')
    set(32, '3')
    set(33, '12')
    set(34, '-7.5')
    for (const g of [35, 43]) set(g, '0')
    set(51, '4')
    set(52, 'Donetsk, Donets\'ka Oblast\', Ukraine')
    set(53, 'UP')
    set(54, 'UP05')
    set(56, '48')
    set(57, '37.8')
    set(58, '-1048089')
    set(59, '20240305120000')
    set(60, 'https://www.example.test/news/1')
    const { view, target } = await gdeltView(warehouse(), `${cells.join('\t')}\n`)
    const answer = await warehouseQuery(target, `SELECT * EXCEPT (event, day) FROM \`${view.database}\`.\`${view.table}\` FORMAT JSONEachRow SETTINGS output_format_json_quote_64bit_integers = 0`)
    expect(JSON.parse(answer)).toEqual({
      id: 'gdelt-1000000001',
      seq: 1000000001,
      title: 'Use conventional military force, not specified below: Ukraine → Pro-Russian Rebel',
      category: 'Use conventional military force, not specified below',
      // Goldstein −10 is level 5; material conflict (QuadClass 4) allows it.
      level: 5,
      start_ms: Date.UTC(2024, 2, 5),
      end_ms: Date.UTC(2024, 2, 6),
      precision: 'day',
      countries: ['UA'],
      involved_countries: [],
      regions: ['eastern-europe', 'europe'],
      named_regions: ['eastern-europe'],
      actors: ['Ukraine', 'Pro-Russian Rebel'],
      lat: 48,
      lon: 37.8,
      approximate: 0,
      version: 20240305120000,
      place: 'UA',
    })
  })
})
