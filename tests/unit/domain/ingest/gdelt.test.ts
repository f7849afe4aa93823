import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cameoCountry, cameoDescription, fipsToIso, readGdelt } from '../../../../src/domain/ingest/gdelt.ts'
import { gdeltLevel } from '../../../../src/domain/ingest/gdelt-level.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import type { ImportResult, ThreatEvent } from '../../../../src/domain/model.ts'

const FIXTURE = new URL('../../../fixtures/gdelt/gdelt_v2_events_100rows.export.tsv', import.meta.url)
const text = readFileSync(FIXTURE, 'utf8')

function read(input: string): ImportResult {
  const out = readGdelt(input)
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

const result = read(text)
const byId = (id: string): ThreatEvent => {
  const e = result.dataset.events.find((x) => x.id === id)
  if (!e) throw new Error(`no ${id}`)
  return e
}

describe('readGdelt on the public GDELT 2.0 fixture (100 rows, 61 columns)', () => {
  it('accepts all 100 rows: accepted + rejected = total', () => {
    expect(result.format).toBe('gdelt')
    expect(result.total).toBe(100)
    expect(result.rejected).toBe(0)
    expect(result.dataset.events).toHaveLength(100)
  })

  it('reads row 1: date, CAMEO code as a string, title from the CAMEO description, FIPS SF → ZA, source URL', () => {
    const e = byId('gdelt-410412347')
    expect(e.date.text).toBe('2014-02-18')
    expect(e.extra).toMatchObject({ eventCode: '043', eventRootCode: '04', quadClass: 1, goldsteinScale: 2.8, gdeltVersion: '2.0' })
    expect(e.title).toBe('Host a visit: President')
    expect(e.countries).toEqual(['ZA'])
    expect(e.regions).toEqual(['southern-africa'])
    expect(e.location).toMatchObject({ latDeg: -30.3098, lonDeg: 25.2971, precision: 'city' })
    expect(e.sources[0]?.url).toMatch(/^http:\/\/www\.dailymaverick\.co\.za\//)
    expect(e.threatLevel).toBe(1)
    expect(e.sourceLevel).toBe(2.8)
  })

  it('maps FIPS ZA to Zambia (not South Africa) and reads a material-conflict arrest as level 3', () => {
    const e = byId('gdelt-410414602')
    expect(e.countries).toEqual(['ZM'])
    expect(e.title).toBe('Arrest, detain, or charge with legal action: Zambia → Lawyer')
    expect(e.actors[0]).toMatchObject({ name: 'Zambia', type: 'state', country: 'ZM' })
    expect(e.actors[1]).toMatchObject({ name: 'Lawyer', role: 'Judiciary' })
    expect(e.threatLevel).toBe(3)
  })

  it('flags a geo type 1 country centroid as approximate and reads Goldstein −10 as level 5', () => {
    const e = byId('gdelt-913097131')
    expect(e.countries).toEqual(['MZ'])
    expect(e.location?.precision).toBe('country centroid (approximate)')
    expect(e.extra?.locationApproximate).toBe(true)
    expect(e.threatLevel).toBe(5)
    expect(e.actors.map((a) => [a.name, a.country ?? null, a.type])).toEqual([
      ['South African', 'ZA', 'state'],
      ['Gunmen', null, 'group'],
    ])
    expect(e.sources[0]).toEqual({ name: 'bbc.co.uk', url: 'https://www.bbc.co.uk/news/world-africa-51942957' })
  })

  it('is detected and read through readAny', () => {
    const out = readAny(text, { fileName: 'events.export.CSV' })
    expect(out.ok && out.result.format).toBe('gdelt')
    expect(out.ok && out.result.total).toBe(100)
  })
})

describe('GDELT 1.0 layouts by column count', () => {
  // Dropping the three ADM2 columns of 2.0 (Actor1Geo, Actor2Geo, ActionGeo) gives 1.0 with SOURCEURL.
  const row61 = text.split('\n').find((l) => l.startsWith('913097131\t'))!.split('\t')
  const row58 = row61.filter((_, i) => i !== 39 && i !== 47 && i !== 55)
  const row57 = row58.slice(0, 57)

  it('reads 58 columns (1.0 with SOURCEURL) to the same event', () => {
    const e = read(row58.join('\t')).dataset.events[0]!
    expect(e.extra?.gdeltVersion).toBe('1.0')
    expect(e.countries).toEqual(['MZ'])
    expect(e.location).toMatchObject({ latDeg: -18.25, lonDeg: 35 })
    expect(e.sources[0]?.url).toBe('https://www.bbc.co.uk/news/world-africa-51942957')
    expect(e.extra?.dateAdded).toBe('20200318104500')
  })

  it('reads 57 columns (1.0) without a source', () => {
    const e = read(row57.join('\t')).dataset.events[0]!
    expect(e.sources).toEqual([])
    expect(e.threatLevel).toBe(5)
  })

  it('rejects a row with another column count, a bad date or id, keeping the rest', () => {
    const bad = [...row61]
    bad[1] = '2020-03-18'
    const noId = [...row61]
    noId[0] = 'x'
    const r = read([row61.join('\t'), row61.slice(0, 40).join('\t'), bad.join('\t'), noId.join('\t')].join('\r\n'))
    expect(r.total).toBe(4)
    expect(r.rejectedRows).toEqual([2, 3, 4])
    expect(r.issues.map((i) => i.field)).toEqual(['(row)', 'SQLDATE', 'GLOBALEVENTID'])
    expect(r.issues[0]?.message).toBe('has 40 columns; a GDELT row has 57 or 58 (1.0) or 61 (2.0)')
    expect(r.dataset.events.length + r.rejected).toBe(r.total)
  })

  it('cannot read a table of another width', () => {
    const out = readGdelt('a\tb\tc\n1\t2\t3\n')
    expect(!out.ok && out.reason).toMatch(/3 tab-separated columns/)
  })
})

describe('a GDELT 1.0 daily file mixing 58- and 57-column rows (tests/fixtures/gdelt/gdelt_v1_daily_mixed.tsv)', () => {
  const mixed = readFileSync(new URL('../../../fixtures/gdelt/gdelt_v1_daily_mixed.tsv', import.meta.url), 'utf8')
  const r = read(mixed)
  const event = (id: string): ThreatEvent => r.dataset.events.find((e) => e.id === id)!

  it('reads every 57- and 58-column row, whichever comes first, and rejects only the short one', () => {
    expect(r.total).toBe(5)
    expect(r.dataset.events.map((e) => e.id)).toEqual(['gdelt-250000001', 'gdelt-250000002', 'gdelt-250000003', 'gdelt-250000004'])
    expect(r.rejectedRows).toEqual([4])
    expect(r.issues).toEqual([{ row: 4, field: '(row)', message: 'has 40 columns; a GDELT row has 57 or 58 (1.0) or 61 (2.0)' }])
  })

  it('keeps SOURCEURL as the source: a link by its host, a citation by its name', () => {
    expect(event('gdelt-250000001').sources).toEqual([{ name: 'example-news.test', url: 'http://www.example-news.test/2013/04/02/kharkiv-shelling' }])
    expect(event('gdelt-250000002').sources).toEqual([{ name: 'BBC Monitoring' }])
    expect(event('gdelt-250000003').sources).toEqual([])
  })

  it('reads the 1.0 geography and CAMEO fields of both widths', () => {
    const kharkiv = event('gdelt-250000001')
    expect(kharkiv.extra?.gdeltVersion).toBe('1.0')
    expect(kharkiv.countries).toEqual(['UA'])
    expect(kharkiv.location).toMatchObject({ latDeg: 49.9808, lonDeg: 36.2527, precision: 'city' })
    expect(kharkiv.threatLevel).toBe(5)
    const mali = event('gdelt-250000003')
    expect(mali.countries).toEqual(['ML'])
    expect(mali.extra?.locationApproximate).toBe(true)
    expect(mali.date.text).toBe('2013-04-01')
  })

  it('is detected as GDELT whichever width the first row has', () => {
    const lines = mixed.trim().split('\n')
    const startsShort = [lines[2], lines[0], lines[1]].join('\n')
    const out = readAny(startsShort)
    expect(out.ok && out.result.format).toBe('gdelt')
    expect(out.ok && out.result.dataset.events.length).toBe(3)
  })
})

describe('GDELT reference tables and level rule', () => {
  it('maps FIPS to ISO (UP Ukraine, RS Russia, CH China, KV Kosovo, GZ Gaza)', () => {
    expect(['UP', 'RS', 'CH', 'KV', 'GZ', 'ZZ'].map(fipsToIso)).toEqual(['UA', 'RU', 'CN', 'XK', 'PS', undefined])
  })

  it('maps CAMEO actor countries: ISO-3, places and regions', () => {
    expect(['CHN', 'WSB', 'GZS', 'ROM', 'AFR', 'EUR'].map(cameoCountry)).toEqual(['CN', 'PS', 'PS', 'RO', undefined, undefined])
  })

  it('keeps leading zeros in CAMEO codes and falls back to the base code', () => {
    expect(cameoDescription('010')).toBe('Make statement, not specified below')
    expect(cameoDescription('01')).toBe('Make public statement')
    expect(cameoDescription('0439')).toBe('Host a visit')
  })

  it.each([
    [2.8, 1, 1],
    [-0.4, 3, 2],
    [-2, 1, 2],
    [-5, 4, 3],
    [-7, 4, 4],
    [-9, 4, 5],
    [-7, 2, 2],
    [0, 4, 3],
    [Number.NaN, 3, 2],
  ])('Goldstein %d with QuadClass %d → level %d', (goldstein, quad, level) => {
    expect(gdeltLevel(goldstein, quad)).toBe(level)
  })
})
