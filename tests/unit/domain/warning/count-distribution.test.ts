import { describe, expect, it } from 'vitest'
import { countCdf, countPmf, countQuantile, upperTail } from '../../../../src/domain/warning/count-distribution.ts'

// Reference values from scipy.stats (poisson, nbinom) and by hand where noted.
const poisson2 = { mean: 2, variance: 2 }
// Negative binomial with mean 2 and variance 4: size r = 4 / 2 = 2, p = r / (r + mean) = 1/2,
// P(Y = k) = (k + 1) / 2^(k + 2).
const negBin = { mean: 2, variance: 4 }

describe('count distribution', () => {
  it('gives Poisson probabilities when the variance equals the mean', () => {
    expect(countPmf(poisson2, 2)).toBeCloseTo(2 * Math.exp(-2), 12)
    // P(Y ≥ 3) = 1 − e^−2 (1 + 2 + 2)
    expect(upperTail(poisson2, 3)).toBeCloseTo(1 - 5 * Math.exp(-2), 12)
    expect(countCdf(poisson2, 3)).toBeCloseTo(0.857123460498547, 10)
  })

  it('gives negative binomial probabilities when the variance is above the mean', () => {
    expect(countPmf(negBin, 3)).toBeCloseTo(4 / 32, 12)
    // P(Y ≥ 3) = 1 − (1/4 + 2/8 + 3/16) = 0.3125
    expect(upperTail(negBin, 3)).toBeCloseTo(0.3125, 12)
  })

  it('reads a fractional count between its whole neighbours', () => {
    // P(Y ≥ 3) + P(Y = 2) × (1 − 0.5)
    expect(upperTail(poisson2, 2.5)).toBeCloseTo(0.458658867053549, 10)
    expect(upperTail(poisson2, 0)).toBe(1)
  })

  it('keeps tiny tail probabilities accurate', () => {
    // scipy.stats.poisson.sf(29, 2)
    expect(upperTail(poisson2, 30)).toBeCloseTo(0, 20)
    expect(upperTail(poisson2, 30) / 5.855318609378621e-25).toBeCloseTo(1, 6)
  })

  it('gives quantiles on the continuous scale', () => {
    // F(0) = e^−2 ≥ 0.1, so the 10 % quantile is 0.1 / P(Y = 0) = 0.1 e^2
    expect(countQuantile(poisson2, 0.1)).toBeCloseTo(0.1 * Math.exp(2), 10)
    // F(3) = 0.857123 < 0.9 ≤ F(4): 4 + (0.9 − F(3)) / P(Y = 4)
    expect(countQuantile(poisson2, 0.9)).toBeCloseTo(4.475225733556378, 9)
    for (const q of [0.05, 0.3, 0.5, 0.77, 0.95]) {
      const v = countQuantile(negBin, q)
      const k = Math.floor(v)
      expect(countCdf(negBin, k - 1) + countPmf(negBin, k) * (v - k)).toBeCloseTo(q, 9)
    }
  })

  it('handles large means without underflow', () => {
    const big = { mean: 10_000, variance: 10_000 }
    expect(countQuantile(big, 0.5)).toBeGreaterThan(9_990)
    expect(countQuantile(big, 0.5)).toBeLessThan(10_010)
    // scipy.stats.poisson.sf(10399, 10000)
    expect(upperTail(big, 10_400) / 3.586263819097981e-5).toBeCloseTo(1, 4)
  })
})
