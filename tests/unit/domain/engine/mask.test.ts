import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { DIM, changedDimensions, computeMask, updateMask } from '../../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, Dataset, EventId, RegionId, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { packStrings } from '../../../../src/domain/ingest/packed-strings.ts'
import { stringList } from '../../../../src/domain/string-column.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'
import { mulberry32 } from '../../../../src/domain/synthetic-random.ts'
import { rowValues, rowCountries, rowRegions, titleAt } from '../../../../src/domain/table.ts'
import { type EventTable } from '../../../../src/domain/table-types.ts'
import { FIVE_ROWS, asInputRows, byInputRow, handTable } from '../hand-table.ts'

const table = handTable(FIVE_ROWS)

function spec(patch: Partial<FilterSpec>): FilterSpec {
  return { ...EMPTY_FILTER, ...patch }
}

function range(from: string, to: string): FilterSpec['timeRange'] {
  return { fromMs: parsePartialDate(from)!.startMs, toMs: parsePartialDate(to)!.startMs }
}

/** Rows whose mask is 0, as input rows (the order the events were given), ascending. */
function matching(t: EventTable, s: FilterSpec): number[] {
  const mask = computeMask(t, s)
  return asInputRows(t, [...mask.keys()].filter((row) => mask[row] === 0))
}

