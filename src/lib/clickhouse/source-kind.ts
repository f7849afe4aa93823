import { isViewEngine, type SourceTable } from '../../domain/warehouse/source-table.ts'
import { TOKENS_INDEX_NAME, type TableName } from '../../domain/warehouse/table-layout.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * What `table` is, as system.tables names its engine and system.columns its columns: a view (read
 * without FINAL) or a table, and whether it holds the stored search string and the place-set key
 * of the current layout (a table made before them does not until `push` upgrades it), and whether
 * the search string has its token index (a server before ClickHouse 26.2 makes none). A table the
 * server does not list reads as a table, so the first query over it says it is missing.
 */
export async function sourceTableOf(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<SourceTable> {
  const where = { db: table.database, name: table.table }
  const [[row], columns, [tokens]] = await Promise.all([
    client.rows<{ engine: string }>('SELECT engine FROM system.tables WHERE database = {db:String} AND name = {name:String}', where, { signal }),
    client.rows<{ name: string }>("SELECT name FROM system.columns WHERE database = {db:String} AND table = {name:String} AND name IN ('search_text', 'place_set')", where, { signal }),
    client.rows<{ n: number }>("SELECT count() AS n FROM system.data_skipping_indices WHERE database = {db:String} AND table = {name:String} AND name = {index:String} AND type = 'text'", { ...where, index: TOKENS_INDEX_NAME }, { signal }),
  ])
  const has = new Set(columns.map((c) => c.name))
  const indexed = has.has('search_text') && Number(tokens?.n ?? 0) > 0
  return {
    ...table,
    ...(row !== undefined && isViewEngine(row.engine) ? { view: true } : {}),
    text: indexed ? 'indexed' : has.has('search_text') ? 'stored' : 'fields',
    placeSet: has.has('place_set'),
  }
}
