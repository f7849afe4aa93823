import type { FilterSpec } from '../engine/filter-spec.ts'
import { SEARCH_TEXT_SQL } from './table-layout.ts'

/**
 * The dashboard's filters as a ClickHouse WHERE condition over the warehouse layout
 * (table-layout.ts). Every value travels as a typed query parameter (`{name:Type}`, bound by
 * the server); the SQL text holds only column names and placeholders, so no value can change
 * what the query does. The rules are the local engine's: a time range passes events that
 * overlap it; a list filter passes events with any of its values; text is a case-insensitive
 * substring of the title, the category or an actor.
 */

export type FilterDim = 'time' | 'region' | 'country' | 'actor' | 'level' | 'category' | 'text'

/** SQL with the parameters it names. */
export interface SqlPart {
  readonly sql: string
  readonly params: Readonly<Record<string, unknown>>
}

/** The condition for `filter` on every dimension but those in `ignored`; `1` when nothing applies. */
export function filterSql(filter: FilterSpec, ignored: readonly FilterDim[] = []): SqlPart {
  const on = (d: FilterDim): boolean => !ignored.includes(d)
  const where: string[] = []
  const params: Record<string, unknown> = {}
  if (on('time') && filter.timeRange !== null) {
    where.push('start_ms < {f_to_ms:Int64} AND end_ms > {f_from_ms:Int64}')
    params.f_to_ms = Math.floor(filter.timeRange.toMs)
    params.f_from_ms = Math.ceil(filter.timeRange.fromMs)
  }
  const anyOf = (dim: FilterDim, column: string, values: readonly string[]): void => {
    if (!on(dim) || values.length === 0) return
    where.push(`hasAny(${column}, {f_${dim}:Array(String)})`)
    params[`f_${dim}`] = [...values]
  }
  anyOf('region', 'regions', filter.regions)
  anyOf('country', 'countries', filter.countries)
  anyOf('actor', 'actors', filter.actors)
  if (on('level') && filter.levels.length > 0) {
    where.push('has({f_level:Array(UInt8)}, level)')
    params.f_level = [...filter.levels]
  }
  if (on('category') && filter.categories.length > 0) {
    where.push('has({f_category:Array(String)}, category)')
    params.f_category = [...filter.categories]
  }
  const needle = filter.text.trim().toLowerCase()
  if (on('text') && needle !== '') {
    where.push(
      '(positionUTF8(lowerUTF8(title), {f_text:String}) > 0 OR positionUTF8(lowerUTF8(category), {f_text:String}) > 0 ' +
        'OR arrayExists(a -> positionUTF8(lowerUTF8(a), {f_text:String}) > 0, actors))',
    )
    // The same test over the one string the table's search index holds (table-layout.ts), in a
    // form the index serves: granules whose 3-grams cannot hold the needle are never read. The
    // test above decides each row (it is the cheaper to compute); this one only lets granules be
    // skipped, and adds nothing for a needle across a line break, which it cannot find.
    if (!needle.includes('\n')) where.push(`multiSearchAny(${SEARCH_TEXT_SQL}, [{f_text:String}])`)
    params.f_text = needle
  }
  return { sql: where.length === 0 ? '1' : where.join(' AND '), params }
}
