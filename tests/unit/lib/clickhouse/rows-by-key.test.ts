import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { createTableSql, upgradeTableSql, upgradeWritesSql, warehouseRowsOf, type TableName } from '../../../../src/domain/warehouse/table-layout.ts'
import { readFrom } from '../../../../src/domain/warehouse/source-table.ts'
import { firstWindowDays, RemoteRows } from '../../../../src/lib/clickhouse/remote-rows.ts'
import type { WarehouseClient } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { testEvent } from '../../domain/export/test-event.ts'
import { ddlWithout, emptyTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'

/**
 * The list window reads its rows again by their sorting key and seq, and an event by its ref
 * through the seq index: the rows must be those of the straightforward query (the whole table
 * under FINAL in the list's order, every column read there) and of the read by seq alone the
 * window used before, with re-loaded versions in the table; and the reads must take the granules
 * holding the rows, not every granule.
 */
const warehouse = useTestWarehouse()

function event(id: string, startIso: string, level: ThreatLevel, title: string, country = 'FR'): ThreatEvent {
  const startMs = Date.parse(startIso)
  return testEvent({ id, title, date: { text: startIso.slice(0, 10), precision: 'day', startMs, endMs: startMs + 3_600_000 }, threatLevel: level, countries: [country as CountryCode] })
}

// Loaded as seq 0–8 (version 1); then b, d and f again (version 2): b unchanged (seq 9), d
// re-titled (seq 10), f moved within its day (seq 11); then d once more under its own seq 10
// (version 3, re-titled again: the same key and seq as the row it replaces).
const FIRST_LOAD = [
  event('a', '2024-01-30T10:00:00Z', 2, 'Strike at the port'),
  event('b', '2024-01-31T08:00:00Z', 4, 'Protest at the gate', 'DE'),
  event('c', '2024-01-31T08:00:00Z', 5, 'Strike at the gate'),
  event('d', '2024-01-31T23:59:00Z', 1, 'Strike at the depot'),
  event('e', '2024-02-01T00:00:00Z', 4, 'Protest in the square', 'DE'),
  event('f', '2024-02-01T12:00:00Z', 2, 'Strike in the square'),
  event('g', '2024-02-03T06:00:00Z', 5, 'Protest at the bridge'),
  event('h', '2024-03-01T00:00:00Z', 3, 'Strike at the bridge', 'DE'),
  event('i', '2024-03-01T00:00:00Z', 4, 'Strike at the mill'),
]
const RELOAD = [
  event('b', '2024-01-31T08:00:00Z', 4, 'Protest at the gate', 'DE'),
  event('d', '2024-01-31T23:59:00Z', 2, 'Strike at the depot, again'),
  event('f', '2024-02-01T00:00:00Z', 2, 'Strike in the square'),
]
const THIRD_LOAD = [event('d', '2024-01-31T23:59:00Z', 3, 'Strike at the depot, third')]

interface WindowRow {
  readonly ref: number
  readonly id: string
  readonly title: string
  readonly regions: readonly string[]
}

/** The straightforward window: every column read under FINAL, in the list's order. */
async function finalWindow(client: WarehouseClient, table: TableName, filter: FilterSpec, offset: number, length: number): Promise<WindowRow[]> {
  const where = filterSql(filter)
  const rows = await client.rows<{ seq: number; event: string; regions: string[] }>(
    `SELECT seq, event, regions FROM ${readFrom(table)} WHERE ${where.sql} ORDER BY day DESC, start_ms DESC, seq ASC LIMIT {length:UInt32} OFFSET {offset:UInt64}`,
    { ...where.params, length, offset },
  )
  return rows.map((r) => windowRow(Number(r.seq), JSON.parse(r.event) as ThreatEvent, r.regions))
}

/** The window as it was read before: its seqs chosen under FINAL, the rows found again by seq alone over the whole table. */
async function bySeqWindow(client: WarehouseClient, table: TableName, filter: FilterSpec, offset: number, length: number): Promise<WindowRow[]> {
  const where = filterSql(filter)
  const plain = readFrom({ ...table, view: true })
  const rows = await client.rows<{ seq: number; event: string; regions: string[] }>(
    `SELECT seq, latest.1 AS event, latest.2 AS regions, latest.3 AS start_ms FROM (
       SELECT seq, argMax(tuple(event, regions, start_ms), version) AS latest FROM ${plain}
       WHERE seq IN (SELECT seq FROM ${readFrom(table)} WHERE ${where.sql} ORDER BY day DESC, start_ms DESC, seq ASC LIMIT {length:UInt32} OFFSET {offset:UInt64})
       GROUP BY seq)
     ORDER BY start_ms DESC, seq ASC`,
    { ...where.params, length, offset },
  )
  return rows.map((r) => windowRow(Number(r.seq), JSON.parse(r.event) as ThreatEvent, r.regions))
}

const windowRow = (ref: number, e: ThreatEvent, regions: readonly string[]): WindowRow => ({ ref, id: e.id, title: e.title, regions: regions.slice(0, 1) })

async function listed(rows: RemoteRows, filter: FilterSpec, offset: number, length: number): Promise<WindowRow[]> {
  return (await rows.listWindow(filter, offset, length)).map((r) => windowRow(r.ref, r.event!, r.regions))
}

/** The lines of `EXPLAIN indexes = 1` from the index named `index` (PrimaryKey, or a skipping index's name) to its granules read. */
async function indexPlan(client: WarehouseClient, sql: string, params: Readonly<Record<string, unknown>>, index: string): Promise<string> {
  const plan = (await client.rows<{ explain: string }>(`EXPLAIN indexes = 1 ${sql}`, params)).map((r) => r.explain)
  const at = plan.findIndex((line) => line.trim() === index || line.includes(`Name: ${index}`))
  expect(at, plan.join('\n')).toBeGreaterThan(0)
  const granules = plan.findIndex((line, i) => i > at && line.includes('Granules:'))
  return plan.slice(at, granules + 1).join('\n')
}

/** A client that keeps every query it is asked, to look at the plans of the reads RemoteRows makes. */
function recording(client: WarehouseClient): { client: WarehouseClient; asked: { sql: string; params: Readonly<Record<string, unknown>> }[] } {
  const asked: { sql: string; params: Readonly<Record<string, unknown>> }[] = []
  const rows = client.rows.bind(client)
  const recorder = Object.create(client) as WarehouseClient
  recorder.rows = (sql, params = {}, options = {}, format) => {
    asked.push({ sql, params })
    return rows(sql, params, options, format)
  }
  return { client: recorder, asked }
}

describe('rows read again by key and by ref', () => {
  it('are the rows of the straightforward query and of the read by seq alone, with re-loaded versions in the table', async () => {
    const { client, table, name } = await emptyTable(warehouse())
    // The older versions stay in the table beside the newer ones (FINAL leaves them out).
    await client.command(`SYSTEM STOP MERGES ${name}`)
    await client.insert(name, warehouseRowsOf({ regions: [], events: FIRST_LOAD }, 0, 1))
    await client.insert(name, warehouseRowsOf({ regions: [], events: RELOAD }, 9, 2))
    await client.insert(name, warehouseRowsOf({ regions: [], events: THIRD_LOAD }, 10, 3))
    const [counted] = await client.rows<{ rows: number; final: number }>(`SELECT count() AS rows, (SELECT count() FROM ${readFrom(table)}) AS final FROM ${name}`)
    expect([Number(counted!.rows), Number(counted!.final)]).toEqual([13, 9])
    // By hand: 1 March (h, i: same start, load order), 3 Feb (g), 1 Feb (e, then f moved to midnight
    // as seq 11), 31 Jan (d at 23:59 as re-loaded the third time, then c, then b re-loaded as seq 9), 30 Jan (a).
    const all = await listed(new RemoteRows(client, table), EMPTY_FILTER, 0, 100)
    expect(all.map((r) => [r.ref, r.id])).toEqual([[7, 'h'], [8, 'i'], [6, 'g'], [4, 'e'], [11, 'f'], [10, 'd'], [2, 'c'], [9, 'b'], [0, 'a']])
    expect(all.find((r) => r.id === 'd')!.title).toBe('Strike at the depot, third')
    expect(all.find((r) => r.id === 'h')!.regions).toEqual(['western-europe'])

    const filters: FilterSpec[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, levels: [2, 3] as ThreatLevel[] },
      { ...EMPTY_FILTER, text: 'depot' },
      { ...EMPTY_FILTER, countries: ['DE' as CountryCode] },
      { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2024, 0, 31), toMs: Date.UTC(2024, 1, 2) } },
    ]
    // Every window read from the newest days first, and every window placed by day counts.
    for (const rows of [new RemoteRows(client, table), new RemoteRows(client, table, { earlyStopRows: 0 })]) {
      for (const filter of filters) {
        for (const offset of [0, 2, 7, 10]) {
          for (const length of [1, 3, 20]) {
            const want = await finalWindow(client, table, filter, offset, length)
            const got = await listed(rows, filter, offset, length)
            expect(got, `${JSON.stringify(filter)} at ${offset}, ${length}`).toEqual(want)
            expect(await bySeqWindow(client, table, filter, offset, length), `${JSON.stringify(filter)} at ${offset}, ${length}`).toEqual(want)
          }
        }
      }
    }

    // Events by ref: the latest version of each ref's rows, in the refs' order, an unknown ref left out.
    const rows = new RemoteRows(client, table)
    const refs = [10, 0, 11, 7, 99]
    const byRef = await rows.events(refs)
    expect(byRef.map((e) => [e.id, e.title, e.threatLevel])).toEqual([
      ['d', 'Strike at the depot, third', 3],
      ['a', 'Strike at the port', 2],
      ['f', 'Strike in the square', 2],
      ['h', 'Strike at the bridge', 3],
    ])
    const straight = await client.rows<{ seq: number; event: string }>(`SELECT seq, event FROM ${readFrom(table)} WHERE seq IN {refs:Array(UInt64)}`, { refs })
    const bySeq = new Map(straight.map((r) => [Number(r.seq), JSON.parse(r.event) as ThreatEvent]))
    expect(byRef).toEqual(refs.flatMap((ref) => bySeq.get(ref) ?? []))
    await client.close()
  }, 300_000)

  it('read the granules that hold the rows: a window by the sorting key, an event by the seq index, on a table made before the seq index once upgraded', async () => {
    const withoutSeqIndex = (t: TableName): string => ddlWithout(createTableSql(t), /^ *INDEX seq_minmax /)
    const { client: plainClient, table, name } = await emptyTable(warehouse(), withoutSeqIndex)
    expect(withoutSeqIndex(table)).not.toContain('seq_minmax')
    // 30,000 events in January 2024, 1,000 a day in load order (seq follows the day): four granules of 8,192 rows in one partition.
    await plainClient.command(
      `INSERT INTO ${name} (id, seq, title, category, level, start_ms, end_ms, precision, countries, regions, named_regions, actors, lat, lon, approximate, event, version)
       SELECT leftPad(toString(number), 6, '0'), number, 'Protest', 'riot', 1 + number % 5, 1704067200000 + intDiv(number, 1000) * 86400000 + number % 1000,
              1704067200000 + (intDiv(number, 1000) + 1) * 86400000, 'day', ['FR'], ['europe'], [], [], NULL, NULL, 1, concat('{"id":"', toString(number), '"}'), 1
       FROM numbers(30000)`,
    )
    const { client, asked } = recording(plainClient)
    const rows = new RemoteRows(client, table)
    // The newest day's last starts first: seq 29,999 down.
    expect((await rows.listWindow(EMPTY_FILTER, 0, 3)).map((r) => r.ref)).toEqual([29999, 29998, 29997])
    const window = asked.at(-1)!
    expect(window.sql).toContain('(day, place, id, seq) IN (SELECT day, place, id, seq FROM')
    expect(await indexPlan(plainClient, window.sql, window.params, 'PrimaryKey')).toMatch(/Granules: 1\/4/)
    expect((await rows.listWindow(EMPTY_FILTER, 20_000, 2)).map((r) => r.ref)).toEqual([9999, 9998])
    const far = asked.at(-1)!
    expect(await indexPlan(plainClient, far.sql, far.params, 'PrimaryKey')).toMatch(/Granules: 1\/4/)

    // Without the seq index, an event by ref reads every granule's seq; the upgrade adds the index and writes it for the rows loaded.
    expect((await rows.events([12_345])).map((e) => e.id)).toEqual(['12345'])
    const detail = asked.at(-1)!
    const before = (await plainClient.rows<{ explain: string }>(`EXPLAIN indexes = 1 ${detail.sql}`, detail.params)).map((r) => r.explain).join('\n')
    expect(before).not.toContain('seq_minmax')
    const indexes = (await plainClient.rows<{ name: string; expr: string }>('SELECT name, expr FROM system.data_skipping_indices WHERE database = {db:String} AND table = {t:String}', { db: table.database, t: table.table }))
    const columns = (await plainClient.rows<{ name: string }>('SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}', { db: table.database, t: table.table })).map((c) => c.name)
    const writes = upgradeWritesSql(table, columns, indexes)
    expect(writes.after).toContain(`ALTER TABLE ${name} MATERIALIZE INDEX seq_minmax`)
    for (const sql of [...writes.before, ...upgradeTableSql(table)]) await plainClient.command(sql)
    for (const sql of writes.after) await plainClient.command(`${sql} SETTINGS mutations_sync = 2`)
    expect(await indexPlan(plainClient, detail.sql, detail.params, 'seq_minmax')).toMatch(/Granules: 1\/4/)
    expect((await rows.events([12_345, 0, 29_999])).map((e) => e.id)).toEqual(['12345', '0', '29999'])
    // A table brought up to the layout has nothing left to write.
    const upgraded = (await plainClient.rows<{ name: string; expr: string }>('SELECT name, expr FROM system.data_skipping_indices WHERE database = {db:String} AND table = {t:String}', { db: table.database, t: table.table }))
    expect(upgradeWritesSql(table, columns, upgraded).after.some((sql) => sql.includes('seq_minmax'))).toBe(false)
    await plainClient.close()
  }, 120_000)
})

describe('the first window\'s days', () => {
  it('hold about 131,072 of the table\'s rows at its average rows a day, between one day and 32', () => {
    // 100M events over six years: 45,662 a day, three days.
    expect(firstWindowDays(100_000_000, 0, 2189)).toBe(3)
    // 10M: 4,566 a day, 29 days.
    expect(firstWindowDays(10_000_000, 0, 2189)).toBe(29)
    // Sparse tables read 32 days first, as every table did before; one day of a million events reads one day.
    expect(firstWindowDays(12_000, 100, 219)).toBe(32)
    expect(firstWindowDays(1_000_000, 5, 5)).toBe(1)
  })
})
