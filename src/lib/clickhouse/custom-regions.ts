import type { CountryCode, RegionDef, RegionId } from '../../domain/model.ts'
import { regionTableName, selectRegionsSql } from '../../domain/warehouse/region-table.ts'
import type { TableName } from '../../domain/warehouse/table-layout.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/** A region id as a dataset may define one (schema.ts, regionDefInputSchema): a lower-case slug. */
const REGION_ID = /^[a-z0-9][a-z0-9-]*$/

/**
 * The regions `table`'s dataset defined for itself, kept beside it by `watchfloor push`
 * (region-table.ts); none when the warehouse keeps no such table (a table loaded otherwise, or a
 * GDELT view). A row that is not a region as a dataset defines one (an id that is not a slug, an
 * empty name) is left out, as a file import would refuse it.
 */
export async function customRegionsOf(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<RegionDef[]> {
  const kept = regionTableName(table)
  const [exists] = await client.rows<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: kept.database, name: kept.table }, { signal })
  if (exists === undefined || Number(exists.n) === 0) return []
  const rows = await client.rows<{ id: unknown; name: unknown; countries: unknown }>(selectRegionsSql(table), {}, { signal })
  const regions: RegionDef[] = []
  for (const row of rows) {
    if (typeof row.id !== 'string' || !REGION_ID.test(row.id)) continue
    if (typeof row.name !== 'string' || row.name.trim() === '') continue
    const countries = Array.isArray(row.countries) ? row.countries.filter((c): c is string => typeof c === 'string') : []
    regions.push({ id: row.id as RegionId, name: row.name.trim(), countries: countries as CountryCode[] })
  }
  return regions
}
