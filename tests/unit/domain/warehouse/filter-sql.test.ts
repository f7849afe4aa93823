import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { filterSql } from '../../../../src/domain/warehouse/filter-sql.ts'
import { createTableSql, parseTableName, warehouseRowsOf } from '../../../../src/domain/warehouse/table-layout.ts'
import { datasetOf } from '../../../engine/conformance.ts'

describe('filterSql', () => {
  it('is 1 with no filter', () => {
    expect(filterSql(EMPTY_FILTER)).toEqual({ sql: '1', params: {} })
  })

  it('puts every value in a typed parameter, never in the SQL text', () => {
    const hostile = "x') OR 1=1 --"
    const { sql, params } = filterSql({
      timeRange: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 1, 1) },
      regions: ['sahel'],
      countries: [hostile],
      actors: ['Wagner Group'],
      levels: [4, 5],
      categories: ['conflict'],
      text: '  Drone ',
    })
    expect(sql).not.toContain(hostile)
    expect(sql).not.toContain('drone')
    expect(sql).toBe(
      'start_ms < {f_to_ms:Int64} AND end_ms > {f_from_ms:Int64} AND hasAny(regions, {f_region:Array(String)}) AND ' +
        'hasAny(countries, {f_country:Array(String)}) AND hasAny(actors, {f_actor:Array(String)}) AND has({f_level:Array(UInt8)}, level) AND ' +
        'has({f_category:Array(String)}, category) AND (positionUTF8(lowerUTF8(title), {f_text:String}) > 0 OR ' +
        'positionUTF8(lowerUTF8(category), {f_text:String}) > 0 OR arrayExists(a -> positionUTF8(lowerUTF8(a), {f_text:String}) > 0, actors)) AND ' +
        "multiSearchAny(lowerUTF8(concat(title, '\\n', category, '\\n', arrayStringConcat(actors, '\\n'))), [{f_text:String}])",
    )
    expect(params).toEqual({
      f_to_ms: 1706745600000,
      f_from_ms: 1704067200000,
      f_region: ['sahel'],
      f_country: [hostile],
      f_actor: ['Wagner Group'],
      f_level: [4, 5],
      f_category: ['conflict'],
      f_text: 'drone',
    })
  })

  it('adds the search index\'s form beside the per-field test, but not for a needle across a line break, which it cannot hold', () => {
    expect(filterSql({ ...EMPTY_FILTER, text: 'Kyiv' }).sql).toMatch(/ AND multiSearchAny\(lowerUTF8\(concat\(title, .*\[\{f_text:String\}\]\)$/)
    const across = filterSql({ ...EMPTY_FILTER, text: 'strike\non Kyiv' })
    expect(across.sql).not.toContain('multiSearchAny')
    expect(across.params).toEqual({ f_text: 'strike\non kyiv' })
  })

  it('asks a table with the token index for LIKE %needle%, and any needle with a line break or a LIKE wildcard for the byte search', () => {
    expect(filterSql({ ...EMPTY_FILTER, levels: [2], text: ' Café Noir ' }, [], 'indexed')).toEqual({
      sql: 'has({f_level:Array(UInt8)}, level) AND search_text LIKE {f_text_like:String}',
      params: { f_level: [2], f_text_like: '%café noir%' },
    })
    for (const text of ['50%', 'y_of', 'a\\b']) {
      expect(filterSql({ ...EMPTY_FILTER, text }, [], 'indexed'), text).toEqual({ sql: 'multiSearchAny(search_text, [{f_text:String}])', params: { f_text: text } })
    }
    const across = filterSql({ ...EMPTY_FILTER, text: 'strike\non' }, [], 'indexed')
    expect(across.sql).toMatch(/^\(positionUTF8\(lowerUTF8\(title\)/)
    expect(across.sql).not.toContain('LIKE')
    expect(across.sql).not.toContain('multiSearchAny')
  })

  it('leaves out the dimensions a view ignores', () => {
    const { sql, params } = filterSql({ ...EMPTY_FILTER, actors: ['NATO'], levels: [3] }, ['actor'])
    expect(sql).toBe('has({f_level:Array(UInt8)}, level)')
    expect(params).toEqual({ f_level: [3] })
  })
})

describe('table layout', () => {
  it('reads DB.NAME and refuses anything that is not two plain identifiers', () => {
    expect(parseTableName('watchfloor.events')).toEqual({ database: 'watchfloor', table: 'events' })
    expect(parseTableName('events')).toEqual({ database: 'default', table: 'events' })
    for (const bad of ['a.b.c', 'x`; DROP', 'db.', '1db.t', 'db.t-1', '']) expect(parseTableName(bad)).toBeNull()
  })

  it('is a ReplacingMergeTree ordered by day, place and id', () => {
    const ddl = createTableSql({ database: 'w', table: 'e' })
    expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS `w`\.`e`/)
    expect(ddl).toContain('ENGINE = ReplacingMergeTree(version)')
    expect(ddl).toContain('ORDER BY (day, place, id)')
    expect(ddl).toMatch(/countries +Array\(LowCardinality\(String\)\)/)
  })

  it('lays an event out with its span, expanded regions and position', () => {
    const dataset = datasetOf([
      { id: 'a', title: 'Talks', date: '2024-02', threatLevel: 3, countries: ['EG'], actors: ['Hamas'], category: 'diplomacy' },
      { id: 'b', title: 'Storm', date: '2024-03-01', endDate: '2024-03-03', threatLevel: 2, regions: ['sahel'] },
    ])
    const [a, b] = warehouseRowsOf(dataset, 10, 7)
    expect(a).toMatchObject({ id: 'a', seq: 10, version: 7, level: 3, category: 'diplomacy', precision: 'month', countries: ['EG'], actors: ['Hamas'], approximate: 1 })
    expect(a!.start_ms).toBe(Date.UTC(2024, 1, 1))
    expect(a!.end_ms).toBe(Date.UTC(2024, 2, 1))
    expect(a!.regions).toEqual(expect.arrayContaining(['northern-africa', 'africa', 'middle-east']))
    expect(a!.lat).not.toBeNull()
    expect(b).toMatchObject({ seq: 11, named_regions: ['sahel'], countries: [], lat: null, lon: null, category: '' })
    // The end is the end of the span's last day.
    expect(b!.end_ms).toBe(Date.UTC(2024, 2, 4))
    expect(JSON.parse(a!.event)).toEqual(JSON.parse(JSON.stringify(dataset.events[0])))
  })
})
