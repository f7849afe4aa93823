import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { gdeltMergeKey } from '../../../../src/domain/ingest/gdelt-dedupe.ts'
import { readGdelt } from '../../../../src/domain/ingest/gdelt.ts'
import type { ImportResult } from '../../../../src/domain/model.ts'

const EVENTS = readFileSync(new URL('../../../fixtures/gdelt/gdelt_v2_events_100rows.export.tsv', import.meta.url), 'utf8')

function read(dedupe: boolean): ImportResult {
  const out = readGdelt(EVENTS, { dedupe })
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

describe('GDELT duplicate merge rule', () => {
  const merged = read(true)
  const plain = read(false)

  it('is off by default: every record is an event', () => {
    expect(plain.total).toBe(100)
    expect(plain.merged).toBe(0)
    expect(plain.notes).toBeUndefined()
  })

  it('merges records of the same day, actor codes, root code and action location; rows = accepted + rejected + merged', () => {
    expect(merged.merged).toBe(10)
    expect(merged.total).toBe(90)
    expect(merged.dataset.events.length + merged.rejected + merged.merged).toBe(100)
    expect(merged.notes).toEqual(['duplicates merged (same day, actor codes, root event code and action location): 10 records into 8 events'])
  })

  it('keeps the first record as the event, with the sources and counts of all (rows 410414594, -596, -598)', () => {
    // Same SQLDATE 20150218, YEM → REL, root 04, ActionGeo_FeatureID -1721728; NumMentions 9+1+1,
    // NumSources 5+1+1, NumArticles 9+1+1.
    const e = merged.dataset.events.find((x) => x.id === 'gdelt-410414594')!
    expect(e.extra).toMatchObject({ mergedRecords: 3, mergedEventIds: '410414596 410414598', numMentions: 11, numSources: 7, numArticles: 11 })
    expect(e.sources.map((s) => s.name)).toEqual(['abc-7.com', 'hosted2.ap.org', 'sfgate.com'])
    expect(merged.dataset.events.some((x) => x.id === 'gdelt-410414596')).toBe(false)
    // The same actors and root code at another place (feature -3178329) is another incident.
    expect(merged.dataset.events.find((x) => x.id === 'gdelt-410414595')?.extra?.mergedEventIds).toBe('410414597')
  })

  it('never merges records without an action location', () => {
    const base = { sqlDate: '20200318', actor1Code: 'USA', actor2Code: 'RUS', eventRootCode: '19' }
    expect(gdeltMergeKey({ ...base, featureId: '', lat: '', lon: '' })).toBe('')
    expect(gdeltMergeKey({ ...base, featureId: '', lat: '1', lon: '2' })).not.toBe(gdeltMergeKey({ ...base, featureId: '', lat: '1', lon: '3' }))
    expect(gdeltMergeKey({ ...base, featureId: 'X', lat: '1', lon: '2' })).toBe(gdeltMergeKey({ ...base, featureId: 'X', lat: '9', lon: '9' }))
  })
})
