import type { FilterSpec } from '../../domain/engine/filter-spec.ts'
import type { Facet } from '../../domain/engine/views-engine.ts'
import type { ThreatLevel } from '../../domain/model.ts'
import { actorFacetTableName, quotedTable, type TableName } from '../../domain/warehouse/table-layout.ts'
import type { ActorLevelRow } from './actor-levels.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * The actor facet the warehouse keeps beside the table (createActorFacetSql): events per actor
 * and level, a few thousand rows whatever the table's size. It answers the facet when no filter
 * but levels (and actors, which the facet ignores) applies — the first dashboard's — with what
 * the table's own facet query answers (remote-rows.ts, `actorLevels` and `actorFacet`).
 */

/** Events the kept facet holds, or null when the warehouse keeps none for `table`. */
export async function keptFacetEvents(client: WarehouseClient, table: TableName, signal?: AbortSignal): Promise<number | null> {
  const facet = actorFacetTableName(table)
  const [exists] = await client.rows<{ n: number }>('SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: facet.database, name: facet.table }, { signal })
  if (exists === undefined || Number(exists.n) === 0) return null
  const [row] = await client.rows<{ n: number }>(`SELECT toUInt64(sum(n)) AS n FROM ${quotedTable(facet)} WHERE total = 1`, {}, { signal })
  return Number(row?.n ?? 0)
}

/** Whether the kept facet answers for `filter`: no filter on time, place, category or text. */
export function keptFacetAnswers(filter: FilterSpec): boolean {
  return filter.timeRange === null && filter.regions.length === 0 && filter.countries.length === 0 && filter.categories.length === 0 && filter.text.trim() === ''
}

/** Events per actor and level from the kept facet, as `actorLevels` answers them; null past `limit` groups. */
export async function keptActorLevels(client: WarehouseClient, table: TableName, limit: number, signal?: AbortSignal): Promise<ActorLevelRow[] | null> {
  const rows = await client.rows<ActorLevelRow>(
    `SELECT actor, level, toUInt64(sum(n)) AS n FROM ${quotedTable(actorFacetTableName(table))} WHERE total = 0 GROUP BY actor, level LIMIT {groups:UInt32}`,
    { groups: limit + 1 },
    { signal },
  )
  return rows.length > limit ? null : rows.map((r) => ({ actor: r.actor, level: Number(r.level), n: Number(r.n) }))
}

/**
 * The facet of the events at `levels` (every level when empty) from the kept facet: actors with
 * their events and highest level, most events first, then by name, at most `limit`, as `actorFacet` answers it.
 */
export async function keptActorFacet(client: WarehouseClient, table: TableName, levels: readonly ThreatLevel[], limit: number, signal?: AbortSignal): Promise<Facet> {
  const rows = await client.rows<{ actor: string; n: number; max_level: number }>(
    `SELECT actor, toUInt64(sum(n)) AS n, max(level) AS max_level FROM ${quotedTable(actorFacetTableName(table))}
     WHERE total = 0${levels.length === 0 ? '' : ' AND level IN {levels:Array(UInt8)}'} GROUP BY actor ORDER BY n DESC, actor LIMIT {limit:UInt32}`,
    levels.length === 0 ? { limit } : { levels: [...levels], limit },
    { signal },
  )
  return { values: rows.map((r) => r.actor), counts: Uint32Array.from(rows, (r) => Number(r.n)), maxLevel: Uint8Array.from(rows, (r) => Number(r.max_level)) }
}
