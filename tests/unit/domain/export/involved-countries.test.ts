import { describe, expect, it } from 'vitest'
import { eventsToGeoJson } from '../../../../src/domain/export/geojson.ts'
import { eventsToParquet } from '../../../../src/domain/export/parquet.ts'
import { exportStixBundle, serialiseStixBundle } from '../../../../src/domain/export/stix.ts'
import { parquetToText } from '../../../../src/domain/ingest/parquet-read.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import { readStix } from '../../../../src/domain/ingest/stix.ts'
import type { CountryCode, ThreatEvent } from '../../../../src/domain/model.ts'
import { testEvent } from './test-event.ts'

/**
 * Countries taking part from elsewhere (mediators, hosts) survive every data export: the
 * Gaza ceasefire of 10 October 2025 happened in Israel and Palestine and was brokered by Egypt
 * and the United States; an event without any keeps none.
 */
const codes = (...list: string[]): CountryCode[] => list as CountryCode[]
const ceasefire = testEvent({ id: 'ceasefire', title: 'Gaza ceasefire', countries: codes('IL', 'PS'), involvedCountries: codes('EG', 'US') })
const strike = testEvent({ id: 'strike', title: 'Strike', countries: codes('UA') })
const events: ThreatEvent[] = [ceasefire, strike]

const involved = (list: readonly ThreatEvent[]): unknown => list.map((e) => [e.title, e.countries, e.involvedCountries ?? null])

describe('involvedCountries in the data exports', () => {
  it('goes through Parquet and back, beside the countries it is not counted with', async () => {
    const out = await parquetToText(eventsToParquet(events))
    if (!out.ok) throw new Error(out.reason)
    const back = readAny(out.text, { fileName: 'x.parquet', now: 0 })
    if (!back.ok) throw new Error(back.reason)
    expect(involved(back.result.dataset.events)).toEqual([
      ['Gaza ceasefire', ['IL', 'PS'], ['EG', 'US']],
      ['Strike', ['UA'], null],
    ])
  })

  it('goes through a STIX bundle and back, as a property of the campaign, not as targets', () => {
    const bundle = exportStixBundle(events, { now: Date.UTC(2025, 10, 4) })
    const campaign = bundle.objects.find((o) => o.type === 'campaign' && o.name === 'Gaza ceasefire')!
    expect(campaign.x_watchfloor_involved_countries).toEqual(['EG', 'US'])
    const targeted = bundle.objects.filter((o) => o.type === 'relationship' && o.source_ref === campaign.id).map((r) => bundle.objects.find((o) => o.id === r.target_ref)?.country)
    expect(targeted.sort()).toEqual(['IL', 'PS'])
    expect(bundle.objects.find((o) => o.type === 'campaign' && o.name === 'Strike')).not.toHaveProperty('x_watchfloor_involved_countries')
    const back = readStix(serialiseStixBundle(bundle))
    if (!back.ok) throw new Error(back.reason)
    expect(involved(back.result.dataset.events)).toEqual([
      ['Gaza ceasefire', ['IL', 'PS'], ['EG', 'US']],
      ['Strike', ['UA'], null],
    ])
  })

  it('is a property of a GeoJSON point when the event has some', () => {
    const geo = eventsToGeoJson([
      { event: ceasefire, latDeg: 31.5, lonDeg: 34.47, approximate: false },
      { event: strike, latDeg: 50.45, lonDeg: 30.52, approximate: false },
    ])
    expect(geo.features[0]!.properties).toMatchObject({ countries: ['IL', 'PS'], involvedCountries: ['EG', 'US'] })
    expect(geo.features[1]!.properties).not.toHaveProperty('involvedCountries')
  })
})
