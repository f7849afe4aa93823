import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { DAY_MS } from '../../../src/domain/dates.ts'
import { normaliseRecord, type NormaliseContext } from '../../../src/domain/ingest/normalise.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { indexOfTarget, DEFAULT_INDEX_SETTINGS } from '../../../src/domain/threat-index.ts'
import { rowCountries, rowRegions } from '../../../src/domain/table.ts'

const CTX: NormaliseContext = { levelScheme: 'watchfloor', customRegions: [] }

describe('where an event happened, and who else took part', () => {
  it('keeps involved countries apart from the places, as codes, and warns about unknown ones', () => {
    const outcome = normaliseRecord(
      {
        id: 'truce',
        title: 'Truce brokered abroad',
        date: '2025-10-10',
        threatLevel: 3,
        countries: ['Israel', 'PSE'],
        involvedCountries: ['Egypt', 'US', 'Israel', 'Atlantis'],
      },
      4,
      CTX,
    )
    if (!outcome.ok) throw new Error('rejected')
    expect(outcome.event.countries).toEqual(['IL', 'PS'])
    // Israel is a place of the event already, so it is not also "involved".
    expect(outcome.event.involvedCountries).toEqual(['EG', 'US'])
    // Regions come from the places only: Western Asia and the Middle East, not Northern Africa.
    expect(outcome.event.regions).toEqual(['western-asia'])
    expect(outcome.warnings).toEqual([{ row: 4, field: 'involvedCountries', message: 'unknown country "Atlantis" ignored' }])
  })

  it('has no involved countries when the data names none', () => {
    const outcome = normaliseRecord({ id: 'a', title: 'A', date: '2025', threatLevel: 2, countries: ['UA'] }, 1, CTX)
    expect(outcome.ok && 'involvedCountries' in outcome.event).toBe(false)
  })
})

describe('the bundled dataset: the Gaza ceasefire of 10 October 2025', () => {
  const outcome = readNativeJson(readFileSync('public/data/sample.json', 'utf8'), 'sample.json')
  if (!outcome.ok) throw new Error(outcome.reason)
  const table = buildEventTable(outcome.result.dataset)
  const row = Array.from({ length: table.size }, (_, r) => r).find((r) => table.eventAt(r).id === '2025-10-10-gaza-ceasefire-trump-plan')!
  // The end of 11 October: the ceasefire is one day old.
  const asOf = Date.UTC(2025, 9, 11) + DAY_MS

  it('happened in Israel and Palestine; Egypt and the United States mediated', () => {
    expect(rowCountries(table, row).sort()).toEqual(['IL', 'PS'])
    expect(table.eventAt(row).involvedCountries).toEqual(['EG', 'US'])
    expect(rowRegions(table, row)).toContain('middle-east')
    expect(rowRegions(table, row)).not.toContain('africa')
    expect(rowRegions(table, row)).not.toContain('northern-africa')
  })

  it('counts for the Middle East gauge, not for Africa or Egypt', () => {
    const rowsOf = (kind: 'region' | 'country', value: string): number[] =>
      indexOfTarget(table, { kind, value }, asOf, DEFAULT_INDEX_SETTINGS).contributions.map((c) => c.row)
    expect(rowsOf('region', 'middle-east')).toContain(row)
    expect(rowsOf('region', 'africa')).not.toContain(row)
    expect(rowsOf('region', 'northern-africa')).not.toContain(row)
    expect(rowsOf('country', 'EG')).not.toContain(row)
    expect(rowsOf('country', 'US')).not.toContain(row)
  })
})
