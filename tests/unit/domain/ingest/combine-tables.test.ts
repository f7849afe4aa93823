import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { combineTables, firstOccurrences, keepRowsNotIn } from '../../../../src/domain/ingest/combine-tables.ts'
import { packStrings } from '../../../../src/domain/ingest/packed-strings.ts'
import { stringList, stringSet } from '../../../../src/domain/string-column.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { rowCountries, rowRegions, rowValues, titleAt } from '../../../../src/domain/table.ts'
import { type EventTable } from '../../../../src/domain/table-types.ts'

function dataset(events: object[]) {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 'x', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

const A = dataset([
  { id: 'a1', title: 'A one', date: '2024-01-01', threatLevel: 2, countries: ['FR'], actors: ['Paris', 'Lyon'], category: 'unrest' },
  { id: 'a2', title: 'A two', date: '2024-03', threatLevel: 4, countries: ['UA'], actors: ['Kyiv'], location: { lat: 50, lon: 30 } },
])
const B = dataset([
  { id: 'b1', title: 'B one', date: '2023', threatLevel: 5, regions: ['Sahel'], actors: ['Lyon'], category: 'conflict' },
  { id: 'a2', title: 'A two, updated', date: '2024-03-05', threatLevel: 5, countries: ['UA'] },
])

function describeRow(t: EventTable, r: number) {
  return {
    title: titleAt(t, r),
    start: t.startMs[r],
    end: t.endMs[r],
    level: t.level[r],
    lat: t.latDeg[r],
    approx: t.approximate[r],
    category: t.categories.values[t.category[r]!],
    countries: rowCountries(t, r),
    regions: rowRegions(t, r).sort(),
    actors: rowValues(t.actors, r),
    id: t.eventAt(r).id,
  }
}

describe('combineTables', () => {
  it('concatenates tables with their dictionaries re-coded, like one table built from all events', () => {
    // Ids are by stored row, and tables store rows newest first: A is a2 (March), a1 (January).
    const { table, ids } = combineTables([
      { table: buildEventTable(A), ids: ['a2', 'a1'] },
      { table: buildEventTable(B), ids: ['a2', 'b1'] },
    ])
    const expected = buildEventTable({ ...A, events: [...A.events, ...B.events] })
    expect(ids).toEqual(['a2', 'a2', 'a1', 'b1'])
    expect(table.size).toBe(4)
    for (let r = 0; r < 4; r++) expect(describeRow(table, r)).toEqual(describeRow(expected, r))
    expect([...table.startMs]).toEqual([...expected.startMs])
    for (let r = 0; r < 4; r++) expect(table.eventAt(r).id).toBe(ids[r])
    expect(table.actors.dict.values).toEqual(['Kyiv', 'Paris', 'Lyon'])
  })

  it('merges an import into current data: same ids are replaced, the rest kept', () => {
    const incoming = ['b1', 'a2']
    const { keep, dropped } = keepRowsNotIn(['a2', 'a1'], new Set(incoming))
    expect([...keep]).toEqual([0, 1])
    expect(dropped).toBe(1)
    const { table, ids } = combineTables([
      { table: buildEventTable(A), ids: ['a2', 'a1'], keep },
      { table: buildEventTable(B), ids: ['a2', 'b1'] },
    ])
    expect(ids).toEqual(['a2', 'a1', 'b1'])
    expect(table.titles).toEqual(['A two, updated', 'A one', 'B one'])
    expect(table.eventAt(0).title).toBe('A two, updated')
    expect(table.eventAt(2).id).toBe('b1')
  })

  it('merges data whose ids and titles are packed (as an import keeps them) the same way', () => {
    const a = buildEventTable(A)
    const packedA = { ...a, titles: packStrings(stringList(a.titles)) }
    const current = packStrings(['a2', 'a1'])
    const { keep, dropped } = keepRowsNotIn(current, stringSet(packStrings(['b1', 'a2'])))
    expect([...keep]).toEqual([0, 1])
    expect(dropped).toBe(1)
    const { table, ids } = combineTables([
      { table: packedA, ids: current, keep },
      { table: buildEventTable(B), ids: packStrings(['a2', 'b1']) },
    ])
    // The combined columns are lists.
    expect(ids).toEqual(['a2', 'a1', 'b1'])
    expect(table.titles).toEqual(['A two, updated', 'A one', 'B one'])
  })

  it('keeps the first occurrence of an id across files and lists the later ones', () => {
    const { keeps, duplicates } = firstOccurrences([['x', 'y'], ['y', 'z', 'x']])
    expect(keeps.map((k) => [...k])).toEqual([[1, 1], [0, 1, 0]])
    expect(duplicates).toEqual([
      { part: 1, row: 0, id: 'y', firstPart: 0 },
      { part: 1, row: 2, id: 'x', firstPart: 0 },
    ])
    const packed = firstOccurrences([packStrings(['x', 'y']), packStrings(['y', 'z', 'x'])])
    expect(packed.keeps.map((k) => [...k])).toEqual([[1, 1], [0, 1, 0]])
    expect(packed.duplicates.map((d) => d.id)).toEqual(['y', 'x'])
  })
})