describe('computeMask on a hand-made table', () => {
  it('no filter: every row matches', () => {
    expect([...computeMask(table, EMPTY_FILTER)]).toEqual([0, 0, 0, 0, 0])
  })

  describe('time (overlap of [fromMs, toMs))', () => {
    it('a 2022 year-precision event passes June 2022; so does the 10 June day', () => {
      expect(matching(table, spec({ timeRange: range('2022-06-01', '2022-07-01') }))).toEqual([0, 4])
    })

    it('the 2022 event fails a 2023 range: its end (1 Jan 2023) is exclusive', () => {
      expect(matching(table, spec({ timeRange: range('2023-01-01', '2024-01-01') }))).toEqual([2])
    })

    it('a range that starts as an event ends, or ends as it starts, does not overlap it', () => {
      // Row 4 covers [2022-06-10, 2022-06-11).
      expect(matching(table, spec({ timeRange: range('2022-06-11', '2022-06-12') }))).toEqual([0])
      expect(matching(table, spec({ timeRange: range('2022-06-09', '2022-06-10') }))).toEqual([0])
      expect(matching(table, spec({ timeRange: range('2022-06-10', '2022-06-11') }))).toEqual([0, 4])
    })

    it('a month-precision event passes a range inside its month', () => {
      expect(matching(table, spec({ timeRange: range('2024-03-20', '2024-03-21') }))).toEqual([3])
    })

    it('an instant passes a range that contains it and fails one that ends at it', () => {
      expect(matching(table, spec({ timeRange: range('2023-06-15', '2023-06-16') }))).toEqual([2])
      expect(
        matching(table, spec({ timeRange: { fromMs: Date.UTC(2023, 5, 15), toMs: Date.UTC(2023, 5, 15, 10) } })),
      ).toEqual([])
    })

    it('sets only the time bit on failing rows', () => {
      const mask = computeMask(table, spec({ timeRange: range('2023-01-01', '2024-01-01') }))
      expect(byInputRow(table, mask)).toEqual([DIM.time, DIM.time, 0, DIM.time, DIM.time])
    })
  })

  describe('region', () => {
    it('europe matches the rows tagged with it', () => {
      expect(matching(table, spec({ regions: ['europe'] }))).toEqual([0, 1, 2])
    })
    it('several regions are an OR', () => {
      expect(matching(table, spec({ regions: ['eastern-asia', 'nowhere'] }))).toEqual([1, 4])
    })
    it('an unknown region matches nothing', () => {
      expect(matching(table, spec({ regions: ['atlantis'] }))).toEqual([])
    })
  })

  it('country', () => {
    expect(matching(table, spec({ countries: ['UA'] }))).toEqual([0, 2])
    expect(matching(table, spec({ countries: ['CN', 'UA'] }))).toEqual([0, 1, 2, 4])
  })

  it('actor (exact name)', () => {
    expect(matching(table, spec({ actors: ['Russia'] }))).toEqual([0, 2])
    expect(matching(table, spec({ actors: ['russia'] }))).toEqual([])
    expect(matching(table, spec({ actors: ['Xi Jinping', 'PLA Navy'] }))).toEqual([1, 4])
  })

  it('levels', () => {
    expect(matching(table, spec({ levels: [3] }))).toEqual([0, 1])
    expect(matching(table, spec({ levels: [1, 5] }))).toEqual([2, 3])
    expect(matching(table, spec({ levels: [1, 2, 3, 4, 5] }))).toEqual([0, 1, 2, 3, 4])
  })

  it('categories', () => {
    expect(matching(table, spec({ categories: ['armed-conflict'] }))).toEqual([0, 2])
    expect(matching(table, spec({ categories: ['diplomacy', 'military-exercise'] }))).toEqual([1, 4])
  })

  describe('text', () => {
    it('matches the title, case-insensitively', () => {
      expect(matching(table, spec({ text: 'STRIKE' }))).toEqual([2])
    })
    it('matches an actor name that is not in the title', () => {
      expect(matching(table, spec({ text: 'wagner' }))).toEqual([2])
      expect(matching(table, spec({ text: 'pla nav' }))).toEqual([4])
    })
    it('matches the category', () => {
      expect(matching(table, spec({ text: 'Diplo' }))).toEqual([1])
      expect(matching(table, spec({ text: 'armed' }))).toEqual([0, 2])
    })
    it('is trimmed; blank text is no filter', () => {
      expect(matching(table, spec({ text: '  mishustin  ' }))).toEqual([1])
      expect(matching(table, spec({ text: '   ' }))).toEqual([0, 1, 2, 3, 4])
    })
    it('matches nothing when nothing contains it', () => {
      expect(matching(table, spec({ text: 'zzz' }))).toEqual([])
    })
    it('matches titles kept packed (as an import sends them) as it matches a list of them', () => {
      const packed = { ...table, titles: packStrings(stringList(table.titles)) }
      expect(matching(packed, spec({ text: 'STRIKE' }))).toEqual([2])
      expect(matching(packed, spec({ text: '  mishustin  ' }))).toEqual([1])
      expect(matching(packed, spec({ text: 'zzz' }))).toEqual([])
    })
  })

  it('combines dimensions with AND and sets one bit per failing dimension', () => {
    const s = spec({ levels: [3, 5], regions: ['europe'], text: 'russia' })
    // Row 0: L3, europe, title has Russia → pass. Row 1: L3, europe, no "russia" anywhere → text.
    // Row 2: L5, europe, actor Russia → pass. Row 3: L1, no region, no text → level|region|text.
    // Row 4: L4, asia, no text → level|region|text.
    expect(byInputRow(table, computeMask(table, s))).toEqual([
      0,
      DIM.text,
      0,
      DIM.level | DIM.region | DIM.text,
      DIM.level | DIM.region | DIM.text,
    ])
  })

  it('all filtered out: no row has level 2', () => {
    const mask = computeMask(table, spec({ levels: [2] }))
    expect([...mask]).toEqual([DIM.level, DIM.level, DIM.level, DIM.level, DIM.level])
  })

  it('empty table: an empty mask for any spec', () => {
    const empty = handTable([])
    expect(computeMask(empty, spec({ levels: [3], text: 'x', regions: ['europe'] })).length).toBe(0)
    expect(updateMask(empty, new Uint8Array(0), EMPTY_FILTER, spec({ text: 'y' })).length).toBe(0)
  })
})

