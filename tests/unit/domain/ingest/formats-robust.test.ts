import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { serialiseDataset } from '../../../../src/domain/export/dataset-json.ts'
import { readAcled } from '../../../../src/domain/ingest/acled.ts'
import { readArticle } from '../../../../src/domain/ingest/article.ts'
import { readCsv } from '../../../../src/domain/ingest/csv.ts'
import { readGdelt } from '../../../../src/domain/ingest/gdelt.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import type { ReadOutcome } from '../../../../src/domain/ingest/read-outcome.ts'
import { readStix } from '../../../../src/domain/ingest/stix.ts'

/** Whatever the input, an importer returns a reason or a report whose counts add up. */
function consistent(outcome: ReadOutcome): boolean {
  if (!outcome.ok) return outcome.reason.length > 0 && !outcome.reason.includes('\n')
  const r = outcome.result
  return r.dataset.events.length + r.rejected === r.total && r.rejectedRows.length === r.rejected
}

const ACLED_HEADER = 'event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,iso,country,latitude,longitude,fatalities'
const cell = fc.oneof(fc.constantFrom('', '0', '1', '3', '12', '-1', '2025-05-16', '5-Aug-24', 'Battles', 'Kenya', '999', 'x;y', '"a,b"', '__proto__'), fc.string({ maxLength: 8 }))
const acledRow = fc.array(cell, { minLength: 12, maxLength: 12 }).map((cells) => cells.join(','))

const gdeltCell = fc.oneof(fc.constantFrom('', '1', '20200318', '043', '-10.0', 'UP', 'RS', '4', 'http://x.example/a'), fc.string({ maxLength: 6 }).map((s) => s.replace(/[\t\n\r]/g, '')))
const gdeltRow = fc.array(gdeltCell, { minLength: 61, maxLength: 61 }).map((cells) => cells.join('\t'))

const stixObject = fc.record(
  {
    type: fc.constantFrom('campaign', 'report', 'sighting', 'incident', 'location', 'relationship', 'identity', 'threat-actor', 'x-custom'),
    id: fc.constantFrom('a--1', 'campaign--1', 'location--1', 'identity--1', 'report--2'),
    name: fc.string({ maxLength: 10 }),
    first_seen: fc.constantFrom('2024-01-01T00:00:00.000Z', 'not a date', '2024'),
    published: fc.constantFrom('2024-01-01T00:00:00Z', ''),
    country: fc.constantFrom('UA', 'UKR', 'Atlantis', ''),
    region: fc.constantFrom('eastern-europe', 'Middle East', 'nowhere'),
    relationship_type: fc.constantFrom('targets', 'attributed-to', 'uses'),
    source_ref: fc.constantFrom('campaign--1', 'missing--1'),
    target_ref: fc.constantFrom('location--1', 'identity--1'),
    object_refs: fc.array(fc.constantFrom('location--1', 'identity--1', 'nope'), { maxLength: 3 }),
    x_threat_level: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom('medium', 'sky-high')),
    criticality: fc.integer({ min: -10, max: 200 }),
  },
  { requiredKeys: ['type'] },
)

/**
 * Whatever an importer accepted, written as dataset v1 JSON and read back, gives the same
 * events (and reading is never the step that rejects them).
 */
let roundTripped = 0
function roundTrips(outcome: ReadOutcome): boolean {
  if (!outcome.ok) return true
  if (outcome.result.dataset.events.length > 0) roundTripped++
  const again = readNativeJson(serialiseDataset(outcome.result.dataset))
  if (!again.ok) throw new Error(again.reason)
  expect(again.result.rejected).toBe(0)
  expect(again.result.dataset.events).toEqual(outcome.result.dataset.events)
  return true
}

const CSV_HEADER = 'id,title,date,threatLevel,actors,countries,regions,lat,lon,summary,category,tags,sources'
const csvCell = fc.oneof(
  fc.constantFrom('', 'evt-1', 'evt-2', 'Title', '2024', '2024-02-29', '2023-02-30', '3', 'high', '9', 'UA', 'Asia', '45.5', '-200', 'a;b', 'https://example.org/x', 'javascript:alert(1)', '"q,uoted"', '=1+1', '__proto__'),
  fc.string({ maxLength: 8 }),
)
const csvRow = fc.array(csvCell, { minLength: 0, maxLength: 15 }).map((cells) => cells.join(','))
/** A row with a usable id, title, date and level, and anything in the other columns. */
const plausibleCsvRow = fc
  .tuple(fc.constantFrom('e1', 'e2', 'e3'), fc.constantFrom('Strike', '"Talks, again"', '=cmd', '<b>x</b>'), fc.constantFrom('2024', '2024-06', '2024-06-30'), fc.constantFrom('1', '4', 'severe'), fc.array(csvCell, { minLength: 9, maxLength: 9 }))
  .map(([id, title, date, level, rest]) => [id, title, date, level, ...rest].join(','))
