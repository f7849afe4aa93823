import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { timelineFrame } from '../../../../src/domain/engine/local/day-index.ts'
import { DIM } from '../../../../src/domain/engine/local/mask.ts'
import { makeRowKeys, rowKeys, ROWS_PER_CELL } from '../../../../src/domain/engine/local/row-keys.ts'
import { countDay, countsByKeys, countsByRow, fullCounts, mostCountNowhere, type Counts } from '../../../../src/domain/engine/local/view-counts.ts'
import type { ThreatLevel } from '../../../../src/domain/model.ts'
import type { EventTable } from '../../../../src/domain/table-types.ts'
import { handTable, type HandRow } from '../hand-table.ts'

type View = 'levels' | 'timeline' | 'map' | 'actors' | 'categories'

/** Whether a row of mask byte `byte` counts for `view`: every filter but the view's own and the level filter passes. */
function countsFor(byte: number, view: View): boolean {
  const m = byte & ~DIM.level
  if (view === 'levels') return m === 0
  if (view === 'timeline') return (m & ~DIM.time) === 0
  if (view === 'map') return (m & ~(DIM.region | DIM.country)) === 0
  if (view === 'actors') return (m & ~DIM.actor) === 0
  return (m & ~DIM.category) === 0
}

/** The straightforward count: each row, one by one, added to every view it counts for. */
function referenceCounts(table: EventTable, mask: Uint8Array, skipBits: number): Omit<Counts, 'table' | 'matchedRows'> {
  const { firstDay, days } = timelineFrame(table)
  const out = {
    levelCounts: new Uint32Array(6),
    exact: new Float64Array(days * 5),
    spreadDiff: new Float64Array((days + 1) * 5),
    placeLevels: new Uint32Array(table.places.size * 5),
    actorLevels: new Uint32Array(table.actors.dict.values.length * 5),
    categoryLevels: new Uint32Array(table.categories.values.length * 5),
  }
  for (let row = 0; row < table.size; row++) {
    const byte = mask[row]!
    if ((byte & skipBits) !== 0) continue
    const li = table.level[row]! - 1
    if (countsFor(byte, 'levels')) out.levelCounts[li + 1]!++
    if (countsFor(byte, 'timeline')) countDay(out.exact, out.spreadDiff, firstDay, days, table.startMs[row]!, table.endMs[row]!, li, 1)
    if (countsFor(byte, 'map')) out.placeLevels[table.place[row]! * 5 + li]!++
    if (countsFor(byte, 'actors')) {
      for (let j = table.actors.offsets[row]!; j < table.actors.offsets[row + 1]!; j++) out.actorLevels[table.actors.values[j]! * 5 + li]!++
    }
    if (countsFor(byte, 'categories')) out.categoryLevels[table.category[row]! * 5 + li]!++
  }
  return out
}

const VIEW_BITS = { levels: 1, timeline: 4, map: 8, actors: 16, categories: 32 } as const

/** The filter bit a recount skips and the views it keeps, as recountedCounts passes them; 0, 0 for a count from scratch. */
const RECOUNTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [DIM.time, VIEW_BITS.timeline],
  [DIM.region, VIEW_BITS.map],
  [DIM.country, VIEW_BITS.map],
  [DIM.actor, VIEW_BITS.actors],
  [DIM.category, VIEW_BITS.categories],
  [DIM.text, 0],
]

/** Where two arrays first differ (their length when one is longer), or −1: a timeline with a far row holds 365,000 entries, too many for a deep compare. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length)
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i
  return -1
}

/** Every array of the views a pass counted (those not in `keepViews`), equal to the reference's. */
function expectSameCounts(actual: Counts, expected: ReturnType<typeof referenceCounts>, keepViews: number): void {
  const differences = {
    levelCounts: (keepViews & VIEW_BITS.levels) === 0 ? firstDifference(actual.levelCounts, expected.levelCounts) : -1,
    exact: (keepViews & VIEW_BITS.timeline) === 0 ? firstDifference(actual.exact, expected.exact) : -1,
    spreadDiff: (keepViews & VIEW_BITS.timeline) === 0 ? firstDifference(actual.spreadDiff, expected.spreadDiff) : -1,
    placeLevels: (keepViews & VIEW_BITS.map) === 0 ? firstDifference(actual.placeLevels, expected.placeLevels) : -1,
    actorLevels: (keepViews & VIEW_BITS.actors) === 0 ? firstDifference(actual.actorLevels, expected.actorLevels) : -1,
    categoryLevels: (keepViews & VIEW_BITS.categories) === 0 ? firstDifference(actual.categoryLevels, expected.categoryLevels) : -1,
  }
  expect(differences).toEqual({ levelCounts: -1, exact: -1, spreadDiff: -1, placeLevels: -1, actorLevels: -1, categoryLevels: -1 })
}

const ACTOR_POOL = Array.from({ length: 300 }, (_, i) => `actor ${i}`)
const COUNTRY_POOL = ['FR', 'DE', 'SY', 'UA', 'CA', 'BR', 'NG', 'IN']

