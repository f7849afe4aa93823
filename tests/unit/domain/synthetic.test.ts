import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { parsePartialDate } from '../../../src/domain/dates.ts'
import { PRECISION_CODES, rowValues, rowCountries, rowRegions, titleAt } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'
import { stringCount } from '../../../src/domain/string-column.ts'
import { SYNTHETIC_CATEGORIES, generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { mulberry32 } from '../../../src/domain/synthetic-random.ts'

const SIZE = 2000
const a = generateSyntheticTable({ size: SIZE, seed: 42 })

function columns(t: EventTable): unknown[] {
  return [
    t.size,
    t.startMs,
    t.endMs,
    t.precision,
    t.level,
    t.latDeg,
    t.lonDeg,
    t.approximate,
    t.category,
    t.categories.values,
    t.place,
    t.places.countries.offsets,
    t.places.countries.values,
    t.places.countries.dict.values,
    t.places.regions.offsets,
    t.places.regions.values,
    t.places.regions.dict.values,
    t.actors.offsets,
    t.actors.values,
    t.actors.dict.values,
    t.titles,
    t.sourceRow,
    t.extentMs,
  ]
}

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const r1 = mulberry32(1)
    const r2 = mulberry32(1)
    const xs = Array.from({ length: 1000 }, () => r1())
    expect(Array.from({ length: 1000 }, () => r2())).toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(xs).size).toBeGreaterThan(990)
    expect(mulberry32(2)()).not.toBe(mulberry32(1)())
  })
})

