import { describe, expect, it } from 'vitest'
import {
  buildCaption,
  describeAsOf,
  describeFilters,
  escapeXml,
  fileSlug,
  markingText,
} from '../../../../src/domain/export/captions.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'

describe('describeAsOf', () => {
  it('reads an exclusive end of day as 23:59 of that day, in UTC', () => {
    expect(describeAsOf(Date.UTC(2025, 0, 1))).toBe('As of 31 Dec 2024, 23:59 UTC')
  })
  it('keeps an instant as it is', () => {
    expect(describeAsOf(Date.UTC(2025, 10, 4, 3, 7, 30))).toBe('As of 4 Nov 2025, 03:07 UTC')
  })
})

describe('describeFilters', () => {
  it('says when nothing is filtered', () => {
    expect(describeFilters(EMPTY_FILTER)).toBe('No filters: all events')
  })
  it('puts every dimension in words, the range end shown as its last day', () => {
    const text = describeFilters(
      {
        ...EMPTY_FILTER,
        timeRange: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) },
        levels: [4, 5],
        regions: ['eastern-europe'],
        actors: ['Russia'],
        text: ' strait ',
      },
      (id) => (id === 'eastern-europe' ? 'Eastern Europe' : id),
    )
    expect(text).toBe(
      'Filters: Dates: 1 Jan 2024 – 31 Dec 2024 · Levels: high, critical · Regions: Eastern Europe · Actors: Russia · Text: “strait”',
    )
  })
  it('names an open-ended range', () => {
    expect(describeFilters({ ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2024, 5, 1), toMs: 8.64e15 } })).toBe(
      'Filters: Dates: 1 Jun 2024 – the end',
    )
  })
})

describe('markings and text', () => {
  it('treats none and blank as no marking, keeps TLP and custom text', () => {
    expect(markingText('none')).toBe('')
    expect(markingText('  ')).toBe('')
    expect(markingText('TLP:AMBER+STRICT')).toBe('TLP:AMBER+STRICT')
    expect(markingText(' OFFICIAL-SENSITIVE ')).toBe('OFFICIAL-SENSITIVE')
    expect(markingText('x'.repeat(100))).toHaveLength(80)
  })
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<script>"a" & 'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;')
  })
  it('slugs titles into file names', () => {
    expect(fileSlug('Threat over time — Q4 2025!')).toBe('threat-over-time-q4-2025')
    expect(fileSlug('***')).toBe('watchfloor')
  })
})

describe('buildCaption', () => {
  it('adds the basemap attribution for the map only', () => {
    const base = {
      title: ' Where ',
      caption: 'Shading by level',
      asOfMs: Date.UTC(2025, 10, 5),
      filter: EMPTY_FILTER,
      datasetName: 'Sample',
      source: 'Open sources',
      marking: 'TLP:GREEN',
    }
    const map = buildCaption({ ...base, withBasemap: true })
    expect(map).toEqual({
      title: 'Where',
      caption: 'Shading by level',
      asOf: 'As of 4 Nov 2025, 23:59 UTC',
      filters: 'No filters: all events',
      source: 'Basemap: Natural Earth via world-atlas · Data: Sample (Open sources)',
      marking: 'TLP:GREEN',
    })
    expect(buildCaption({ ...base, withBasemap: false }).source).toBe('Data: Sample (Open sources)')
  })
})
