import { parseTableName } from '../../../domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../../lib/clickhouse/clickhouse-engine.ts'
import { useWatchfloor } from '../../../state/store.ts'

/**
 * Connects to a warehouse table and, when it answers, puts it on screen. Loaded only when the
 * analyst connects: it brings the ClickHouse client. On failure nothing changes on screen and
 * the reason is returned, in words.
 */
export async function connectWarehouse(input: { url: string; table: string; user: string; password: string }): Promise<string | null> {
  const table = parseTableName(input.table)
  if (table === null) return 'Give the table as database.table (letters, digits and _).'
  const url = input.url.trim().replace(/\/+$/, '')
  try {
    const engine = await ClickHouseEngine.open({ url, table, user: input.user.trim() || 'default', password: input.password })
    // The table's own regions, which its rows name (none for a table loaded otherwise).
    const customRegions = await engine.customRegions().catch(async (error: unknown) => {
      await engine.close()
      throw error
    })
    const name = `${table.database}.${table.table}`
    useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url, table: name }, {
      name: `Warehouse table ${name}`,
      source: engine.source,
      customRegions,
    })
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
