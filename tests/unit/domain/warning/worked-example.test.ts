import { describe, expect, it } from 'vitest'
import { benjaminiHochberg } from '../../../../src/domain/warning/fdr.ts'
import { forecastPlace } from '../../../../src/domain/warning/forecast.ts'
import { judgeAcled, judgeStat } from '../../../../src/domain/warning/judge-week.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../../src/domain/warning/settings.ts'

// The worked example of docs/early-warning.md: twelve weeks of history, then a week of 14.
// Reference values from scipy.stats.nbinom with n = 60, p = 60/65.
const HISTORY = [4, 6, 5, 3, 5, 4, 6, 5, 4, 7, 5, 6]
const SERIES = [...HISTORY, 14]

describe('worked example (docs/early-warning.md)', () => {
  it('statistical method: expected 5, p = 0.00122', () => {
    const j = judgeStat(SERIES, 0, 12, DEFAULT_WARNING_SETTINGS)
    if (j.status !== 'judged') throw new Error('judged expected')
    expect(j.observed).toBe(14)
    expect(j.expected).toBeCloseTo(5, 9)
    expect(j.fit).toEqual({ trend: false, seasonal: false, dispersion: 1, weeks: 12 })
    // Predictive variance 5 + 25/60: a negative binomial of size 60; P(Y ≥ 14).
    expect(j.p).toBeCloseTo(0.0012224001945334024, 9)
  })

  it('Benjamini–Hochberg across three places', () => {
    const adjusted = benjaminiHochberg([0.0012224, 0.03, 0.4])
    expect(adjusted[0]).toBeCloseTo(0.0036672, 9)
    expect(adjusted[1]).toBeCloseTo(0.045, 9)
    expect(adjusted[2]).toBeCloseTo(0.4, 9)
    // Sorted 0.01, 0.03, 0.04, 0.5: 0.01 × 4, min(0.03 × 4/2, 0.04 × 4/3) twice, 0.5.
    const four = benjaminiHochberg([0.01, 0.04, 0.03, 0.5])
    ;[0.04, 0.16 / 3, 0.16 / 3, 0.5].forEach((v, i) => expect(four[i]).toBeCloseTo(v, 12))
  })

  it('ACLED-style rule: 14 against averages of 5.5 and 5', () => {
    const j = judgeAcled(SERIES, 0, 12, DEFAULT_WARNING_SETTINGS)
    if (j.status !== 'judged') throw new Error('judged expected')
    // Last 4 weeks: (4 + 7 + 5 + 6) / 4 = 5.5; all 12 (less than a year): 60 / 12 = 5.
    expect(j.average4).toBe(5.5)
    expect(j.average52).toBe(5)
    expect(j.expected).toBe(5.5)
    expect(j.fired).toBe(true)
    expect(judgeAcled([...HISTORY, 11], 0, 12, DEFAULT_WARNING_SETTINGS)).toMatchObject({ fired: false })
  })

  it('expected band for the next weeks: 5, from 2.61 to 8.63', () => {
    const forecast = forecastPlace(HISTORY, 0, 11, 4, DEFAULT_WARNING_SETTINGS)
    if (forecast.status !== 'forecast') throw new Error('forecast expected')
    expect(forecast.weeks.map((w) => w.week)).toEqual([12, 13, 14, 15])
    for (const w of forecast.weeks) {
      expect(w.expected).toBeCloseTo(5, 9)
      expect(w.lo80).toBeCloseTo(2.606445291250199, 8)
      expect(w.hi80).toBeCloseTo(8.633722794299997, 8)
    }
  })

  it('too little history says so', () => {
    expect(judgeStat(SERIES, 0, 5, DEFAULT_WARNING_SETTINGS)).toEqual({ status: 'too-little-history', observed: 4, historyWeeks: 5 })
    expect(judgeAcled(SERIES, 0, 3, DEFAULT_WARNING_SETTINGS).status).toBe('too-little-history')
    expect(forecastPlace(HISTORY.slice(0, 4), 0, 3, 4, DEFAULT_WARNING_SETTINGS)).toEqual({ status: 'too-little-history', historyWeeks: 4 })
  })
})
