import { describe, expect, it } from 'vitest'
import { normaliseRecord, type NormaliseContext, type NormaliseOutcome } from '../../../../src/domain/ingest/normalise.ts'
import type { CountryCode, ImportIssue, RegionId, ThreatEvent } from '../../../../src/domain/model.ts'

const CTX: NormaliseContext = { levelScheme: 'watchfloor', customRegions: [] }

/** The seed article's headline event, as a person would write it in a dataset file. */
const SEED = {
  id: 'cn-ru-2025-11-04',
  title: 'China and Russia Strengthen Bilateral Relations Amid Sanctions',
  summary: 'Xi Jinping hosted Mikhail Mishustin in Beijing to deepen cooperation in energy, agriculture and technology.',
  category: 'diplomacy',
  sectors: ['energy', 'agriculture', 'technology'],
  date: '2025-11-04',
  threatLevel: 'medium',
  actors: [
    { name: 'Xi Jinping', type: 'person', role: 'President of China', country: 'China' },
    { name: 'Mikhail Mishustin', type: 'person', role: 'Prime Minister of Russia', country: 'Russia' },
  ],
  countries: ['China', 'Russia'],
  regions: ['Asia', 'Eastern Europe'],
  location: { lat: 39.9042, lon: 116.4074, name: 'Beijing' },
  assessment: 'Direct military confrontation does not appear imminent; tensions may escalate due to sanctions.',
  quotes: [
    {
      speaker: 'Xi Jinping',
      text: 'China-Russia relations have forged ahead this year despite the turbulent external environment',
    },
  ],
}

function accept(raw: unknown, ctx: NormaliseContext = CTX): { event: ThreatEvent; warnings: readonly ImportIssue[] } {
  const out = normaliseRecord(raw, 1, ctx)
  if (!out.ok) throw new Error(`rejected: ${JSON.stringify(out.issues)}`)
  return out
}

function reject(raw: unknown, row = 1, ctx: NormaliseContext = CTX): readonly ImportIssue[] {
  const out: NormaliseOutcome = normaliseRecord(raw, row, ctx)
  if (out.ok) throw new Error(`accepted: ${JSON.stringify(out.event)}`)
  return out.issues
}

describe('normaliseRecord: the seed event', () => {
  const { event, warnings } = accept(SEED)

  it('reads the date at day precision', () => {
    expect(event.date).toEqual({
      text: '2025-11-04',
      precision: 'day',
      startMs: Date.UTC(2025, 10, 4),
      endMs: Date.UTC(2025, 10, 5),
    })
    expect(event.endDate).toBeUndefined()
  })

  it('reads "medium" as 3 and keeps the source label', () => {
    expect(event.threatLevel).toBe(3)
    expect(event.sourceLevel).toBe('medium')
  })

  it('turns country names into ISO codes, and region names into slugs', () => {
    expect(event.countries).toEqual(['CN', 'RU'])
    expect(event.regions).toEqual(['asia', 'eastern-europe'])
  })

  it('keeps actors with their type, role and country code', () => {
    expect(event.actors).toEqual([
      { name: 'Xi Jinping', type: 'person', role: 'President of China', country: 'CN' },
      { name: 'Mikhail Mishustin', type: 'person', role: 'Prime Minister of Russia', country: 'RU' },
    ])
  })

  it('keeps the location, text fields and lists', () => {
    expect(event.location).toEqual({ latDeg: 39.9042, lonDeg: 116.4074, name: 'Beijing' })
    expect(event.id).toBe('cn-ru-2025-11-04')
    expect(event.category).toBe('diplomacy')
    expect(event.sectors).toEqual(['energy', 'agriculture', 'technology'])
    expect(event.quotes).toHaveLength(1)
    expect(event.tags).toEqual([])
    expect(event.related).toEqual([])
  })

  it('has no warnings', () => {
    expect(warnings).toEqual([])
  })

  it('reads ISO codes the same as names', () => {
    const { event: coded } = accept({ ...SEED, countries: ['CN', 'RU'] })
    expect(coded.countries).toEqual(['CN', 'RU'])
    const { event: alpha3 } = accept({ ...SEED, countries: ['CHN', 'rus', '156'] })
    expect(alpha3.countries).toEqual(['CN', 'RU'])
  })

  it('does not mutate its input', () => {
    const raw = structuredClone(SEED)
    accept(raw)
    expect(raw).toEqual(SEED)
  })
})

