import { describe, expect, it } from 'vitest'
import { gdeltLayout } from '../../../../src/domain/ingest/gdelt-columns.ts'
import { gdeltLookups } from '../../../../src/domain/warehouse/gdelt-view-lookups.ts'
import { createGdeltLookupsSql, createGdeltTableSql, createGdeltViewSql, GDELT_EVENT_COLUMNS, gdeltViewSql, insertGdeltSql } from '../../../../src/domain/warehouse/gdelt-view.ts'
import { isViewEngine, readFrom } from '../../../../src/domain/warehouse/source-table.ts'

const SOURCE = { database: 'gdelt', table: 'events' }
const VIEW = { database: 'watchfloor', table: 'gdelt' }

describe('the GDELT table layout', () => {
  it('has the 61 columns of the 2.0 export, named as the codebook names them, where the reader reads them', () => {
    const names = GDELT_EVENT_COLUMNS.map(([name]) => name)
    expect(names).toHaveLength(61)
    const layout = gdeltLayout(61)!
    expect(names[layout.globalEventId]).toBe('GLOBALEVENTID')
    expect(names[layout.sqlDate]).toBe('SQLDATE')
    expect(names[layout.actor1.name]).toBe('Actor1Name')
    expect(names[layout.actor2.type1Code]).toBe('Actor2Type1Code')
    expect(names[layout.eventCode]).toBe('EventCode')
    expect(names[layout.goldstein]).toBe('GoldsteinScale')
    expect(names[layout.actionGeo.countryCode]).toBe('ActionGeo_CountryCode')
    expect(names[layout.actionGeo.lat]).toBe('ActionGeo_Lat')
    expect(names[layout.actionGeo.lon]).toBe('ActionGeo_Long')
    expect(names[layout.actionGeo.featureId]).toBe('ActionGeo_FeatureID')
    expect(names[layout.dateAdded]).toBe('DATEADDED')
    expect(names[layout.sourceUrl]).toBe('SOURCEURL')
    expect(names.slice(35, 43)).toEqual(['Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID'])
  })

  it('writes the DDL with codes as strings, empty numbers as NULL, ordered by date and id', () => {
    const sql = createGdeltTableSql(SOURCE)
    expect(sql).toMatch(/^CREATE TABLE IF NOT EXISTS `gdelt`\.`events`/)
    expect(sql).toMatch(/EventCode\s+LowCardinality\(String\)/)
    expect(sql).toMatch(/GoldsteinScale\s+Nullable\(Float64\)/)
    expect(sql).toMatch(/ActionGeo_Lat\s+Nullable\(Float64\)/)
    expect(sql).toContain('ORDER BY (SQLDATE, GLOBALEVENTID)')
    expect(insertGdeltSql(SOURCE)).toBe('INSERT INTO `gdelt`.`events` SETTINGS input_format_tsv_empty_as_default = 1 FORMAT TSVRaw')
  })
})

describe('the GDELT view', () => {
  const sql = createGdeltViewSql(VIEW, SOURCE)

  it('reads the source and yields every column the engine reads', () => {
    expect(sql).toMatch(/^CREATE OR REPLACE VIEW `watchfloor`\.`gdelt` AS/)
    expect(sql).toContain('FROM `gdelt`.`events`')
    for (const column of ['id', 'seq', 'title', 'category', 'level', 'start_ms', 'end_ms', 'precision', 'countries', 'involved_countries', 'regions', 'named_regions', 'actors', 'lat', 'lon', 'approximate', 'event', 'version', 'day', 'place']) {
      expect(sql, column).toMatch(new RegExp(` AS ${column},?\\n`))
    }
  })

  it('carries the reader’s FIPS, CAMEO and actor tables, key by key', () => {
    const t = gdeltLookups()
    const ukraine = t.fips.values[t.fips.keys.indexOf('UP')]!
    expect(ukraine).toMatchObject({ iso: 'UA', named: ['eastern-europe'] })
    expect(ukraine.regions).toEqual(expect.arrayContaining(['eastern-europe', 'europe']))
    // GDELT's own code for the Gaza Strip, and the FIPS codes that differ from ISO.
    expect(t.fips.values[t.fips.keys.indexOf('GZ')]!.iso).toBe('PS')
    expect(t.fips.values[t.fips.keys.indexOf('RS')]!.iso).toBe('RU')
    expect(t.fips.values[t.fips.keys.indexOf('CH')]!.iso).toBe('CN')
    expect(t.cameo.values[t.cameo.keys.indexOf('043')]).toBe('Host a visit')
    expect(t.actorCountry.values[t.actorCountry.keys.indexOf('UKR')]).toBe('UA')
    expect(t.actorCountry.values[t.actorCountry.keys.indexOf('WSB')]).toBe('PS')
    // A CAMEO region is no country.
    expect(t.actorCountry.keys).not.toContain('AFR')
    expect(t.actorRole.values[t.actorRole.keys.indexOf('MIL')]).toBe('Military')
    // Each list is a column of the lookups table's one row, as parallel literal arrays; the view reads them from there.
    const [drop, create, insert] = createGdeltLookupsSql(VIEW)
    expect(drop).toBe('DROP TABLE IF EXISTS `watchfloor`.`gdelt_lookups`')
    expect(create).toMatch(/^CREATE TABLE `watchfloor`\.`gdelt_lookups`\n\(\n {4}fips_keys Array\(String\),/)
    expect(insert).toContain(`CAST(['${t.fips.keys.join("', '")}'] AS Array(String))`)
    expect(insert).toContain(`CAST(['${t.fips.values.map((p) => p.iso).join("', '")}'] AS Array(String))`)
    expect(sql).toContain('FROM `watchfloor`.`gdelt_lookups` LIMIT 1) AS w_lookups')
    expect(sql).toContain('tupleElement(w_lookups, 1) AS fips_keys')
    expect(sql).not.toContain(t.cameo.values[t.cameo.keys.indexOf('043')]!)
    expect(gdeltViewSql(VIEW, SOURCE)).toEqual([drop, create, insert, sql])
  })

  it('keeps the view’s own SQL small: the lookups travel once, in the lookups table', () => {
    expect(sql.length).toBeLessThan(25_000)
    expect(createGdeltLookupsSql(VIEW)[2]!.length).toBeGreaterThan(30_000)
  })
})

describe('reading a source', () => {
  it('reads a table under FINAL and a view as it is', () => {
    expect(readFrom({ database: 'db', table: 'events' })).toBe('`db`.`events` FINAL')
    expect(readFrom({ database: 'db', table: 'gdelt', view: true })).toBe('`db`.`gdelt`')
    expect(isViewEngine('View')).toBe(true)
    expect(isViewEngine('ReplacingMergeTree')).toBe(false)
    expect(isViewEngine('MaterializedView')).toBe(false)
  })
})
