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

/**
 * How a table holds what the text filter searches: `indexed`, the `search_text` column of the
 * layout (table-layout.ts) with its token index (`search_tokens`, a ClickHouse text index);
 * `stored`, the column without that index (a server before ClickHouse 26.2, or a table made before
 * the index); `fields`, only the title, category and actors (a view, or a table made before the
 * column).
 */
export type TextColumns = 'indexed' | 'stored' | 'fields'

/**
 * Whether the token index may answer `needle` as `LIKE '%needle%'`: no line break (the stored
 * string's line breaks part its fields) and none of LIKE's wildcard or escape characters (`%`,
 * `_`, `\\`), which ClickHouse 26.7's index does not read as escaped: such a needle is searched
 * with the byte search.
 */
function likeable(needle: string): boolean {
  return !/[\n%_\\]/.test(needle)
}

/** The condition for `filter` on every dimension but those in `ignored`; `1` when nothing applies. */
export function filterSql(filter: FilterSpec, ignored: readonly FilterDim[] = [], text: TextColumns = 'fields'): SqlPart {
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
    if (text === 'indexed' && likeable(needle)) {
      // The same substring test as a LIKE, which the token index answers: a needle inside one
      // token (no ASCII space or punctuation) is looked up in the index's dictionary — the tokens
      // holding it — and the rows come from their postings without reading the strings; any
      // other needle is narrowed by the whole tokens it holds and checked on the rows left, or
      // scanned (ClickHouse chooses; each way gives the rows the byte search gives). The needle
      // holds no wildcard, so the pattern's are the `%` on each side.
      params.f_text_like = `%${needle}%`
      where.push('search_text LIKE {f_text_like:String}')
    } else if (text !== 'fields' && !needle.includes('\n')) {
      // The stored string holds the fields a line each: a needle without a line break is in it
      // exactly when it is in one of them, found by a byte search (the needle is valid UTF-8, so a
      // byte match is a character match) in a form the search index serves (`position` is not one).
      params.f_text = needle
      where.push('multiSearchAny(search_text, [{f_text:String}])')
    } else {
      params.f_text = needle
      where.push(
        '(positionUTF8(lowerUTF8(title), {f_text:String}) > 0 OR positionUTF8(lowerUTF8(category), {f_text:String}) > 0 ' +
          'OR arrayExists(a -> positionUTF8(lowerUTF8(a), {f_text:String}) > 0, actors))',
      )
      // A table made before `search_text` may keep the search index over the same string as an
      // expression: the same test in a form that index serves lets it skip granules.
      if (text === 'fields' && !needle.includes('\n')) where.push(`multiSearchAny(${SEARCH_TEXT_SQL}, [{f_text:String}])`)
    }
  }
  return { sql: where.length === 0 ? '1' : where.join(' AND '), params }
}
