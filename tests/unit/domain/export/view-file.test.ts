import { describe, expect, it } from 'vitest'
import { buildViewFile, dataHash, parseViewFile, viewDataWarning } from '../../../../src/domain/export/view-file.ts'
import { handTable } from '../hand-table.ts'
import { titleAt } from '../../../../src/domain/table.ts'

const a = handTable([
  { date: '2025-11-04', level: 3, title: 'Summit' },
  { date: '2024', level: 5, title: 'War' },
])
const b = handTable([
  { date: '2025-11-04', level: 3, title: 'Summit' },
  { date: '2024', level: 4, title: 'War' },
])

describe('dataHash', () => {
  it('is stable for the same data and changes with a level', () => {
    expect(dataHash(a)).toBe(dataHash(handTable([
      { date: '2025-11-04', level: 3, title: 'Summit' },
      { date: '2024', level: 5, title: 'War' },
    ])))
    expect(dataHash(a)).toMatch(/^[0-9a-f]{8}$/)
    expect(dataHash(a)).not.toBe(dataHash(b))
  })
  it('hashes an empty table to the FNV-1a offset basis', () => {
    expect(dataHash(handTable([]))).toBe('811c9dc5')
  })
})

describe('view files', () => {
  it('round-trips and warns only when the data differs', () => {
    const file = buildViewFile('?levels=4,5&map=10,20,3', { events: a.size, hash: dataHash(a) }, 'Sample', '2025-11-05T00:00:00.000Z')
    const back = parseViewFile(JSON.stringify(file))
    expect(back).toEqual(file)
    expect(viewDataWarning(back!, { events: a.size, hash: dataHash(a) }, 'Sample')).toBeNull()
    expect(viewDataWarning(back!, { events: b.size, hash: dataHash(b) }, 'Other')).toBe(
      'This view was saved on different data ("Sample", 2 events); the loaded data is "Other" with 2 events, so counts may differ.',
    )
  })
  it('rejects what is not a view file and adds a missing "?"', () => {
    expect(parseViewFile('nope')).toBeNull()
    expect(parseViewFile('{"kind":"watchfloor-view","version":2,"search":""}')).toBeNull()
    const ok = parseViewFile('{"kind":"watchfloor-view","version":1,"search":"q=x","data":{"name":"n","events":1,"hash":"00000000"}}')
    expect(ok?.search).toBe('?q=x')
  })
})

describe('topEventRows', () => {
  it('takes the highest levels first, newest first within a level', async () => {
    const { topEventRows } = await import('../../../../src/domain/export/top-events.ts')
    const t = handTable([
      { date: '2025-01-01', level: 2, title: 'a' },
      { date: '2025-02-01', level: 5, title: 'b' },
      { date: '2025-03-01', level: 4, title: 'c' },
      { date: '2025-04-01', level: 5, title: 'd' },
    ])
    // Stored newest first: rows 0–3 are d, c, b, a.
    const newestFirst = [0, 1, 2, 3]
    expect(topEventRows(t, newestFirst, 3).map((row) => titleAt(t, row))).toEqual(['d', 'b', 'c'])
    expect(topEventRows(t, newestFirst, 10).map((row) => titleAt(t, row))).toEqual(['d', 'b', 'c', 'a'])
    expect(topEventRows(t, [], 3)).toEqual([])
  })
})
