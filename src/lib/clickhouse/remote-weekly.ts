import { DAY_MS } from '../../domain/dates.ts'
import type { EpochMs } from '../../domain/model.ts'
import { countsOfGroups, frameOf, type WarningCounts, type WeekGroup } from '../../domain/warning/warning-counts.ts'
import type { WeeklyCounts } from '../../domain/warning/weekly-counts.ts'
import { weekStartMs } from '../../domain/warning/weeks.ts'
import type { TableName } from '../../domain/warehouse/table-layout.ts'
import { readFrom } from '../../domain/warehouse/source-table.ts'
import type { TableStats } from './cube-counts.ts'
import type { Cube } from './cube.ts'
import { cubeWeeklyCounts } from './cube-weekly.ts'
import type { WarehouseClient } from './warehouse-client.ts'

/**
 * Early warning's weekly counts from the warehouse: the whole table (a surge ignores the
 * dashboard's filters) grouped per place by week, in one GROUP BY per kind. One-day events are
 * summed per Monday-start week by the warehouse; longer events (a month, a year, a span) are
 * grouped by the days they cover and spread over them in the tab as the timeline spreads them
 * (warning-counts.ts), so the counts are the ones weeklyCounts gives over the same rows.
 */

/** Most (place, week) groups one kind may bring. */
export const MAX_WEEK_GROUPS = 5_000_000

/** Each kind's places: an event counts once for each of its countries, regions or actors. */
const PLACE_OF = {
  all: `''`,
  country: 'arrayJoin(arrayDistinct(countries))',
  region: 'arrayJoin(arrayDistinct(regions))',
  actor: 'arrayJoin(arrayDistinct(actors))',
} as const

interface GroupRow {
  readonly place: string
  readonly single: number
  readonly a: number
  readonly b: number
  readonly n: number
  readonly w: number
}

/**
 * The weeks are those weekFrame gives for the table through `throughMs`; rows that end before the
 * frame or start after it are left out by the warehouse. Weeks count from 1970-01-01 (a
 * Thursday, 3 days after week 0's Monday), as weeks.ts counts them.
 */
function groupsSql(table: TableName, kind: keyof typeof PLACE_OF): string {
  return `WITH toInt64(floor(start_ms / {day_ms:Int64})) AS d0,
      greatest(d0 + 1, toInt64(ceil(end_ms / {day_ms:Int64}))) AS d1
    SELECT ${PLACE_OF[kind]} AS place, toUInt8(d1 - d0 = 1) AS single,
      if(single = 1, toInt64(floor((d0 + 3) / 7)), d0) AS a, if(single = 1, toInt64(0), d1) AS b,
      count() AS n, sum(pow(2, level - 1)) AS w
    FROM ${readFrom(table)}
    WHERE end_ms > {frame_from:Int64} AND start_ms < {frame_to:Int64}
    GROUP BY place, single, a, b`
}

/**
 * Weekly counts of all events, countries, regions and actors through `throughMs`, from the
 * warehouse; with `wholeCube` (the cube of the whole table, no text or actor filter, which the
 * tab holds), all events, countries and regions from it (cube-weekly.ts) and the actors alone
 * from the warehouse.
 */
export async function fetchWarningCounts(client: WarehouseClient, table: TableName, stats: TableStats, throughMs: EpochMs, signal?: AbortSignal, wholeCube: Cube | null = null): Promise<WarningCounts> {
  const frame = frameOf(stats.size, [stats.minStartMs, stats.maxEndMs], throughMs)
  const params = { day_ms: DAY_MS, frame_from: weekStartMs(frame.firstWeek), frame_to: weekStartMs(frame.firstWeek + frame.weeks) }
  const remote = (kind: (typeof KINDS)[number]): Promise<WeeklyCounts> =>
    (stats.size === 0 ? Promise.resolve([]) : client.rows<GroupRow>(groupsSql(table, kind), params, { signal, maxRows: MAX_WEEK_GROUPS })).then((rows) => countsOfGroups(kind, frame, rows.map(groupOf)))
  const [all, country, region, actor] = await Promise.all(KINDS.map((kind) => (kind !== 'actor' && wholeCube !== null ? Promise.resolve(cubeWeeklyCounts(wholeCube, kind, frame)) : remote(kind))))
  return { all: all!, country: country!, region: region!, actor: actor!, dataEndMs: Math.ceil(stats.maxEndMs / DAY_MS) * DAY_MS }
}

const KINDS = ['all', 'country', 'region', 'actor'] as const

function groupOf(row: GroupRow): WeekGroup {
  const single = Number(row.single) === 1
  return {
    place: row.place,
    week: single ? Number(row.a) : null,
    startDay: single ? 0 : Number(row.a),
    endDay: single ? 0 : Number(row.b),
    events: Number(row.n),
    weighted: Number(row.w),
  }
}
