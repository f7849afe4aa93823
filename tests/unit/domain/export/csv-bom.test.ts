import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvForSpreadsheets, eventsToCsv } from '../../../../src/domain/export/csv.ts'
import { exportFileBase } from '../../../../src/domain/export/file-name.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'

const outcome = readNativeJson(
  JSON.stringify({ schemaVersion: 1, name: 't', events: [{ id: 'a', title: 'Talks 2024–2025 in Genève', date: '2025-01-10', threatLevel: 3, countries: ['CH'] }] }),
)
if (!outcome.ok) throw new Error(outcome.reason)
const events = outcome.result.dataset.events

describe('CSV for spreadsheets', () => {
  it('begins with one byte-order mark, so Excel reads it as UTF-8, and reads back the same', () => {
    const text = csvForSpreadsheets(eventsToCsv(events))
    const bytes = new TextEncoder().encode(text)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csvForSpreadsheets(text)).toBe(text)
    expect(text.slice(CSV_BOM.length).startsWith('id,')).toBe(true)
    const back = readAny(text, { fileName: 'export.csv' })
    if (!back.ok) throw new Error(back.reason)
    expect(back.result.rejected).toBe(0)
    expect(back.result.dataset.events[0]!.title).toBe('Talks 2024–2025 in Genève')
  })
})

describe('export file names', () => {
  it('carry the places, actors, time range and as-of day', () => {
    const asOf = Date.UTC(2025, 1, 1)
    expect(exportFileBase('Sample data', EMPTY_FILTER, asOf, [])).toBe('sample-data-asof-2025-01-31')
    const filter = { ...EMPTY_FILTER, regions: ['eastern-europe'], actors: ['Wagner Group'], timeRange: { fromMs: Date.UTC(2022, 3, 1), toMs: asOf } }
    expect(exportFileBase('Sample data', filter, asOf, [])).toBe('sample-data-eastern-europe-wagner-group-2022-04-01-to-2025-01-31-asof-2025-01-31')
  })
})
