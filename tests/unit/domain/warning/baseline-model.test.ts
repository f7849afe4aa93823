import { describe, expect, it } from 'vitest'
import { fitBaseline } from '../../../../src/domain/warning/baseline-model.ts'

describe('baseline model', () => {
  it('fits a flat history with its mean and the uncertainty of that mean', () => {
    const fit = fitBaseline(new Array(20).fill(5), 100, 120)
    expect(fit.trend).toBe(false)
    expect(fit.seasonal).toBe(false)
    expect(fit.dispersion).toBe(1)
    const d = fit.predict(120)
    expect(d.mean).toBeCloseTo(5, 9)
    // φ μ + μ² Var(η̂), Var(η̂) = φ / Σμ = 1 / 100
    expect(d.variance).toBeCloseTo(5 + 25 / 100, 9)
  })

  it('down-weights a past crisis so it does not raise the baseline', () => {
    const y = [5, 4, 6, 5, 5, 4, 6, 60, 70, 5, 5, 4, 6, 5, 6, 4, 5, 5, 6, 4]
    const fit = fitBaseline(y, 0, 20)
    expect(fit.predict(20).mean).toBeGreaterThan(4.5)
    expect(fit.predict(20).mean).toBeLessThan(6)
    // The plain mean would be 11.25; its dispersion far above 1.
    expect(fit.dispersion).toBeLessThan(1.5)
  })

  it('estimates over-dispersion', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 2 : 18))
    const fit = fitBaseline(y, 0, 40)
    // Pearson χ² / (n − 1) = 40 × 64 / 10 / 39
    expect(fit.dispersion).toBeCloseTo((40 * 64) / 10 / 39, 6)
    expect(fit.predict(40).mean).toBeCloseTo(10, 6)
  })

  it('keeps a clear trend when the history is long enough, never predicting past the largest week', () => {
    const y = Array.from({ length: 52 }, (_, i) => Math.round(5 * Math.exp((0.7 * i) / 52)) + (i % 2 === 0 ? -2 : 2))
    const fit = fitBaseline(y, 0, 52)
    expect(fit.trend).toBe(true)
    expect(fit.predict(52).mean).toBeGreaterThan(9)
    expect(fit.predict(52).mean).toBeLessThanOrEqual(Math.max(...y))
    // Without the noise the prediction would pass the largest week (10): the trend is dropped.
    const smooth = y.map((v, i) => v - (i % 2 === 0 ? -2 : 2))
    expect(fitBaseline(smooth, 0, 52).trend).toBe(false)
    // The same rise over 20 weeks is too little history for a trend.
    expect(fitBaseline(y.slice(32), 32, 52).trend).toBe(false)
  })

  it('keeps a yearly cycle with two years of history', () => {
    const y = Array.from({ length: 156 }, (_, i) => Math.round(20 + 12 * Math.sin((2 * Math.PI * i * 7) / 365.2425)))
    const fit = fitBaseline(y, 0, 156)
    expect(fit.seasonal).toBe(true)
    // A quarter of a year on: near the top of the cycle.
    const top = Math.round(365.2425 / 7 / 4) + 156
    expect(fit.predict(top).mean).toBeGreaterThan(28)
  })

  it('gives an empty history half an event spread over its weeks', () => {
    const fit = fitBaseline(new Array(10).fill(0), 0, 10)
    expect(fit.predict(10)).toEqual({ mean: 0.05, variance: 0.05 })
    expect(fit.total).toBe(0)
  })
})
