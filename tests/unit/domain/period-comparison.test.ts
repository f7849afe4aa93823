import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { comparePeriods, comparisonCsv, csvCell } from '../../../src/domain/period-comparison.ts'

const AS_OF = Date.UTC(2025, 10, 5)
const outcome = readNativeJson(
  JSON.stringify({
    schemaVersion: 1,
    name: 't',
    events: [
      { id: 'a', title: 'A', date: '2025-11-04', threatLevel: 3, countries: ['RU'] },
      { id: 'b', title: 'B', date: '2025-10-28', threatLevel: 4, countries: ['RU'] },
      { id: 'c', title: 'C', date: '2025-09-20', threatLevel: 2, countries: ['RU'] },
      { id: 'f', title: 'F', date: '2025-11-01', threatLevel: 2, countries: ['FR'] },
    ],
  }),
)
if (!outcome.ok) throw new Error(outcome.reason)
const table = buildEventTable(outcome.result.dataset)

describe('comparePeriods', () => {
  const rows = comparePeriods(
    table,
    [
      { kind: 'region', value: 'eastern-europe', label: 'Eastern Europe' },
      { kind: 'region', value: 'western-europe', label: '=HYPERLINK("x")' },
    ],
    AS_OF,
    { windowDays: 30, halfLifeDays: 7 },
  )

  it('gives level, score and events for this window and the previous one', () => {
    expect(rows[0]).toMatchObject({ level: 4, previousLevel: 2, score: 42.3, previousScore: 8.9, events: 2, previousEvents: 1, delta: 33.4 })
    expect(rows[1]).toMatchObject({ level: 2, previousLevel: null, score: 20.4, previousScore: 0, events: 1, previousEvents: 0, delta: 20.4 })
  })

  it('writes CSV with the windows in the header and formula-like text neutralised', () => {
    const csv = comparisonCsv(rows, AS_OF, 30)
    expect(csv.split('\r\n')).toEqual([
      'kind,id,name,level 2025-10-06..2025-11-04,level 2025-09-06..2025-10-05,score,previous score,delta,events,previous events',
      'region,eastern-europe,Eastern Europe,4,2,42.3,8.9,33.4,2,1',
      `region,western-europe,"'=HYPERLINK(""x"")",2,,20.4,0,20.4,1,0`,
      '',
    ])
  })
})

describe('csvCell', () => {
  it('neutralises text starting with = + - @ and quotes what needs it', () => {
    // A tab is a separator for some spreadsheets, so a cell holding one is quoted too.
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'x;=1'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", `"'\tx"`, `"x;'=1"`])
    expect(csvCell('a,"b"')).toBe('"a,""b"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('plain')).toBe('plain')
  })
  it('leaves numbers as numbers and null empty', () => {
    expect(csvCell(-3.5)).toBe('-3.5')
    expect(csvCell(null)).toBe('')
  })
})
