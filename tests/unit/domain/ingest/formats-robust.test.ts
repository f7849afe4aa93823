import fc from 'fast-check'
import { describe, it } from 'vitest'
import { readAcled } from '../../../../src/domain/ingest/acled.ts'
import { readArticle } from '../../../../src/domain/ingest/article.ts'
import { readGdelt } from '../../../../src/domain/ingest/gdelt.ts'
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

describe('importers never throw and always count consistently', () => {
  it('ACLED', () => {
    fc.assert(fc.property(fc.array(acledRow, { maxLength: 6 }), (rows) => consistent(readAcled([ACLED_HEADER, ...rows].join('\n')))), { numRuns: 150 })
  })

  it('GDELT', () => {
    fc.assert(fc.property(fc.array(gdeltRow, { minLength: 1, maxLength: 4 }), (rows) => consistent(readGdelt(rows.join('\n')))), { numRuns: 100 })
  })

  it('STIX', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(stixObject, fc.constant(null), fc.constant(7)), { maxLength: 8 }), (objects) =>
        consistent(readStix(JSON.stringify({ type: 'bundle', id: 'bundle--1', objects }))),
      ),
      { numRuns: 150 },
    )
  })

  it('articles', () => {
    const words = fc.constantFrom('Russia', 'invades', 'Ukraine', 'November 4, 2025', '2022:', '•', '“quoted words here now”', 'President Xi Jinping', 'threat level is assessed as high', '<p>', '</div>', '<script>', '\n', '.', 'Related:', 'Glow Sticks – buy now')
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), (parts) => consistent(readArticle(parts.join(' '), { now: Date.UTC(2026, 0, 1) }))),
      { numRuns: 150 },
    )
  })
})
