import { isViewEngine, type SourceTable } from '../../domain/warehouse/source-table.ts'
import type { TableName } from '../../domain/warehouse/table-layout.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * What `table` is, as system.tables names its engine: a view (read without FINAL) or a table.
 * A table the server does not list reads as a table, so the first query over it says it is missing.
 */
export async function sourceTableOf(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<SourceTable> {
  const [row] = await client.rows<{ engine: string }>(
    'SELECT engine FROM system.tables WHERE database = {db:String} AND name = {name:String}',
    { db: table.database, name: table.table },
    { signal },
  )
  return row !== undefined && isViewEngine(row.engine) ? { ...table, view: true } : table
}