describe('normaliseRecord: what it derives or drops, with warnings', () => {
  it('derives the sub-regions of the countries when no region is given', () => {
    const { regions: _omit, ...noRegions } = SEED
    const { event, warnings } = accept(noRegions)
    expect(event.regions).toEqual(['eastern-asia', 'eastern-europe'])
    expect(warnings).toEqual([])
  })

  it('de-duplicates countries named several ways', () => {
    const { event } = accept({ ...SEED, countries: ['China', 'CN', 'CHN', "People's Republic of China"] })
    expect(event.countries).toEqual(['CN'])
  })

  it('drops a 0,0 location with a warning, and keeps the event', () => {
    const { event, warnings } = accept({ ...SEED, location: { lat: 0, lon: 0 } })
    expect(event.location).toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ row: 1, field: 'location' })
  })

  it('an unknown country is a warning, not a rejection', () => {
    const { event, warnings } = accept({ ...SEED, countries: ['China', 'Atlantis'] })
    expect(event.countries).toEqual(['CN'])
    expect(warnings).toEqual([{ row: 1, field: 'countries', message: expect.stringContaining('Atlantis') }])
  })

  it('an unknown region is a warning, not a rejection', () => {
    const { event, warnings } = accept({ ...SEED, regions: ['Asia', 'Middle Earth'] })
    expect(event.regions).toEqual(['asia'])
    expect(warnings).toEqual([{ row: 1, field: 'regions', message: expect.stringContaining('Middle Earth') }])
  })

  it('reads a bare actor name as an actor of unknown type', () => {
    const { event } = accept({ ...SEED, actors: ['NATO'] })
    expect(event.actors).toEqual([{ name: 'NATO', type: 'unknown' }])
  })

  it('a numeric level keeps no sourceLevel; a scheme-mapped one does', () => {
    expect(accept({ ...SEED, threatLevel: 4 }).event).toMatchObject({ threatLevel: 4 })
    expect(accept({ ...SEED, threatLevel: 4 }).event.sourceLevel).toBeUndefined()
    const defcon = accept({ ...SEED, threatLevel: 1 }, { ...CTX, levelScheme: 'defcon' }).event
    expect(defcon.threatLevel).toBe(5)
    expect(defcon.sourceLevel).toBe(1)
    expect(accept({ ...SEED, threatLevel: 'severe' }, { ...CTX, levelScheme: 'uk-jtac' }).event.threatLevel).toBe(4)
  })

  it('resolves a dataset-defined region', () => {
    const ctx: NormaliseContext = {
      ...CTX,
      customRegions: [{ id: 'baltic' as RegionId, name: 'Baltic states', countries: ['EE', 'LV', 'LT'] as CountryCode[] }],
    }
    expect(accept({ ...SEED, regions: ['Baltic States'] }, ctx).event.regions).toEqual(['baltic'])
  })

  it('keeps an end date that ends on or after the start', () => {
    const same = accept({ ...SEED, date: '2022-03-01', endDate: '2022-03-01' }).event
    expect(same.endDate?.endMs).toBe(Date.UTC(2022, 2, 2))
    // A coarser end date that contains the start is fine.
    expect(accept({ ...SEED, date: '2022-03-15', endDate: '2022-03' }).event.endDate?.precision).toBe('month')
  })
})

describe('normaliseRecord: rejections name the row and the field', () => {
  it('an impossible date', () => {
    expect(reject({ ...SEED, date: '2023-02-29' }, 7)).toEqual([
      { row: 7, field: 'date', message: expect.stringContaining('2023-02-29') },
    ])
  })

  it('a date that is not ISO 8601', () => {
    const issues = reject({ ...SEED, date: 'November 4, 2025' }, 3)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ row: 3, field: 'date' })
  })

  it('an impossible level', () => {
    expect(reject({ ...SEED, threatLevel: 'apocalyptic' }, 2)).toEqual([
      { row: 2, field: 'threatLevel', message: expect.stringContaining('apocalyptic') },
    ])
    expect(reject({ ...SEED, threatLevel: 7 }, 2)[0]).toMatchObject({ row: 2, field: 'threatLevel' })
    expect(reject({ ...SEED, threatLevel: 'constructor' }, 2)[0]).toMatchObject({ row: 2, field: 'threatLevel' })
  })

  it('a missing or blank title', () => {
    const { title: _omit, ...untitled } = SEED
    expect(reject(untitled, 4)).toEqual([{ row: 4, field: 'title', message: expect.any(String) }])
    expect(reject({ ...SEED, title: '   ' }, 4)[0]).toMatchObject({ row: 4, field: 'title' })
  })

  it('an end date before the start', () => {
    expect(reject({ ...SEED, date: '2022', endDate: '2021' }, 5)).toEqual([
      { row: 5, field: 'endDate', message: expect.any(String) },
    ])
    // The day before: its span ends exactly when the event starts.
    expect(reject({ ...SEED, date: '2022-03-01', endDate: '2022-02-28' }, 5)[0]).toMatchObject({ row: 5, field: 'endDate' })
    expect(
      reject({ ...SEED, date: '2022-03-01T12:00Z', endDate: '2022-03-01T11:59Z' }, 5)[0],
    ).toMatchObject({ row: 5, field: 'endDate' })
  })

  it('reports every problem of a record, not just the first', () => {
    const fields = reject({ ...SEED, date: '2023-13-01', threatLevel: 'nope' }).map((i) => i.field)
    expect(fields.sort()).toEqual(['date', 'threatLevel'])
  })

  it('something that is not a record at all', () => {
    for (const raw of [null, 42, 'event', []]) {
      const issues = reject(raw, 9)
      expect(issues.length).toBeGreaterThan(0)
      expect(issues[0]!.row).toBe(9)
    }
  })

  it('a location out of range', () => {
    expect(reject({ ...SEED, location: { lat: 91, lon: 0 } })[0]).toMatchObject({ field: 'location.lat' })
  })
})

describe('normaliseRecord: prototype keys', () => {
  it('keeps `extra` values but drops __proto__ and constructor keys, and pollutes nothing', () => {
    const raw: unknown = JSON.parse(
      JSON.stringify({ ...SEED, extra: { acledId: 'UKR123', fatalities: 3 } }).replace(
        '"extra":{',
        '"extra":{"__proto__":{"polluted":1},"constructor":"x","prototype":"y",',
      ),
    )
    const { event } = accept(raw)
    expect(event.extra).toEqual({ acledId: 'UKR123', fatalities: 3 })
    expect(Object.getPrototypeOf(event.extra)).toBe(Object.prototype)
    expect(Object.keys(event.extra!)).toEqual(['acledId', 'fatalities'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('ignores a __proto__ key on the event itself', () => {
    const raw: unknown = JSON.parse(`{"__proto__": {"polluted": 1}, ${JSON.stringify(SEED).slice(1)}`)
    const { event } = accept(raw)
    expect(event.threatLevel).toBe(3)
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