const rowArb: fc.Arbitrary<HandRow> = fc
  .record({
    day: fc.integer({ min: 0, max: 30 }),
    form: fc.constantFrom('day', 'day', 'day', 'day', 'month', 'instant', 'span', 'span', 'far'),
    hour: fc.integer({ min: 0, max: 23 }),
    length: fc.integer({ min: 1, max: 5 }),
    level: fc.integer({ min: 1, max: 5 }),
    countries: fc.subarray(COUNTRY_POOL, { maxLength: 2 }),
    category: fc.constantFrom('', 'protest', 'strike', 'cyber', 'riot'),
    // Mostly a handful of actors, sometimes one of many, none, or several on one row.
    actors: fc.oneof(
      fc.constant([] as string[]),
      fc.array(fc.constantFrom(...ACTOR_POOL.slice(0, 4)), { minLength: 1, maxLength: 2 }),
      fc.array(fc.constantFrom(...ACTOR_POOL), { minLength: 1, maxLength: 5 }),
    ),
  })
  .map(({ day, form, hour, length, level, countries, category, actors }) => {
    const date = new Date(Date.UTC(2024, 0, 1 + day, hour))
    const iso = date.toISOString()
    const end = new Date(Date.UTC(2024, 0, 1 + day + length, hour)).toISOString().slice(0, 10)
    return {
      // 'far' lies beyond the timeline's frame (capped at about 200 years from the first day).
      date: form === 'day' || form === 'span' ? iso.slice(0, 10) : form === 'month' ? iso.slice(0, 7) : form === 'instant' ? iso.replace('.000', '') : `2250-${iso.slice(5, 10)}`,
      ...(form === 'span' ? { endDate: end } : {}),
      level: level as ThreatLevel,
      title: 't',
      countries,
      category,
      actors: [...new Set(actors)],
    }
  })

/** A mask byte per row: mostly one filter failed or none, as after a change, sometimes anything. */
const byteArb = fc.oneof(
  fc.constant(0),
  fc.constantFrom(DIM.time, DIM.region, DIM.country, DIM.region | DIM.country, DIM.actor, DIM.level, DIM.category, DIM.text),
  fc.integer({ min: 0, max: 127 }),
)