describe('changedDimensions and updateMask', () => {
  it('names only the dimensions that differ', () => {
    expect(changedDimensions(EMPTY_FILTER, EMPTY_FILTER)).toEqual([])
    expect(changedDimensions(EMPTY_FILTER, spec({ levels: [1], text: 'x' }))).toEqual(['level', 'text'])
    expect(changedDimensions(spec({ text: 'Foo' }), spec({ text: ' foo ' }))).toEqual([])
    expect(changedDimensions(spec({ timeRange: range('2022', '2023') }), spec({ timeRange: range('2022', '2024') }))).toEqual([
      'time',
    ])
  })

  it('recomputes a changed dimension and leaves `previous` untouched', () => {
    const s1 = spec({ levels: [3] })
    const m1 = computeMask(table, s1)
    const before = [...m1]
    const s2 = spec({ levels: [3], countries: ['UA'] })
    const m2 = updateMask(table, m1, s1, s2)
    expect([...m1]).toEqual(before)
    expect(m2).not.toBe(m1)
    expect(byInputRow(table, m2)).toEqual([0, DIM.country, DIM.level, DIM.level | DIM.country, DIM.level | DIM.country])
  })

  it('clears a bit when its filter is removed', () => {
    const s1 = spec({ text: 'zzz' })
    const m = updateMask(table, computeMask(table, s1), s1, EMPTY_FILTER)
    expect([...m]).toEqual([0, 0, 0, 0, 0])
  })

  it('toggles levels in one pass, other bits kept, at every table length (whole words and the rows after them)', () => {
    for (const size of [0, 1, 3, 4, 5, 7, 8, 13]) {
      const t = generateSyntheticTable({ size, seed: 7 + size })
      const others = spec({ countries: ['UA', 'RU', 'CN'], categories: ['conflict'] })
      const steps = [{ ...others, levels: [2, 3] }, others, { ...others, levels: [5] }, { ...others, levels: [1, 2, 3, 4, 5] }, others] as FilterSpec[]
      let s = others
      let mask = computeMask(t, s)
      for (const next of steps) {
        const before = [...mask]
        const updated = updateMask(t, mask, s, next)
        expect([...mask]).toEqual(before)
        expect([...updated]).toEqual([...computeMask(t, next)])
        ;[mask, s] = [updated, next]
      }
    }
  })

  it('toggles levels on a mask that does not start on a word boundary', () => {
    const t = generateSyntheticTable({ size: 9, seed: 3 })
    const s1 = spec({ levels: [4, 5], countries: ['UA'] })
    const s2 = spec({ countries: ['UA'] })
    const shifted = new Uint8Array(t.size + 1).subarray(1)
    shifted.set(computeMask(t, s1))
    expect([...updateMask(t, shifted, s1, s2)]).toEqual([...computeMask(t, s2)])
  })
})

function event(id: string, patch: Partial<ThreatEvent>): ThreatEvent {
  return {
    id: id as EventId,
    title: id,
    tags: [],
    sectors: [],
    date: parsePartialDate('2024-01-01')!,
    threatLevel: 2,
    actors: [],
    countries: [],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
    ...patch,
  }
}

describe('region filter on a built table (regions expanded from regions.ts)', () => {
  const dataset: Dataset = {
    schemaVersion: 1,
    name: 'regions',
    regions: [],
    events: [
      event('only-eastern-europe', { regions: ['eastern-europe' as RegionId] }),
      event('russia', { countries: ['RU' as CountryCode] }),
      event('china', { countries: ['CN' as CountryCode] }),
      event('nowhere', {}),
    ],
  }
  const built = buildEventTable(dataset)

  it("'europe' matches an event tagged only 'eastern-europe'", () => {
    expect(matching(built, spec({ regions: ['europe'] }))).toEqual([0, 1])
  })
  it("'eastern-europe' matches an event that only names Russia", () => {
    expect(matching(built, spec({ regions: ['eastern-europe'] }))).toEqual([0, 1])
  })
  it("alias regions: 'east-asia' matches China, not Russia", () => {
    expect(matching(built, spec({ regions: ['east-asia'] }))).toEqual([2])
  })
})

// ---- updateMask against computeMask, and computeMask against a row-by-row reference ----

function pick<T>(random: () => number, values: readonly T[], max: number): T[] {
  const count = 1 + Math.floor(random() * max)
  const out: T[] = []
  for (let i = 0; i < count; i++) out.push(values[Math.floor(random() * values.length)]!)
  return out
}

/** Values of a multi-column taken from random rows, so that a selection usually matches something. */
function pickFromRows(random: () => number, t: EventTable, values: (row: number) => string[], max: number): string[] {
  const out: string[] = []
  for (let i = 0, count = 1 + Math.floor(random() * max); i < count; i++) {
    out.push(...pick(random, values(Math.floor(random() * t.size)), 1))
  }
  return out
}

