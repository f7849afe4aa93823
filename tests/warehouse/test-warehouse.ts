import { afterAll, beforeAll } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { createTilesSql } from '../../src/domain/warehouse/map-tiles.ts'
import { createActorFacetSql, createCubeSql, createDatabaseSql, createTableSql, quotedTable, warehouseRowsOf, type TableName } from '../../src/domain/warehouse/table-layout.ts'
import { createRegionTableSql, regionRowsOf, regionTableName } from '../../src/domain/warehouse/region-table.ts'
import { WarehouseClient, type WarehouseConnection } from '../../src/lib/clickhouse/warehouse-client.ts'

/**
 * A warehouse for tests: the chdb endpoint (scripts/warehouse/chdb-endpoint.ts), or the
 * ClickHouse server at CLICKHOUSE_URL (user CLICKHOUSE_USER, password CLICKHOUSE_PASSWORD) when set.
 */
export interface TestWarehouse {
  readonly url: string
  readonly user: string
  readonly password: string
  /** A fresh table name in the test database. */
  nextTable(): TableName
  close(): Promise<void>
}

export const TEST_DATABASE = 'watchfloor_test'

export async function startTestWarehouse(): Promise<TestWarehouse> {
  const external = process.env.CLICKHOUSE_URL
  const endpoint: ChdbEndpoint | null = external ? null : await startChdbEndpoint()
  const run = `${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  let n = 0
  return {
    url: external ?? endpoint!.url,
    user: external ? (process.env.CLICKHOUSE_USER ?? 'default') : 'default',
    password: external ? (process.env.CLICKHOUSE_PASSWORD ?? '') : '',
    nextTable: () => ({ database: TEST_DATABASE, table: `events_${run}_${n++}` }),
    close: async () => endpoint?.close(),
  }
}

/**
 * Loads `dataset` into a new table as `watchfloor push` lays it out, with the cube and the map
 * tiles the warehouse keeps beside it (docs/warehouse.md): filters without actors or text read the
 * kept cube, the others group the table, so the engine suites cover both; the map bins a view at a
 * whole zoom on whole pixels from the tiles. The connection to read it.
 */
export async function loadWarehouseTable(warehouse: TestWarehouse, dataset: Dataset): Promise<WarehouseConnection> {
  const connection = { url: warehouse.url, user: warehouse.user, password: warehouse.password, table: warehouse.nextTable() }
  const client = new WarehouseClient(connection)
  await client.command(createDatabaseSql(connection.table))
  await client.command(createTableSql(connection.table))
  for (const sql of [...createCubeSql(connection.table), ...createActorFacetSql(connection.table), ...createTilesSql(connection.table)]) await client.command(sql)
  await client.insert(quotedTable(connection.table), warehouseRowsOf(dataset, 0, 1))
  // The dataset's own regions beside it, as `watchfloor push` keeps them.
  if (dataset.regions.length > 0) {
    await client.command(createRegionTableSql(connection.table))
    await client.insert(quotedTable(regionTableName(connection.table)), regionRowsOf(dataset.regions, 1))
  }
  await client.close()
  return connection
}

/** A test warehouse started before the file's tests and closed after them; call the result inside a test. */
export function useTestWarehouse(): () => TestWarehouse {
  let warehouse: TestWarehouse | undefined
  beforeAll(async () => {
    warehouse = await startTestWarehouse()
  }, 120_000)
  // Closing waits for the server's background merges (a part per month of each table loaded).
  afterAll(async () => {
    await warehouse?.close()
  }, 120_000)
  return () => warehouse!
}

/** A new, empty table in `warehouse` made by `ddl` (the documented layout by default), with a client to it. */
export async function emptyTable(warehouse: TestWarehouse, ddl: (name: TableName) => string = createTableSql): Promise<{ client: WarehouseClient; table: TableName; name: string }> {
  const table = warehouse.nextTable()
  const client = new WarehouseClient({ url: warehouse.url, user: warehouse.user, password: warehouse.password, table })
  await client.command(createDatabaseSql(table))
  await client.command(ddl(table))
  return { client, table, name: quotedTable(table) }
}

/**
 * `ddl` without the lines that match `line` (columns or indexes of a later layout), its last entry
 * before the closing parenthesis left without a comma: the DDL of a table made before them.
 */
export function ddlWithout(ddl: string, line: RegExp): string {
  const kept = ddl.split('\n').filter((l) => !line.test(l))
  const close = kept.findIndex((l) => l.startsWith(')'))
  if (close > 0) kept[close - 1] = kept[close - 1]!.replace(/,\s*$/, '')
  return kept.join('\n')
}