describe('generateSyntheticTable', () => {
  it('same seed, identical columns', () => {
    const b = generateSyntheticTable({ size: SIZE, seed: 42 })
    expect(columns(b)).toEqual(columns(a))
  })

  it('different seed, different columns', () => {
    const c = generateSyntheticTable({ size: SIZE, seed: 43 })
    expect(c.startMs).not.toEqual(a.startMs)
    expect(c.level).not.toEqual(a.level)
    expect(c.titles).not.toEqual(a.titles)
  })

  it('honours the size, including 0 and 1', () => {
    for (const size of [0, 1, 17, SIZE]) {
      const t = size === SIZE ? a : generateSyntheticTable({ size, seed: 5 })
      expect(t.size).toBe(size)
      for (const col of [t.startMs, t.endMs, t.precision, t.level, t.latDeg, t.lonDeg, t.approximate, t.category, t.sourceRow ?? new Uint32Array(size)]) {
        expect(col.length).toBe(size)
      }
      expect(stringCount(t.titles)).toBe(size)
      expect(t.place.length).toBe(size)
      expect(t.actors.offsets.length).toBe(size + 1)
    }
  })

  it('levels are 1–5 and skewed: level 1 far more common than level 5', () => {
    const byLevel = [0, 0, 0, 0, 0, 0]
    for (const l of a.level) byLevel[l]!++
    expect(byLevel[0]).toBe(0)
    expect(byLevel.reduce((s, n) => s + n, 0)).toBe(SIZE)
    // Expected shares (35 % of rows in bursts, levels boosted by 0.25): L1 ≈ 27 %, L5 ≈ 13 %.
    expect(byLevel[1]!).toBeGreaterThan(1.5 * byLevel[5]!)
    expect(byLevel[1]! + byLevel[2]!).toBeGreaterThan(SIZE / 2)
    expect(byLevel[5]!).toBeLessThan(SIZE / 5)
    expect(byLevel[5]!).toBeGreaterThan(0)
  })

  it('dates lie within the ten years 2016–2025', () => {
    const lo = Date.UTC(2016, 0, 1)
    const hi = Date.UTC(2026, 0, 1)
    for (let r = 0; r < a.size; r++) {
      expect(a.startMs[r]).toBeGreaterThanOrEqual(lo)
      expect(a.endMs[r]).toBeLessThanOrEqual(hi)
      expect(a.endMs[r]).toBeGreaterThan(a.startMs[r]!)
    }
    expect(a.extentMs[0]).toBeGreaterThanOrEqual(lo)
    expect(a.extentMs[1]).toBeLessThanOrEqual(hi)
  })

  it('has a few month- and year-precision rows, whose spans are whole months and years', () => {
    let years = 0
    let months = 0
    for (let r = 0; r < a.size; r++) {
      const p = PRECISION_CODES[a.precision[r]!]
      const start = new Date(a.startMs[r]!)
      if (p === 'year') {
        years++
        expect([start.getUTCMonth(), start.getUTCDate()]).toEqual([0, 1])
        expect(a.endMs[r]).toBe(Date.UTC(start.getUTCFullYear() + 1, 0, 1))
      } else if (p === 'month') {
        months++
        expect(start.getUTCDate()).toBe(1)
        expect(a.endMs[r]).toBe(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
      } else {
        expect(p).toBe('day')
        expect(a.endMs[r]! - a.startMs[r]!).toBe(86_400_000)
      }
    }
    // 1 % years and 2 % months expected: 20 and 40 of 2,000.
    expect(years).toBeGreaterThan(5)
    expect(years).toBeLessThan(50)
    expect(months).toBeGreaterThan(15)
    expect(months).toBeLessThan(80)
  })

  it('every row has a country, at least one region, an actor and a category', () => {
    for (let r = 0; r < a.size; r++) {
      expect(rowCountries(a, r)).toHaveLength(1)
      expect(rowRegions(a, r).length).toBeGreaterThanOrEqual(1)
      expect(a.actors.offsets[r + 1]! - a.actors.offsets[r]!).toBeGreaterThanOrEqual(1)
      expect(a.category[r]).toBeGreaterThanOrEqual(1)
      expect(a.category[r]).toBeLessThanOrEqual(SYNTHETIC_CATEGORIES.length)
    }
  })

  it('rows are stored newest first, each mapped to its generated row once', () => {
    for (let i = 1; i < a.size; i++) expect(a.startMs[i - 1]!).toBeGreaterThanOrEqual(a.startMs[i]!)
    expect(a.sourceRow).not.toBeNull()
    expect(new Set(a.sourceRow).size).toBe(a.size)
  })
})

describe('generateSyntheticTable: eventAt', () => {
  it('gives an event that agrees with its row', () => {
    for (const row of [0, 1, 7, 500, SIZE - 1]) {
      const e = a.eventAt(row)
      expect(e.id).toBe(`synthetic-${a.sourceRow![row]}`)
      expect(e.title).toBe(titleAt(a, row))
      expect(e.threatLevel).toBe(a.level[row])
      expect(e.category).toBe(a.categories.values[a.category[row]!])
      expect(e.date.startMs).toBe(a.startMs[row])
      expect(e.date.endMs).toBe(a.endMs[row])
      expect(e.date.precision).toBe(PRECISION_CODES[a.precision[row]!])
      // The date text reads back as the same date.
      expect(parsePartialDate(e.date.text)).toEqual(e.date)
      expect(e.countries).toEqual(rowCountries(a, row))
      expect(e.actors.map((x) => x.name)).toEqual(rowValues(a.actors, row))
      expect(e.regions.length).toBeGreaterThan(0)
      for (const r of e.regions) expect(rowRegions(a, row)).toContain(r)
      if (a.approximate[row]) expect(e.location).toBeUndefined()
      else expect(e.location).toEqual({ latDeg: a.latDeg[row], lonDeg: a.lonDeg[row] })
    }
  })

  it('rebuilding a table from eventAt() gives the same columns', () => {
    const small = generateSyntheticTable({ size: 300, seed: 9 })
    const events = Array.from({ length: small.size }, (_, r) => small.eventAt(r))
    const rebuilt = buildEventTable({ schemaVersion: 1, name: 'rebuilt', regions: [], events })
    expect(rebuilt.startMs).toEqual(small.startMs)
    expect(rebuilt.endMs).toEqual(small.endMs)
    expect(rebuilt.precision).toEqual(small.precision)
    expect(rebuilt.level).toEqual(small.level)
    expect(rebuilt.latDeg).toEqual(small.latDeg)
    expect(rebuilt.lonDeg).toEqual(small.lonDeg)
    expect(rebuilt.approximate).toEqual(small.approximate)
    expect(rebuilt.titles).toEqual(small.titles)
    // The events came newest first, so the rebuilt table keeps their order.
    expect(rebuilt.sourceRow).toBeNull()
    for (let r = 0; r < small.size; r++) {
      expect(rowCountries(rebuilt, r)).toEqual(rowCountries(small, r))
      expect(rowRegions(rebuilt, r).sort()).toEqual(rowRegions(small, r).sort())
      expect(rowValues(rebuilt.actors, r)).toEqual(rowValues(small.actors, r))
      expect(rebuilt.categories.values[rebuilt.category[r]!]).toBe(small.categories.values[small.category[r]!])
    }
  })
})
