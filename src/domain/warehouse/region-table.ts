import type { RegionDef } from '../model.ts'
import { quotedTable, type TableName } from './table-layout.ts'

/**
 * The regions a dataset defines for itself (a dataset's `regions`: an id, a name and its
 * countries), kept beside the events table as `NAME_regions`. The events' `regions` and
 * `named_regions` columns already name them, as a file import expands them; this table gives
 * their names and countries back to the app, so a warehouse table shows and filters its own
 * regions as the file it came from does. A region pushed again replaces the older definition
 * (the highest `version` is kept, as for events).
 */
export function regionTableName(name: TableName): TableName {
  return { database: name.database, table: `${name.table}_regions` }
}

export function createRegionTableSql(name: TableName): string {
  return `CREATE TABLE IF NOT EXISTS ${quotedTable(regionTableName(name))}
(
    id        String,
    name      String,
    countries Array(String),
    version   UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id`
}

/** The rows of a dataset's own regions, for `INSERT … FORMAT JSONEachRow`. */
export function regionRowsOf(regions: readonly RegionDef[], version: number): { id: string; name: string; countries: readonly string[]; version: number }[] {
  return regions.map((r) => ({ id: r.id, name: r.name, countries: r.countries, version }))
}

/** The query that reads the regions back, newest definition of each, in id order. */
export function selectRegionsSql(name: TableName): string {
  return `SELECT id, name, countries FROM ${quotedTable(regionTableName(name))} FINAL ORDER BY id`
}