/**
 * A row every reader accepts, so that each run exercises the round trip (random cells alone
 * spoil a plausible row often enough that, about one run in 200, none was accepted).
 */
const acceptedCsvRow = fc
  .tuple(fc.constantFrom('e4', 'e5'), fc.constantFrom('Strike', '"Talks, again"'), fc.constantFrom('2024', '2024-06-30'), fc.constantFrom('2', 'high'), fc.constantFrom('', 'UA', 'KE;HT'))
  .map(([id, title, date, level, countries]) => [id, title, date, level, '', countries, '', '', '', '', '', '', ''].join(','))

const jsonValue = fc.oneof(fc.constantFrom<unknown>(null, '', 'x', 3, 'medium', '2024-05', [], {}, ['UA'], { lat: 1, lon: 2 }), fc.string({ maxLength: 6 }), fc.integer())
const jsonEvent = fc.dictionary(
  fc.constantFrom('id', 'title', 'date', 'threatLevel', 'actors', 'countries', 'regions', 'location', 'sources', 'quotes', 'extra', '__proto__', 'constructor', 'prototype'),
  jsonValue,
)
/** Mostly events with the required fields, so that some are accepted and the round trip is exercised. */
const plausibleEvent = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd'),
  title: fc.string({ minLength: 1, maxLength: 12 }),
  date: fc.constantFrom('2024', '2024-03', '2024-03-05', '2024-03-05T10:00Z', 'soon'),
  threatLevel: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom('low', 'medium', 'severe', '?')),
  countries: fc.array(fc.constantFrom('UA', 'RUS', '156', 'Atlantis'), { maxLength: 2 }),
  sources: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), url: fc.constantFrom('https://a.example/', 'javascript:x', 'data:,x') }), { maxLength: 2 }),
})

describe('importers never throw and always count consistently', () => {
  it('native JSON', () => {
    roundTripped = 0
    fc.assert(
      fc.property(fc.array(fc.oneof(jsonEvent, plausibleEvent, fc.constant(null), fc.constant(7)), { maxLength: 6 }), fc.constantFrom(1, 2, '1'), (events, version) => {
        const outcome = readNativeJson(JSON.stringify({ schemaVersion: version, name: 'fuzz', events }))
        return consistent(outcome) && roundTrips(outcome)
      }),
      { numRuns: 200 },
    )
    expect(roundTripped).toBeGreaterThan(5)
  })

  it('native JSON, truncated anywhere', () => {
    const whole = JSON.stringify({ schemaVersion: 1, name: 'cut', events: [{ id: 'a', title: 'T', date: '2024', threatLevel: 3 }] })
    fc.assert(fc.property(fc.nat({ max: whole.length }), (cut) => consistent(readNativeJson(whole.slice(0, cut)))), { numRuns: 100 })
  })

  it('CSV', () => {
    roundTripped = 0
    fc.assert(
      fc.property(fc.array(fc.oneof(csvRow, plausibleCsvRow, acceptedCsvRow), { maxLength: 6 }), (rows) => {
        const outcome = readCsv([CSV_HEADER, ...rows].join('\n'))
        return consistent(outcome) && roundTrips(outcome)
      }),
      { numRuns: 150 },
    )
    expect(roundTripped).toBeGreaterThan(0)
  })

  it('ACLED', () => {
    fc.assert(fc.property(fc.array(acledRow, { maxLength: 6 }), (rows) => {
      const outcome = readAcled([ACLED_HEADER, ...rows].join('\n'))
      return consistent(outcome) && roundTrips(outcome)
    }), { numRuns: 150 })
  })

  it('GDELT', () => {
    fc.assert(fc.property(fc.array(gdeltRow, { minLength: 1, maxLength: 4 }), (rows) => {
      const outcome = readGdelt(rows.join('\n'))
      return consistent(outcome) && roundTrips(outcome)
    }), { numRuns: 100 })
  })

  it('STIX', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(stixObject, fc.constant(null), fc.constant(7)), { maxLength: 8 }), (objects) =>
        {
          const outcome = readStix(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }))
          return consistent(outcome) && roundTrips(outcome)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('articles', () => {
    const words = fc.constantFrom('Russia', 'invades', 'Ukraine', 'November 4, 2025', '2022:', '•', '“quoted words here now”', 'President Xi Jinping', 'threat level is assessed as high', '<p>', '</div>', '<script>', '\n', '.', 'Related:', 'Glow Sticks – buy now')
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), (parts) => {
        const outcome = readArticle(parts.join(' '), { now: Date.UTC(2026, 0, 1) })
        return consistent(outcome) && roundTrips(outcome)
      }),
      { numRuns: 150 },
    )
  })
})
