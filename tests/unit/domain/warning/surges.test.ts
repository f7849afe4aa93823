import { describe, expect, it } from 'vitest'
import { DEFAULT_WARNING_SETTINGS } from '../../../../src/domain/warning/settings.ts'
import { detectSurges } from '../../../../src/domain/warning/surges.ts'
import type { WeeklyCounts } from '../../../../src/domain/warning/weekly-counts.ts'

const WEEKS = 30
const FIRST = 2800

/** Counts of places over 30 weeks from week 2800; `series` gives each place's weeks. */
function counts(series: Record<string, number[]>): WeeklyCounts {
  const places = Object.keys(series)
  const data = new Float64Array(places.length * WEEKS)
  places.forEach((p, i) => data.set(series[p]!, i * WEEKS))
  return { kind: 'country', firstWeek: FIRST, weeks: WEEKS, places, counts: data, weighted: data.map((v) => v * 2) }
}

const calm = Array.from({ length: WEEKS }, (_, i) => 5 + (i % 3) - 1)
// Calm, then three weeks well above it.
const rising = [...calm.slice(0, 27), 20, 25, 30]
// Nothing until week 25 of 30: five weeks of history.
const young = [...new Array(25).fill(0), 3, 2, 4, 9, 12]
const none = new Array(WEEKS).fill(0)

describe('surge detection across places', () => {
  const report = detectSurges(counts({ FR: calm, UA: rising, SD: young, AQ: none }), FIRST + WEEKS - 1, DEFAULT_WARNING_SETTINGS)

  it('flags the place whose week stands out, with when its surge began', () => {
    // Strongest first: UA's 30 against about 5 beats SD's 12 against next to nothing.
    expect(report.surges.map((s) => s.place)).toEqual(['UA', 'SD'])
    const ua = report.surges[0]!
    expect(ua.sinceWeek).toBe(FIRST + 27)
    expect(ua.adjustedP).toBeLessThanOrEqual(DEFAULT_WARNING_SETTINGS.falseDiscoveryRate)
    expect(ua.judgement).toMatchObject({ status: 'judged', observed: 30 })
  })

  it('judges a quiet place as normal and leaves out a place with no events', () => {
    expect(report.verdicts.map((v) => v.place)).toEqual(['FR', 'UA', 'SD'])
    expect(report.verdicts[0]).toMatchObject({ place: 'FR', surge: false })
  })

  it('judges every week of data as history, so a new place has years of quiet weeks', () => {
    // SD's events start late, but the data's weeks before them are its (quiet) history.
    expect(report.verdicts[2]).toMatchObject({ place: 'SD', surge: true })
    expect(report.tooLittleHistory).toBe(0)
  })

  it('says "too little history" instead of flagging when the data is young', () => {
    const early = detectSurges(counts({ UA: rising }), FIRST + 5, DEFAULT_WARNING_SETTINGS)
    expect(early.surges).toEqual([])
    expect(early.tooLittleHistory).toBe(1)
    expect(early.verdicts[0]!.judgement).toEqual({ status: 'too-little-history', observed: calm[5], historyWeeks: 5 })
  })

  it('applies the ACLED-style rule with its threshold as a setting', () => {
    const acled = detectSurges(counts({ FR: calm, UA: rising }), FIRST + 27, { ...DEFAULT_WARNING_SETTINGS, method: 'acled' })
    // 20 against averages of 5 (4 weeks) and 5 (27 weeks): over twice both.
    expect(acled.surges.map((s) => s.place)).toEqual(['UA'])
    const strict = detectSurges(counts({ FR: calm, UA: rising }), FIRST + 27, { ...DEFAULT_WARNING_SETTINGS, method: 'acled', acledRatio: 4.5 })
    expect(strict.surges).toEqual([])
  })

  it('works on severity-weighted counts', () => {
    const weighted = detectSurges(counts({ FR: calm, UA: rising }), FIRST + 29, { ...DEFAULT_WARNING_SETTINGS, measure: 'weighted' })
    expect(weighted.surges.map((s) => s.place)).toEqual(['UA'])
    expect(weighted.surges[0]!.judgement.observed).toBe(60)
  })
})
