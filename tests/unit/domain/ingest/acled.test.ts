import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readAcled } from '../../../../src/domain/ingest/acled.ts'
import { acledDefaultLevel } from '../../../../src/domain/ingest/acled-level.ts'
import { acledIsoDate, interLabel } from '../../../../src/domain/ingest/acled-values.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import type { ImportResult, ThreatEvent } from '../../../../src/domain/model.ts'

/** Our own ACLED-shaped fixtures (synthetic rows written from ACLED's documented columns). */
const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/acled/${name}`, import.meta.url), 'utf8')

function read(text: string, options?: Parameters<typeof readAcled>[1]): ImportResult {
  const out = readAcled(text, options)
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

const event = (r: ImportResult, id: string): ThreatEvent => {
  const e = r.dataset.events.find((x) => x.id === `acled-${id}`)
  if (!e) throw new Error(`no ${id}`)
  return e
}

describe('ACLED current layout (BOM, CRLF, text inter codes)', () => {
  const text = fixture('acled-current.csv')
  const r = read(text)

  it('has a BOM and CRLF line ends, and reads 9 events: 7 accepted, 2 rejected with reasons', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).toContain('\r\n')
    expect(r.format).toBe('acled')
    expect(r.total).toBe(9)
    expect(r.merged).toBe(0)
    expect(r.dataset.events).toHaveLength(7)
    expect(r.rejectedRows).toEqual([8, 9])
    expect(r.issues).toEqual([
      { row: 8, field: 'date', message: 'not a real date: "2025-02-30"' },
      { row: 9, field: 'fatalities', message: 'not a whole number ≥ 0: "some"' },
    ])
  })

  it('gives each event the default level', () => {
    expect(r.dataset.events.map((e) => [e.id, e.threatLevel])).toEqual([
      ['acled-KEN9001', 1], // peaceful protest
      ['acled-KEN9002', 2], // arrests
      ['acled-SRB9003', 3], // riot without deaths
      ['acled-SDN9004', 4], // armed clash, 3 deaths
      ['acled-SDN9005', 5], // drone strike targeting civilians (2 deaths)
      ['acled-UKR9006', 5], // 12 deaths
      ['acled-XKX9007', 1],
    ])
  })

  it('keeps ACLED ids, codes and regions in extra; M49 regions come from the country', () => {
    const e = event(r, 'SDN9005')
    expect(e.extra).toMatchObject({
      eventIdCnty: 'SDN9005',
      iso: '729',
      acledRegion: 'Northern Africa',
      subEventType: 'Air/drone strike',
      civilianTargeting: 'Civilian targeting',
      inter1: 'Rebel group',
    })
    expect(e.countries).toEqual(['SD'])
    expect(event(r, 'SRB9003').extra?.acledRegion).toBe('Europe')
    expect(event(r, 'SRB9003').regions).toEqual(['southern-europe'])
    expect(e.fatalities).toBe(2)
    expect(e.title).toBe('Air/drone strike in El Fasher, Sudan')
    expect(e.location).toMatchObject({ latDeg: 13.6279, lonDeg: 25.3494, name: 'El Fasher', precision: 'town' })
  })

  it('reads "16 May 2025", Kosovo as iso 0, and semicolon lists of sources and associated actors', () => {
    expect(event(r, 'KEN9002').date.text).toBe('2025-05-16')
    expect(event(r, 'XKX9007').countries).toEqual(['XK'])
    const k = event(r, 'KEN9001')
    expect(k.sources.map((s) => s.name)).toEqual(['Example Daily', 'Example Radio'])
    expect(k.actors).toEqual([
      { name: 'Protesters (Kenya)', type: 'group', role: 'Protesters' },
      { name: 'Teachers (Kenya)', type: 'unknown', role: 'associated with Protesters (Kenya)' },
    ])
    expect(event(r, 'KEN9002').actors[0]).toEqual({ name: 'Police Forces of Kenya (2022-)', type: 'state', role: 'State forces' })
  })

  it('time_precision 2 keeps the day but flags the week; 3 keeps only the month', () => {
    expect(event(r, 'SRB9003').date).toMatchObject({ text: '2025-05-17', precision: 'day' })
    expect(event(r, 'SRB9003').extra?.dateApproximate).toBe('week')
    expect(event(r, 'UKR9006').date).toMatchObject({ text: '2025-05', precision: 'month' })
    expect(event(r, 'UKR9006').extra?.dateApproximate).toBe('month')
    expect(event(r, 'KEN9001').extra?.dateApproximate).toBeUndefined()
  })

  it('lets the caller replace the level rule', () => {
    const flat = read(text, { level: (e) => (e.fatalities > 0 ? 4 : 2) })
    expect(flat.dataset.events.map((e) => e.threatLevel)).toEqual([2, 2, 2, 4, 4, 4, 2])
  })

  it('is detected by its header through readAny', () => {
    const out = readAny(text, { fileName: 'export.csv' })
    expect(out.ok && out.result.format).toBe('acled')
    expect(out.ok && out.result.dataset.name).toBe('export')
  })
})

describe('ACLED monadic layout', () => {
  const r = read(fixture('acled-monadic.csv'))

  it('merges the rows of one event_id_cnty into one event with all actors; total counts events', () => {
    expect(r.total).toBe(2)
    // Three rows read: two events, the pair's second row merged into the first's event.
    expect(r.merged).toBe(1)
    expect(r.rejected).toBe(0)
    const e = event(r, 'NGA9101')
    expect(e.actors.map((a) => [a.name, a.role])).toEqual([
      ['Military Forces of Nigeria (2023-)', 'State forces'],
      ['Islamic State West Africa Province', 'Rebel group'],
      ['Boko Haram - JAS', 'associated with Islamic State West Africa Province'],
    ])
    expect(e.fatalities).toBe(11)
    expect(e.threatLevel).toBe(5)
    expect(r.warnings).toEqual([
      { row: 1, field: 'event_id_cnty', message: '2 rows of monadic event NGA9101 merged into one event' },
    ])
  })
})

describe('ACLED with a semicolon delimiter (a European spreadsheet export)', () => {
  it('reads the same events', () => {
    const text = fixture('acled-monadic.csv')
    const semicolons = read(text.replace(/,/g, ';'))
    expect(semicolons.total).toBe(2)
    expect(semicolons.dataset.events.map((e) => [e.id, e.date.text, e.threatLevel, e.actors.length])).toEqual([
      ['acled-NGA9101', '2025-06-01', 5, 3],
      ['acled-NGA9102', '2025-06-02', 1, 1],
    ])
  })
})

describe('ACLED older layout (data_id, iso3, numeric inter codes, "5-Aug-24")', () => {
  const r = read(fixture('acled-older.csv'))

  it('reads 3 events, rejecting the one without a date', () => {
    expect(r.total).toBe(3)
    expect(r.rejectedRows).toEqual([3])
    expect(r.issues).toEqual([{ row: 3, field: 'event_date', message: 'not a date: ""' }])
  })

  it('reads the spreadsheet date, numeric inter codes and keeps the old ids', () => {
    const e = event(r, 'AFG9201')
    expect(e.date.text).toBe('2024-08-05')
    expect(e.actors.slice(0, 2)).toEqual([
      { name: 'Unidentified Armed Group (Afghanistan)', type: 'group', role: 'Political militias' },
      { name: 'Civilians (Afghanistan)', type: 'group', role: 'Civilians' },
    ])
    expect(e.actors).toHaveLength(4)
    expect(e.extra).toMatchObject({ dataId: '9201', eventIdNoCnty: '9201', iso3: 'AFG', inter1: '3', inter2: '7', interaction: '37' })
    expect(e.countries).toEqual(['AF'])
    expect(e.threatLevel).toBe(3)
  })
})

describe('ACLED values', () => {
  it.each([
    ['2025-05-16', '2025-05-16'],
    ['16 May 2025', '2025-05-16'],
    ['5-Aug-24', '2024-08-05'],
    ['05-Aug-97', '1997-08-05'],
    ['May 16, 2025', '2025-05-16'],
    ['16/05/2025', null],
    ['16 Mai 2025', null],
  ])('date %s → %s', (input, iso) => {
    expect(acledIsoDate(input)).toBe(iso)
  })

  it('reads legacy inter codes 1–8 and keeps text labels', () => {
    expect(['1', '2', '3', '4', '5', '6', '7', '8', 'Rebel group'].map(interLabel)).toEqual([
      'State forces', 'Rebel groups', 'Political militias', 'Identity militias', 'Rioters', 'Protesters', 'Civilians',
      'External/Other forces', 'Rebel group',
    ])
  })

  it.each([
    ['Protests', 'Peaceful protest', 0, false, 1],
    ['Protests', 'Protest with intervention', 0, false, 2],
    ['Protests', 'Excessive force against protesters', 0, false, 3],
    ['Strategic developments', 'Arrests', 0, false, 2],
    ['Strategic developments', 'Agreement', 0, false, 2],
    ['Riots', 'Mob violence', 0, false, 3],
    ['Battles', 'Armed clash', 0, false, 3],
    ['Battles', 'Armed clash', 1, false, 4],
    ['Battles', 'Armed clash', 9, false, 4],
    ['Battles', 'Armed clash', 10, false, 5],
    ['Explosions/Remote violence', 'Air/drone strike', 0, true, 5],
    ['Explosions/Remote violence', 'Air/drone strike', 0, false, 3],
    ['Protests', 'Peaceful protest', 12, false, 5],
  ])('%s / %s, %d deaths, civilians %s → %d', (eventType, subEventType, fatalities, civilianTargeting, level) => {
    expect(acledDefaultLevel({ eventType, subEventType, fatalities, civilianTargeting })).toBe(level)
  })

  it('cannot read a table without event_date', () => {
    const out = readAcled('event_id_cnty,country\nX1,Kenya\n')
    expect(!out.ok && out.reason).toMatch(/no event_date column/)
  })
})
