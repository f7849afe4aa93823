import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { exportDeg, exportFloat32Deg } from '../../../../src/domain/export/coordinates.ts'
import { eventsToCsv } from '../../../../src/domain/export/csv.ts'
import { serialiseDataset } from '../../../../src/domain/export/dataset-json.ts'
import { eventsToGeoJson, type PlacedEvent } from '../../../../src/domain/export/geojson.ts'
import { exportStixBundle, serialiseStixBundle } from '../../../../src/domain/export/stix.ts'
import { readCsv } from '../../../../src/domain/ingest/csv.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { readStix } from '../../../../src/domain/ingest/stix.ts'
import type { Dataset, ThreatEvent } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'

interface Hint {
  readonly message: string
  readonly level?: string
}
// geojsonhint ships no types; its one function takes GeoJSON text or an object.
const { hint } = createRequire(import.meta.url)('@mapbox/geojsonhint') as { hint: (geojson: string, options?: object) => Hint[] }

function read(outcome: ReturnType<typeof readNativeJson>): Dataset {
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

/** What the GeoJSON export writes for a table's rows, as data-files.ts hands it over. */
function placed(table: EventTable): PlacedEvent[] {
  return Array.from({ length: table.size }, (_, row) => ({
    event: table.eventAt(row),
    latDeg: table.latDeg[row]!,
    lonDeg: table.lonDeg[row]!,
    approximate: table.approximate[row] === 1,
  }))
}

describe('exportDeg', () => {
  it('keeps what the source gave and rounds past six decimals', () => {
    expect([45.4666, 4.05, -12.5, 180, 12.3456789, -0.0000001, 1e-6].map(exportDeg)).toEqual([45.4666, 4.05, -12.5, 180, 12.345679, 0, 0.000001])
    expect(Object.is(exportDeg(-0), 0)).toBe(true)
  })

  it('reads a float32 column back to the decimal it was stored from', () => {
    expect(Math.fround(45.4666)).toBe(45.46659851074219)
    expect([45.4666, 4.05, 45.3182, -33.8688, 151.2093, 0.1].map((v) => exportFloat32Deg(Math.fround(v)))).toEqual([45.4666, 4.05, 45.3182, -33.8688, 151.2093, 0.1])
    // A double that is no float32 is only rounded.
    expect(exportFloat32Deg(50.45)).toBe(50.45)
  })
})

describe('a coordinate through every export and back', () => {
  it('reads the same from CSV, dataset JSON, GeoJSON and STIX: the source value at six decimals at most', () => {
    const coordinate = fc.record({
      lat: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.integer({ min: -900000, max: 900000 }).map((n) => n / 10000)),
      lon: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: -1800000, max: 1800000 }).map((n) => n / 10000)),
    })
    fc.assert(
      fc.property(coordinate, ({ lat, lon }) => {
        const expected = [exportDeg(lat), exportDeg(lon)]
        fc.pre(expected[0] !== 0 || expected[1] !== 0) // 0,0 is the placeholder every reader drops
        const source = read(readNativeJson(JSON.stringify({ schemaVersion: 1, name: 'p', events: [{ id: 'e', title: 't', date: '2025', threatLevel: 3, location: { lat, lon } }] })))
        const back = (events: readonly ThreatEvent[]): number[] => [events[0]!.location!.latDeg, events[0]!.location!.lonDeg]

        const viaJson = read(readNativeJson(serialiseDataset(source)))
        const csv = readCsv(eventsToCsv(source.events))
        if (!csv.ok) throw new Error(csv.reason)
        const stix = readStix(serialiseStixBundle(exportStixBundle(source, { now: 0 })))
        if (!stix.ok) throw new Error(stix.reason)
        const geo = JSON.parse(JSON.stringify(eventsToGeoJson(placed(buildEventTable(source))))) as { features: { geometry: { coordinates: number[] } }[] }

        expect(back(viaJson.events)).toEqual(expected)
        expect(back(csv.result.dataset.events)).toEqual(expected)
        expect(back(stix.result.dataset.events)).toEqual(expected)
        expect([...geo.features[0]!.geometry.coordinates].reverse()).toEqual(expected)
        // And once more: an exported coordinate is a fixed point.
        expect(back(read(readNativeJson(serialiseDataset(viaJson))).events)).toEqual(expected)
      }),
      { seed: 1970, numRuns: 300 },
    )
  })
})

describe('GeoJSON export and geojsonhint', () => {
  const sample = read(readNativeJson(readFileSync(new URL('../../../../public/data/sample.json', import.meta.url), 'utf8')))

  it('gives no warning at all for the bundled dataset, countries placed at their centroids included', () => {
    const table = buildEventTable(sample)
    expect(table.approximate.some((a) => a === 1)).toBe(true)
    const text = JSON.stringify(eventsToGeoJson(placed(table)), null, 1)
    expect(hint(text, { precisionWarning: true })).toEqual([])
  })

  it('gives no warning for a generated table, whose points live in float32 columns', () => {
    const text = JSON.stringify(eventsToGeoJson(placed(generateSyntheticTable({ size: 2000, seed: 3 }))))
    expect(hint(text, { precisionWarning: true })).toEqual([])
  })

  it('gives precision warnings for the float32 expansion the export used to write (so the check can fail)', () => {
    const noisy = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [Math.fround(45.3182), Math.fround(2.0469)] } }] }
    expect(hint(JSON.stringify(noisy), { precisionWarning: true }).map((h) => h.message)).toContain('precision of coordinates should be reduced')
  })
})
