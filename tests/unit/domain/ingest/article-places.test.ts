import { describe, expect, it } from 'vitest'
import { readArticle } from '../../../../src/domain/ingest/article.ts'
import { findDateline, findPlaceCountries, NAMED_PLACES, regionsConsistentWith } from '../../../../src/domain/ingest/article-places.ts'
import type { CountryCode, RegionId, ThreatEvent } from '../../../../src/domain/model.ts'

const NOW = Date.UTC(2026, 10, 28, 9)

function main(text: string): ThreatEvent {
  const out = readArticle(text, { now: NOW })
  if (!out.ok) throw new Error(out.reason)
  return out.result.dataset.events[0]!
}

const BEIRUT = `Overnight strikes hit the southern suburbs

BEIRUT – Israeli jets struck a building in the southern suburbs of Beirut overnight, Hezbollah said, as Palestinian factions in the camps called for calm.

Officials across Europe urged restraint, according to diplomats.`

const CAIRO = `Officials agree on new border crossing talks

CAIRO, March 3 (Reuters) – Egyptian and Israeli officials met in Cairo on Monday to agree on the reopening of a border crossing, a step Europe's diplomats welcomed.`

describe('places in articles', () => {
  it('resolves cities, demonyms and groups tied to a territory to countries, in order of mention', () => {
    expect(findPlaceCountries('Israeli jets struck Beirut, Hezbollah said, as Palestinian factions called for calm')).toEqual(['IL', 'LB', 'PS'])
    expect(findPlaceCountries('Talks in Kyiv and Kiev, then Mosul and Sanaa')).toEqual(['UA', 'IQ', 'YE'])
    // Named outright only: no demonyms or groups.
    expect(findPlaceCountries('Israeli jets struck Beirut', NAMED_PLACES)).toEqual(['LB'])
    // "Latin American" is not the United States.
    expect(findPlaceCountries('Latin American leaders met')).toEqual([])
  })

  it('keeps only the regions named that hold one of the countries', () => {
    const [eg, il, cn, ru] = ['EG', 'IL', 'CN', 'RU'] as CountryCode[]
    expect(regionsConsistentWith(['europe' as RegionId, 'middle-east' as RegionId], [eg!, il!])).toEqual(['middle-east'])
    expect(regionsConsistentWith(['asia' as RegionId, 'eastern-europe' as RegionId], [cn!, ru!])).toEqual(['asia', 'eastern-europe'])
    expect(regionsConsistentWith(['europe' as RegionId], [])).toEqual(['europe'])
  })

  it('reads a dateline: its place, and its date when it gives one', () => {
    expect(findDateline('BEIRUT – Israeli jets struck')).toEqual({ place: 'BEIRUT', country: 'LB' })
    expect(findDateline('CAIRO, March 3 (Reuters) – Egyptian and Israeli officials')).toEqual({ place: 'CAIRO', country: 'EG', dateText: 'March 3' })
    expect(findDateline('GAZA CITY, Gaza Strip, Jan. 5, 2025 (AP) — Rescuers')).toEqual({ place: 'GAZA CITY', country: 'PS', dateText: 'Jan. 5, 2025' })
    expect(findDateline('The talks went on – for hours')).toBeUndefined()
  })

  it('gives a Beirut story its countries, drops the region its countries contradict, and keeps the date assumed', () => {
    const e = main(BEIRUT)
    expect(e.countries).toEqual(['IL', 'LB', 'PS'])
    expect(e.regions).not.toContain('europe')
    expect(e.regions).toContain('western-asia')
    expect(e.extra).toMatchObject({ dateAssumed: true, dateline: 'BEIRUT' })
    expect(e.date.text).toBe('2026-11-28')
  })

  it('dates a story by its dateline (the import year when it gives none) and derives regions from Egypt and Israel', () => {
    const e = main(CAIRO)
    expect(e.countries).toEqual(['EG', 'IL'])
    expect(e.date.text).toBe('2026-03-03')
    expect(e.extra).toMatchObject({ dateFrom: 'dateline', dateYearAssumed: true, dateline: 'CAIRO' })
    expect(e.extra?.dateAssumed).toBeUndefined()
    expect(e.regions).toEqual(expect.arrayContaining(['northern-africa', 'western-asia']))
    expect(e.regions).not.toContain('europe')
  })
})