describe('counting through row keys', () => {
  it('numbers the cells and keeps each row’s second actor and the rows with more (hand-checked)', () => {
    const table = handTable([
      { date: '2024-01-03', level: 1, title: 'a', countries: ['FR'], category: 'riot', actors: ['x', 'y'] },
      { date: '2024-01-02', level: 2, title: 'b', countries: ['FR'], category: 'riot', actors: ['x'] },
      { date: '2024-01-01', level: 3, title: 'c', countries: ['DE'], category: 'riot', actors: ['y', 'x', 'z'] },
      { date: '2023-12-31', level: 4, title: 'd', countries: ['FR'], category: 'riot', actors: [] },
    ])
    const keys = makeRowKeys(table)
    // Rows 0 and 1 share a cell (FR, riot, first actor x); row 2 (DE, y) and row 3 (no actor) have their own.
    expect([...keys.cell]).toEqual([0, 0, 1, 2])
    const x = table.actors.dict.indexOf.get('x')!
    const y = table.actors.dict.indexOf.get('y')!
    expect([...keys.cellActor]).toEqual([x + 1, y + 1, 0])
    expect([...keys.second!]).toEqual([y + 1, 0, x + 1, 0])
    expect([...keys.moreActors]).toEqual([2])
    // Four rows, three cells: too many cells for keys to pay, so fullCounts counts row by row.
    expect(rowKeys(table)).toBeNull()
  })

  it('counts the levels, map, actors and categories of a hand-made table through the keys', () => {
    const rows: HandRow[] = [
      { date: '2024-01-03', level: 1, title: 'a', countries: ['FR'], category: 'riot', actors: ['x', 'y'] },
      { date: '2024-01-02', level: 1, title: 'b', countries: ['FR'], category: 'riot', actors: ['x'] },
      { date: '2024-01-01', level: 3, title: 'c', countries: ['DE'], category: 'strike', actors: ['y', 'x', 'z'] },
    ]
    const table = handTable(rows)
    // Row 1 fails the country filter: it counts for the map only (and the timeline ignores nothing it fails but that).
    const mask = new Uint8Array([0, DIM.country, 0])
    const counts = countsByKeys(table, mask, 0, 0, makeRowKeys(table))
    expect([...counts.levelCounts]).toEqual([0, 1, 0, 1, 0, 0])
    const fr = table.places.countries.dict.indexOf.get('FR')!
    expect(table.places.countries.values[table.place[1]!]).toBe(fr)
    expect(counts.placeLevels[table.place[0]! * 5]).toBe(2)
    expect(counts.placeLevels[table.place[2]! * 5 + 2]).toBe(1)
    const actor = (name: string, level: number): number => counts.actorLevels[table.actors.dict.indexOf.get(name)! * 5 + level - 1]!
    expect([actor('x', 1), actor('y', 1), actor('x', 3), actor('y', 3), actor('z', 3)]).toEqual([1, 1, 1, 1, 1])
    expect(counts.categoryLevels[table.categories.indexOf.get('riot')! * 5]).toBe(1)
    expect(counts.categoryLevels[table.categories.indexOf.get('strike')! * 5 + 2]).toBe(1)
  })

  it('gives the straightforward pass’s counts, by keys and row by row, for any table, mask and recount', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 300 }).chain((rows) => fc.tuple(fc.constant(rows), fc.array(byteArb, { minLength: rows.length, maxLength: rows.length }))),
        fc.constantFrom(...RECOUNTS),
        ([rows, bytes], [skipBits, keepViews]) => {
          const table = handTable(rows)
          const mask = Uint8Array.from(bytes)
          const expected = referenceCounts(table, mask, skipBits)
          expectSameCounts(countsByKeys(table, mask, skipBits, keepViews, makeRowKeys(table)), expected, keepViews)
          expectSameCounts(countsByRow(table, mask, skipBits, keepViews), expected, keepViews)
        },
      ),
      { numRuns: 150, seed: 20261208 },
    )
  })

  it('widens the cell ids past 256 and 65,536 cells', () => {
    // Each row its own cell: a first actor of its own.
    const rows = (n: number): HandRow[] => Array.from({ length: n }, (_, i) => ({ date: '2024-01-01', level: 1, title: 't', actors: [`a${i}`] }))
    const small = makeRowKeys(handTable(rows(256)))
    expect(small.cell).toBeInstanceOf(Uint8Array)
    const wide = makeRowKeys(handTable(rows(300)))
    expect(wide.cell).toBeInstanceOf(Uint16Array)
    expect([...wide.cell]).toEqual(Array.from({ length: 300 }, (_, i) => i))
    const wider = makeRowKeys(handTable(rows(70_000)))
    expect(wider.cell).toBeInstanceOf(Uint32Array)
    expect(wider.cell[69_999]).toBe(69_999)
    expect(wider.cellPlace.length).toBe(70_000)
  })

  it('keeps keys for a table whose rows share few cells, and fullCounts reads them to the same counts', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 127 }), (pattern, seedByte) => {
        // The same few rows many times over: at most 6 cells for 16 × 6 rows or more.
        const rows = Array.from({ length: ROWS_PER_CELL * 6 }, (_, i) => pattern[i % pattern.length]!)
        const table = handTable(rows)
        expect(rowKeys(table)).not.toBeNull()
        const mask = Uint8Array.from(rows, (_, i) => (i % 3 === 0 ? 0 : (seedByte * (i + 1)) & 127))
        expectSameCounts(fullCounts(table, mask), referenceCounts(table, mask, 0), 0)
      }),
      { numRuns: 100, seed: 20261209 },
    )
  })
  // countsByKeys takes one of two loops: with a test per row when most rows count for no view (a
  // recount after a narrow pick), without one otherwise. Both are held to the reference here.
  const loopCases = [
    ['most rows count for no view (the loop that tests each row)', true],
    ['most rows count for some view (the loop without a test per row)', false],
  ] as const
  for (const [name, nowhere] of loopCases) {
    it(`gives the straightforward pass’s counts when ${name}`, () => {
      // Bytes failing two filters other than the level count for no view (but the map's region and country together).
      const nowhereArb = fc.constantFrom(DIM.time | DIM.actor, DIM.region | DIM.category, DIM.actor | DIM.text, DIM.time | DIM.country | DIM.level)
      const someArb = fc.constantFrom(0, DIM.level, DIM.time, DIM.region, DIM.actor, DIM.category, DIM.region | DIM.country)
      const biased = fc.oneof({ arbitrary: nowhere ? nowhereArb : someArb, weight: 6 }, { arbitrary: byteArb, weight: 1 })
      fc.assert(
        fc.property(
          fc.array(rowArb, { minLength: 1, maxLength: 8 }).chain((pattern) =>
            fc.tuple(fc.constant(pattern), fc.array(biased, { minLength: ROWS_PER_CELL * 8, maxLength: ROWS_PER_CELL * 8 })),
          ),
          fc.constantFrom(...RECOUNTS),
          ([pattern, bytes], [skipBits, keepViews]) => {
            // Few cells over many rows, so that the table has keys.
            const rows = bytes.map((_, i) => pattern[i % pattern.length]!)
            const table = handTable(rows)
            const keys = rowKeys(table)
            expect(keys).not.toBeNull()
            const mask = Uint8Array.from(bytes)
            fc.pre(mostCountNowhere(mask, skipBits, keepViews) === nowhere)
            expectSameCounts(countsByKeys(table, mask, skipBits, keepViews, keys!), referenceCounts(table, mask, skipBits), keepViews)
          },
        ),
        { numRuns: 120, seed: nowhere ? 20261210 : 20261211 },
      )
    })
  }
})