const TEXTS = ['', 'in', 'Armed', ' CYBER ', 'zzz', 'russia', 'militia']

function randomChange(random: () => number, t: EventTable, s: FilterSpec): FilterSpec {
  const off = random() < 0.4
  switch (Math.floor(random() * 7)) {
    case 0: {
      if (off) return { ...s, timeRange: null }
      const [lo, hi] = t.extentMs
      const a = lo + random() * (hi - lo)
      return { ...s, timeRange: { fromMs: a, toMs: a + random() * 1500 * 86_400_000 } }
    }
    case 1:
      return { ...s, regions: off ? [] : pickFromRows(random, t, (r) => rowRegions(t, r), 3) }
    case 2:
      return { ...s, countries: off ? [] : pickFromRows(random, t, (r) => rowCountries(t, r), 6) }
    case 3:
      return { ...s, actors: off ? [] : pickFromRows(random, t, (r) => rowValues(t.actors, r), 8) }
    case 4:
      return { ...s, levels: off ? [] : pick(random, [1, 2, 3, 4, 5] as ThreatLevel[], 4) }
    case 5:
      return { ...s, categories: off ? [] : pick(random, t.categories.values, 4) }
    default:
      return { ...s, text: TEXTS[Math.floor(random() * TEXTS.length)]! }
  }
}

/** The mask a row should have, worked out row by row with plain strings. */
function referenceMask(t: EventTable, s: FilterSpec, row: number): number {
  let bits = 0
  const any = (selected: readonly string[], have: string[]): boolean =>
    selected.length === 0 || have.some((v) => selected.includes(v))
  if (s.timeRange && !(t.startMs[row]! < s.timeRange.toMs && t.endMs[row]! > s.timeRange.fromMs)) bits |= DIM.time
  if (!any(s.regions, rowRegions(t, row))) bits |= DIM.region
  if (!any(s.countries, rowCountries(t, row))) bits |= DIM.country
  if (!any(s.actors, rowValues(t.actors, row))) bits |= DIM.actor
  if (s.levels.length > 0 && !s.levels.includes(t.level[row] as ThreatLevel)) bits |= DIM.level
  if (!any(s.categories, [t.categories.values[t.category[row]!]!])) bits |= DIM.category
  const needle = s.text.trim().toLowerCase()
  if (needle !== '') {
    const hay = [titleAt(t, row), t.categories.values[t.category[row]!]!, ...rowValues(t.actors, row)]
    if (!hay.some((h) => h.toLowerCase().includes(needle))) bits |= DIM.text
  }
  return bits
}

describe('updateMask over random spec changes on a synthetic table', () => {
  const synthetic = generateSyntheticTable({ size: 2000, seed: 7 })

  it('gives exactly computeMask after every step of a seeded walk', () => {
    const random = mulberry32(20251104)
    let s = EMPTY_FILTER
    let mask = computeMask(synthetic, s)
    let nonTrivial = 0
    for (let step = 0; step < 300; step++) {
      let next = randomChange(random, synthetic, s)
      if (random() < 0.3) next = randomChange(random, synthetic, next)
      mask = updateMask(synthetic, mask, s, next)
      s = next
      const fresh = computeMask(synthetic, s)
      if (!fresh.every((m, row) => mask[row] === m)) expect(mask, `step ${step}`).toEqual(fresh)
      const matched = fresh.reduce((n, m) => n + (m === 0 ? 1 : 0), 0)
      if (matched > 0 && matched < synthetic.size) nonTrivial++
    }
    // The walk must actually exercise partial matches, or it would prove little.
    expect(nonTrivial).toBeGreaterThan(60)
  })

  it('computeMask agrees with a row-by-row reference', () => {
    const random = mulberry32(99)
    let s = EMPTY_FILTER
    for (let step = 0; step < 40; step++) {
      s = randomChange(random, synthetic, randomChange(random, synthetic, s))
      const mask = computeMask(synthetic, s)
      for (let row = 0; row < synthetic.size; row++) {
        if (mask[row] !== referenceMask(synthetic, s, row)) {
          expect.fail(`step ${step} row ${row}: ${mask[row]} vs ${referenceMask(synthetic, s, row)} for ${JSON.stringify(s)}`)
        }
      }
    }
  })
})
