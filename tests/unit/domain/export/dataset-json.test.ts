import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { serialiseDataset, toDatasetFile } from '../../../../src/domain/export/dataset-json.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import type { Dataset, ThreatEvent } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { atExportPrecision } from './export-precision.ts'

function read(text: string): Dataset {
  const outcome = readNativeJson(text)
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result.rejected).toBe(0)
  return outcome.result.dataset
}


const fixture = readFileSync(new URL('../../../fixtures/cli/valid-3.json', import.meta.url), 'utf8')

describe('toDatasetFile', () => {
  it('writes the normalised form: date text, numeric levels, alpha-2 countries, region slugs, actor objects', () => {
    const file = toDatasetFile(read(fixture))
    expect(file.schemaVersion).toBe(1)
    expect(file).not.toHaveProperty('levelScheme')
    const [first, second, third] = file.events
    expect(first).toMatchObject({
      date: '2022',
      threatLevel: 5,
      countries: ['RU', 'UA'],
      regions: ['eastern-europe'],
      actors: [
        { name: 'Russia', type: 'state', role: 'aggressor', country: 'RU' },
        { name: 'Ukraine', type: 'unknown' },
      ],
      sourceLevel: 'critical',
    })
    expect(second?.location).toEqual({ lat: 39.9042, lon: 116.4074, name: 'Beijing' })
    expect(second?.threatLevel).toBe(3)
    expect(third).toMatchObject({ date: '2025-11-20T03:00Z', threatLevel: 4, countries: ['PL'] })
    expect(third).not.toHaveProperty('tags')
  })

  it('keeps a dataset-defined region and reads the numbers back on the Watchfloor scale', () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      name: 'DEFCON and a custom region',
      levelScheme: 'defcon',
      regions: [{ id: 'baltic-states', name: 'Baltic states', countries: ['Estonia', 'LVA', '440'] }],
      events: [{ id: 'a', title: 'Alert', date: '2024-06', threatLevel: 'DEFCON 2', regions: ['baltic-states'] }],
    })
    const once = read(text)
    const file = toDatasetFile(once)
    expect(file.regions).toEqual([{ id: 'baltic-states', name: 'Baltic states', countries: ['EE', 'LV', 'LT'] }])
    expect(file.events[0]?.threatLevel).toBe(4)
    const twice = read(serialiseDataset(once))
    expect(twice.regions).toEqual(once.regions)
    expect(twice.events).toEqual(once.events)
  })
})

describe('serialiseDataset round trip', () => {
  it('gives the same events back from the fixture', () => {
    const once = read(fixture)
    const twice = read(serialiseDataset(once))
    expect(twice.events).toEqual(once.events)
    expect(serialiseDataset(twice)).toBe(serialiseDataset(once))
  })

  it('gives the same events back for generated events (instants, places, actors)', () => {
    const table = generateSyntheticTable({ size: 300, seed: 7 })
    const events = Array.from({ length: table.size }, (_, row) => table.eventAt(row))
    const dataset: Dataset = { schemaVersion: 1, name: 'synthetic', regions: [], events }
    const once = read(serialiseDataset(dataset))
    // Generated events leave regions to the table; reading derives them from the countries.
    const withoutRegions = ({ regions: _regions, ...rest }: ThreatEvent) => rest
    expect(once.events.map(withoutRegions)).toEqual(events.map(atExportPrecision).map(withoutRegions))
    expect(read(serialiseDataset(once)).events).toEqual(once.events)
  })

  it('is a fixed point after one pass, whatever the input', () => {
    const label = fc.constantFrom<string | number>(1, 2, 3, 4, 5, 'low', 'Medium', 'severe', ' high ', '4')
    const date = fc.constantFrom('2022', '2023-07', '2024-02-29', '2025-11-04T03:00Z', '2025-01-01T12:30:15+02:00')
    const place = fc.constantFrom('UA', 'RUS', '156', 'Taiwan', 'Nowhere-land')
    const region = fc.constantFrom('Asia', 'Eastern Europe', 'Middle East', 'Sahel', 'eastern-asia', 'Atlantis')
    const actor = fc.oneof(
      fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0),
      fc.record(
        { name: fc.constantFrom('NATO', 'Xi Jinping'), type: fc.constantFrom('state', 'person'), country: place },
        { requiredKeys: ['name'] },
      ),
    )
    const event = fc.record(
      {
        id: fc.uuid(),
        title: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0),
        summary: fc.string({ maxLength: 20 }),
        date,
        threatLevel: label,
        actors: fc.array(actor, { maxLength: 3 }),
        countries: fc.array(place, { maxLength: 3 }),
        regions: fc.array(region, { maxLength: 2 }),
        location: fc.record({
          lat: fc.double({ min: -90, max: 90, noNaN: true }),
          lon: fc.double({ min: -180, max: 180, noNaN: true }),
        }),
        tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        confidence: fc.integer({ min: 0, max: 100 }),
        extra: fc.dictionary(fc.constantFrom('acled_id', 'cameo', 'note'), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
      },
      { requiredKeys: ['id', 'title', 'date', 'threatLevel'] },
    )
    fc.assert(
      fc.property(fc.uniqueArray(event, { selector: (e) => e.id, maxLength: 8 }), (events) => {
        const once = read(JSON.stringify({ schemaVersion: 1, name: 'generated', events }))
        const twice = read(serialiseDataset(once))
        // One pass rounds coordinates to the export's six decimals; after that nothing changes.
        expect(twice.events).toEqual(once.events.map(atExportPrecision))
        expect(serialiseDataset(read(serialiseDataset(twice)))).toBe(serialiseDataset(twice))
      }),
      { seed: 20251104, numRuns: 200 },
    )
  })
})
