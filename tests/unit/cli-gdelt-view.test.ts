import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'
import { requestFor } from '../engine/conformance.ts'
import { watchfloor, watchfloorWith } from './cli-run.ts'

/** `watchfloor gdelt-view`: prints the SQL, or loads GDELT files into a table in GDELT's layout and makes the view the app reads. */
let endpoint: ChdbEndpoint
const PASSWORD = 'gdelt-s3cret'
const GDELT = 'tests/fixtures/gdelt/gdelt_v2_events_100rows.export.tsv'

beforeAll(async () => {
  endpoint = await startChdbEndpoint({ user: 'analyst', password: PASSWORD })
}, 60_000)

afterAll(async () => {
  await endpoint?.close()
})

describe('watchfloor gdelt-view', { timeout: 60_000 }, () => {
  it('prints the GDELT layout and the view without a warehouse', async () => {
    const run = await watchfloor('gdelt-view', 'gdelt.events', '--table', 'watchfloor.gdelt')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^CREATE TABLE IF NOT EXISTS `gdelt`\.`events`/)
    expect(run.stdout).toContain('CREATE OR REPLACE VIEW `watchfloor`.`gdelt` AS')
    // The lookups table comes before the view that reads it.
    expect(run.stdout.indexOf('CREATE TABLE `watchfloor`.`gdelt_lookups`')).toBeGreaterThan(0)
    expect(run.stdout.indexOf('INSERT INTO `watchfloor`.`gdelt_lookups`')).toBeLessThan(run.stdout.indexOf('CREATE OR REPLACE VIEW'))
    expect(run.stdout.trimEnd().endsWith(';')).toBe(true)
  })

  it('loads GDELT files as they are, makes the view, and the app opens it with every event', async () => {
    const run = await watchfloorWith({ WATCHFLOOR_CLICKHOUSE_PASSWORD: PASSWORD }, 'gdelt-view', 'gdelt.events', GDELT, '--table', 'watchfloor.gdelt', '--clickhouse', endpoint.url, '--user', 'analyst')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(`view watchfloor.gdelt over gdelt.events at ${endpoint.url}: 100 events`)
    const engine = await ClickHouseEngine.open({ url: endpoint.url, user: 'analyst', password: PASSWORD, table: { database: 'watchfloor', table: 'gdelt' } })
    const views = await engine.run(requestFor(EMPTY_FILTER, 0, 1))
    expect(views.size).toBe(100)
    expect(views.list?.rows[0]?.event?.id).toMatch(/^gdelt-\d+$/)
    await engine.close()
    // Made again over the same table: the view is replaced, not refused.
    const again = await watchfloorWith({ WATCHFLOOR_CLICKHOUSE_PASSWORD: PASSWORD }, 'gdelt-view', 'gdelt.events', '--table', 'watchfloor.gdelt', '--clickhouse', endpoint.url, '--user', 'analyst')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(': 100 events')
  })

  it('refuses a source that is missing or not in GDELT’s layout, naming what lacks', async () => {
    const missing = await watchfloorWith({ WATCHFLOOR_CLICKHOUSE_PASSWORD: PASSWORD }, 'gdelt-view', 'gdelt.nothing', '--table', 'watchfloor.v', '--clickhouse', endpoint.url, '--user', 'analyst')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('has no table gdelt.nothing')
    const client = new WarehouseClient({ url: endpoint.url, user: 'analyst', password: PASSWORD, table: { database: 'gdelt', table: 'other' } })
    await client.command('CREATE DATABASE IF NOT EXISTS gdelt')
    await client.command('CREATE TABLE gdelt.other (GLOBALEVENTID UInt64, SQLDATE UInt32) ENGINE = MergeTree ORDER BY GLOBALEVENTID')
    await client.close()
    const other = await watchfloorWith({ WATCHFLOOR_CLICKHOUSE_PASSWORD: PASSWORD }, 'gdelt-view', 'gdelt.other', '--table', 'watchfloor.v', '--clickhouse', endpoint.url, '--user', 'analyst')
    expect(other.code).toBe(2)
    expect(other.stderr).toMatch(/gdelt\.other is not in GDELT 2\.0's layout: it has no Actor1Code, Actor1Name, /)
    const usage = await watchfloor('gdelt-view', 'gdelt.events')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('gdelt-view needs --table DB.NAME')
  })
})
