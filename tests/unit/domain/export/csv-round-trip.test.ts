import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { eventsToCsv } from '../../../../src/domain/export/csv.ts'
import { serialiseDataset } from '../../../../src/domain/export/dataset-json.ts'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { csvEventAt } from '../../../../src/domain/ingest/csv-event-at.ts'
import { readCsv } from '../../../../src/domain/ingest/csv.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import type { Dataset, ThreatEvent } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { assembleTable, inputRowOf, rowValues } from '../../../../src/domain/table.ts'

function readJson(text: string): Dataset {
  const outcome = readNativeJson(text)
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result.rejected).toBe(0)
  return outcome.result.dataset
}

function csvBack(events: readonly ThreatEvent[]): readonly ThreatEvent[] {
  const outcome = readCsv(eventsToCsv(events))
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result.issues).toEqual([])
  expect(outcome.result.rejected).toBe(0)
  return outcome.result.dataset.events
}

/** CSV → import (both CSV paths: the event reader and the app's columnar reader) gives what JSON → import gives. */
function expectCsvLikeJson(dataset: Dataset): void {
  const viaJson = readJson(serialiseDataset(dataset)).events
  expect(csvBack(dataset.events)).toEqual(viaJson)

  const columnar = readCsvColumns(eventsToCsv(dataset.events))
  if (!columnar.ok) throw new Error(columnar.reason)
  expect(columnar.value.rejected).toBe(0)
  const eventAt = csvEventAt(columnar.value)
  const table = assembleTable(columnar.value.columns, (_, _row, inputRow) => eventAt(inputRow))
  const expected = buildEventTable({ ...dataset, events: viaJson })
  expect(table.size).toBe(expected.size)
  expect(table.titles).toEqual(expected.titles)
  expect(table.level).toEqual(expected.level)
  expect(table.latDeg).toEqual(expected.latDeg)
  expect(table.lonDeg).toEqual(expected.lonDeg)
  for (let row = 0; row < table.size; row += 97) {
    expect(rowValues(table.actors, row)).toEqual(rowValues(expected.actors, row))
    expect(table.eventAt(row)).toEqual(viaJson[inputRowOf(table, row)])
  }
}

describe('CSV export → CSV import', () => {
  it('gives the bundled dataset back as JSON export → import does, every field', () => {
    const sample = readJson(readFileSync(new URL('../../../../public/data/sample.json', import.meta.url), 'utf8'))
    // The bundled data uses every field the CSV carries as a column of its own.
    const used = new Set(sample.events.flatMap((e) => Object.keys(e)))
    for (const field of ['fatalities', 'quotes', 'impacts', 'related', 'trend', 'confidence', 'assessment', 'endDate']) expect(used).toContain(field)
    expectCsvLikeJson(sample)
  })

  it('gives the hostile corpus back as JSON does, with no cell a spreadsheet would run', () => {
    const read = readJson(readFileSync(new URL('../../../fixtures/hostile/hostile.json', import.meta.url), 'utf8'))
    // A dataset's own regions travel only in JSON (docs/csv-format.md): leave them out here.
    const own = new Set(read.regions.map((r) => r.id))
    expect(own.size).toBeGreaterThan(0)
    const hostile: Dataset = { ...read, regions: [], events: read.events.map((e) => ({ ...e, regions: e.regions.filter((r) => !own.has(r)) })) }
    expectCsvLikeJson(hostile)
    const csv = eventsToCsv(hostile.events)
    for (const delimiter of [',', ';', '\t', '|']) {
      // A number is a number (-8), not a formula.
      const formulas = Papa.parse<string[]>(csv, { delimiter, newline: '\r\n' }).data.flat().filter((cell) => /^ *[=+\-@\t\r＝＋－＠]/.test(cell) && !Number.isFinite(Number(cell)))
      expect(formulas).toEqual([])
    }
  })

  it('gives a generated table of 10,000 events back as JSON does', () => {
    const table = generateSyntheticTable({ size: 10_000, seed: 25 })
    const events = Array.from({ length: table.size }, (_, row) => table.eventAt(row))
    expectCsvLikeJson({ schemaVersion: 1, name: 'generated', regions: [], events })
  })

  it('gives any events back as JSON does: formulas, separators, quotes, structured lists, extras', () => {
    // Printable text with the characters that matter to CSV and spreadsheets (control characters are issue-free input elsewhere).
    const tricky = fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', ';', ',', '|', '"', "'", '[', ']', '{', ' ', '\n', '\t', 'a', 'Z', 'é', '1')
    const text = fc.array(tricky, { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''))
    const word = text.filter((s) => s.trim() !== '')
    const actor = fc.oneof(
      word,
      fc.record(
        { name: word, type: fc.constantFrom('state', 'person', 'organization', 'group', 'unknown'), role: text, country: fc.constantFrom('UA', 'XK', 'FR') },
        { requiredKeys: ['name'] },
      ),
    )
    const source = fc.oneof(
      fc.record({ name: word }),
      fc.record({ name: word, url: fc.constantFrom('https://example.org/a;b', 'ftp://x', 'https://example.org/'), date: fc.constantFrom('2025-01-02', '') }, { requiredKeys: ['name'] }),
    )
    const event = fc.record(
      {
        id: word,
        title: word,
        summary: text,
        category: text,
        date: fc.constantFrom('2022', '2023-07', '2024-02-29', '2025-11-04T03:00Z'),
        endDate: fc.constantFrom('2026', '2026-01-05'),
        threatLevel: fc.constantFrom<string | number>(1, 5, 'high', 'Medium', ' severe '),
        sourceLevel: fc.oneof(text, fc.constantFrom<string | number>('3', '-2.5', 7, -7.5)),
        actors: fc.array(actor, { maxLength: 3 }),
        countries: fc.array(fc.constantFrom('UA', 'RUS', 'Kosovo', '156'), { maxLength: 3 }),
        regions: fc.array(fc.constantFrom('Asia', 'Sahel', 'Middle East', 'eastern-europe'), { maxLength: 2 }),
        location: fc.record(
          { lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }), name: text, precision: text },
          { requiredKeys: ['lat', 'lon'] },
        ),
        trend: fc.constantFrom('improving', 'stable', 'deteriorating'),
        confidence: fc.integer({ min: 0, max: 100 }),
        fatalities: fc.integer({ min: 0, max: 10_000 }),
        assessment: text,
        tags: fc.array(text, { maxLength: 3 }),
        sectors: fc.array(text, { maxLength: 2 }),
        impacts: fc.array(text, { maxLength: 2 }),
        quotes: fc.array(fc.record({ speaker: text, text: word }), { maxLength: 2 }),
        sources: fc.array(source, { maxLength: 2 }),
        related: fc.array(word, { maxLength: 2 }),
        extra: fc.dictionary(fc.constantFrom('acled_id', 'note', 'x;y', '=f'), fc.oneof(text, fc.integer(), fc.boolean())),
      },
      { requiredKeys: ['id', 'title', 'date', 'threatLevel'] },
    )
    fc.assert(
      fc.property(fc.uniqueArray(event, { selector: (e) => e.id.trim(), maxLength: 6 }), (events) => {
        const dataset = readJson(JSON.stringify({ schemaVersion: 1, name: 'generated', events }))
        expect(csvBack(dataset.events)).toEqual(readJson(serialiseDataset(dataset)).events)
      }),
      { seed: 2025, numRuns: 300 },
    )
  })
})
