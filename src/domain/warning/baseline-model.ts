import type { CountDistribution } from './count-distribution.ts'
import { invert, quadraticForm } from './linear-algebra.ts'
import { DEFAULT_BASELINE_SETTINGS, type BaselineSettings } from './settings.ts'

/**
 * The baseline: a log-linear model of a place's weekly counts over the weeks before the one
 * being judged, after the improved Farrington algorithm of Noufaily et al. (2013), "An improved
 * algorithm for outbreak detection in multiple surveillance systems", Statistics in Medicine
 * 32: a quasi-Poisson regression (Poisson mean, variance φ × mean, φ ≥ 1 estimated from the
 * data) fitted by iteratively reweighted least squares, with
 *   - a linear time trend only when the history is long enough, the trend is significant
 *     (|z| > 1.96) and it does not predict beyond the largest count seen;
 *   - a yearly cycle (one sine–cosine pair) only with two years of history and when significant
 *     (Wald χ² on 2 degrees of freedom > 5.99);
 *   - past surges down-weighted: weeks whose Anscombe residual exceeds 2.58 get weight
 *     ∝ residual⁻², so an earlier crisis does not raise the baseline.
 * The prediction for a week combines the over-dispersion and the uncertainty of the fit:
 * variance = φ μ + μ² Var(η̂), read as a negative binomial.
 */

/** Mean weeks per year, for the yearly cycle. */
const WEEKS_PER_YEAR = 365.2425 / 7
const Z_TREND = 1.96
const CHI2_2DF_95 = 5.991
const ANSCOMBE_CUTOFF = 2.58
const MAX_ITERATIONS = 30

export interface BaselineFit {
  /** Weeks the baseline was fitted on. */
  readonly weeks: number
  readonly trend: boolean
  readonly seasonal: boolean
  /** φ: variance over mean, at least 1. */
  readonly dispersion: number
  /** Events in the baseline weeks. */
  readonly total: number
  /** The predictive distribution of the count in an absolute week (see `weeks.ts`). */
  predict(week: number): CountDistribution
}

interface Terms {
  readonly trend: boolean
  readonly seasonal: boolean
}

interface Fitted {
  readonly beta: Float64Array
  readonly covariance: Float64Array
  readonly dispersion: number
  readonly p: number
}

function covariates(week: number, lastWeek: number, terms: Terms, out: Float64Array): void {
  let i = 0
  out[i++] = 1
  if (terms.trend) out[i++] = (week - lastWeek) / WEEKS_PER_YEAR
  if (terms.seasonal) {
    const angle = (2 * Math.PI * week) / WEEKS_PER_YEAR
    out[i++] = Math.sin(angle)
    out[i++] = Math.cos(angle)
  }
}

/**
 * Quasi-Poisson IRLS with prior weights `omega`; null when it does not converge to finite
 * values (a trend on a series that dies out, for instance).
 */
function irls(y: ArrayLike<number>, firstWeek: number, terms: Terms, omega: Float64Array, outlier?: Uint8Array): Fitted | null {
  const n = y.length
  const p = 1 + (terms.trend ? 1 : 0) + (terms.seasonal ? 2 : 0)
  const lastWeek = firstWeek + n - 1
  const x = new Float64Array(n * p)
  const row = new Float64Array(p)
  let mean = 0
  for (let i = 0; i < n; i++) {
    covariates(firstWeek + i, lastWeek, terms, row)
    x.set(row, i * p)
    mean += y[i]!
  }
  mean /= n
  const beta = new Float64Array(p)
  beta[0] = Math.log(mean)
  let xtwxInverse: Float64Array | null = null
  const mu = new Float64Array(n)
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const xtwx = new Float64Array(p * p)
    const xtwz = new Float64Array(p)
    for (let i = 0; i < n; i++) {
      let eta = 0
      for (let a = 0; a < p; a++) eta += x[i * p + a]! * beta[a]!
      const m = Math.exp(eta)
      mu[i] = m
      const w = omega[i]! * m
      const z = eta + (y[i]! - m) / m
      for (let a = 0; a < p; a++) {
        xtwz[a]! += w * x[i * p + a]! * z
        for (let b = 0; b < p; b++) xtwx[a * p + b]! += w * x[i * p + a]! * x[i * p + b]!
      }
    }
    xtwxInverse = invert(xtwx, p)
    if (xtwxInverse === null) return null
    let change = 0
    for (let a = 0; a < p; a++) {
      let next = 0
      for (let b = 0; b < p; b++) next += xtwxInverse[a * p + b]! * xtwz[b]!
      if (!Number.isFinite(next)) return null
      change = Math.max(change, Math.abs(next - beta[a]!))
      beta[a] = next
    }
    if (change < 1e-8) break
    if (iteration === MAX_ITERATIONS - 1) return null
  }
  // The dispersion from the weeks that are not outliers: a down-weighted crisis week still has a
  // Pearson residual large enough to swamp the estimate.
  let pearson = 0
  let inliers = 0
  for (let i = 0; i < n; i++) {
    let eta = 0
    for (let a = 0; a < p; a++) eta += x[i * p + a]! * beta[a]!
    const m = Math.exp(eta)
    mu[i] = m
    if (outlier !== undefined && outlier[i] === 1) continue
    pearson += (y[i]! - m) ** 2 / m
    inliers++
  }
  const dispersion = Math.max(1, inliers > p ? pearson / (inliers - p) : 1)
  // The final IRLS matrix was built at the previous β; refresh it at the fitted means.
  const xtwx = new Float64Array(p * p)
  for (let i = 0; i < n; i++) {
    const w = omega[i]! * mu[i]!
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) xtwx[a * p + b]! += w * x[i * p + a]! * x[i * p + b]!
  }
  xtwxInverse = invert(xtwx, p)
  if (xtwxInverse === null) return null
  const covariance = xtwxInverse.map((v) => v * dispersion)
  return { beta, covariance, dispersion, p }
}

const CHI2_1DF_MEDIAN = 0.4549

function robustDispersion(y: ArrayLike<number>, firstWeek: number, terms: Terms, fitted: Fitted): number {
  const n = y.length
  const lastWeek = firstWeek + n - 1
  const row = new Float64Array(fitted.p)
  const squares = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    covariates(firstWeek + i, lastWeek, terms, row)
    let eta = 0
    for (let a = 0; a < fitted.p; a++) eta += row[a]! * fitted.beta[a]!
    const m = Math.exp(eta)
    squares[i] = (y[i]! - m) ** 2 / m
  }
  squares.sort()
  const median = n % 2 === 1 ? squares[(n - 1) / 2]! : (squares[n / 2 - 1]! + squares[n / 2]!) / 2
  return Math.max(1, median / CHI2_1DF_MEDIAN)
}

/** Rounds of down-weighting: each refit's smaller dispersion can expose further outlying weeks. */
const REWEIGHT_ROUNDS = 4

/**
 * Fits, then refits with past surges down-weighted (Anscombe residuals above 2.58 get weight
 * ∝ residual⁻², the weights rescaled to sum to the number of weeks), a few rounds, so that a
 * crisis in the baseline neither raises the mean nor inflates the dispersion.
 */
function fitRobust(y: ArrayLike<number>, firstWeek: number, terms: Terms): Fitted | null {
  const n = y.length
  let fitted = irls(y, firstWeek, terms, new Float64Array(n).fill(1))
  if (fitted === null) return null
  const lastWeek = firstWeek + n - 1
  const row = new Float64Array(fitted.p)
  let outliers = 0
  // The first fit's dispersion is inflated by the very weeks to be found; screen them first
  // with a robust one (median squared Pearson residual over the χ²₁ median, 0.455).
  let screenDispersion = Math.min(fitted.dispersion, robustDispersion(y, firstWeek, terms, fitted))
  for (let round = 0; round < REWEIGHT_ROUNDS; round++) {
    const omega = new Float64Array(n).fill(1)
    const outlier = new Uint8Array(n)
    let found = 0
    for (let i = 0; i < n; i++) {
      covariates(firstWeek + i, lastWeek, terms, row)
      let eta = 0
      for (let a = 0; a < fitted.p; a++) eta += row[a]! * fitted.beta[a]!
      const m = Math.exp(eta)
      const s = (1.5 * (Math.cbrt(y[i]! * y[i]!) * m ** (-1 / 6) - Math.sqrt(m))) / Math.sqrt(screenDispersion)
      if (s > ANSCOMBE_CUTOFF) {
        omega[i] = 1 / (s * s)
        outlier[i] = 1
        found++
      }
    }
    if (found === outliers && round > 0) break
    outliers = found
    if (found === 0) break
    let sum = 0
    for (let i = 0; i < n; i++) sum += omega[i]!
    for (let i = 0; i < n; i++) omega[i]! *= n / sum
    fitted = irls(y, firstWeek, terms, omega, outlier) ?? fitted
    screenDispersion = fitted.dispersion
  }
  return fitted
}

function makeFit(y: ArrayLike<number>, firstWeek: number, terms: Terms, fitted: Fitted, total: number): BaselineFit {
  const lastWeek = firstWeek + y.length - 1
  const row = new Float64Array(fitted.p)
  return {
    weeks: y.length,
    trend: terms.trend,
    seasonal: terms.seasonal,
    dispersion: fitted.dispersion,
    total,
    predict(week: number): CountDistribution {
      covariates(week, lastWeek, terms, row)
      let eta = 0
      for (let a = 0; a < fitted.p; a++) eta += row[a]! * fitted.beta[a]!
      const mean = Math.exp(eta)
      const etaVariance = quadraticForm(fitted.covariance, row, fitted.p)
      return { mean, variance: fitted.dispersion * mean + mean * mean * etaVariance }
    },
  }
}

/**
 * A baseline with no events in it: the mean is half an event spread over its weeks (so one
 * event is unusual and several are very unusual), Poisson.
 */
function emptyFit(weeks: number): BaselineFit {
  const mean = 0.5 / weeks
  return { weeks, trend: false, seasonal: false, dispersion: 1, total: 0, predict: () => ({ mean, variance: mean }) }
}

/**
 * Fits the baseline to `y`, the counts of weeks `firstWeek … firstWeek + y.length − 1`, and
 * chooses its terms (see the module comment). `judgedWeek` is the first week the fit will
 * predict (the trend's range check is made there). `y` must hold at least one week; it is not
 * modified.
 */
export function fitBaseline(
  y: ArrayLike<number>,
  firstWeek: number,
  judgedWeek: number,
  settings: BaselineSettings = DEFAULT_BASELINE_SETTINGS,
): BaselineFit {
  const n = y.length
  let total = 0
  let largest = 0
  for (let i = 0; i < n; i++) {
    total += y[i]!
    largest = Math.max(largest, y[i]!)
  }
  if (!(total > 0)) return emptyFit(n)
  const rich = total >= settings.termMinEvents
  let terms: Terms = { trend: rich && n >= settings.trendMinWeeks, seasonal: rich && n >= settings.seasonMinWeeks }
  let fitted = fitRobust(y, firstWeek, terms)
  if (fitted !== null && terms.seasonal) {
    const s = terms.trend ? 2 : 1
    const p = fitted.p
    const block = new Float64Array([
      fitted.covariance[s * p + s]!,
      fitted.covariance[s * p + s + 1]!,
      fitted.covariance[(s + 1) * p + s]!,
      fitted.covariance[(s + 1) * p + s + 1]!,
    ])
    const blockInverse = invert(block, 2)
    const wald = blockInverse === null ? 0 : quadraticForm(blockInverse, [fitted.beta[s]!, fitted.beta[s + 1]!], 2)
    if (!(wald > CHI2_2DF_95)) fitted = null
  }
  if (fitted === null && terms.seasonal) {
    terms = { ...terms, seasonal: false }
    fitted = fitRobust(y, firstWeek, terms)
  }
  if (fitted !== null && terms.trend) {
    const z = fitted.beta[1]! / Math.sqrt(fitted.covariance[fitted.p + 1]!)
    const predicted = makeFit(y, firstWeek, terms, fitted, total).predict(judgedWeek).mean
    if (!(Math.abs(z) > Z_TREND) || predicted > largest) fitted = null
  }
  if (fitted === null && terms.trend) {
    terms = { ...terms, trend: false }
    fitted = fitRobust(y, firstWeek, terms)
  }
  if (fitted === null && terms.seasonal) {
    terms = { trend: false, seasonal: false }
    fitted = fitRobust(y, firstWeek, terms)
  }
  // An intercept-only fit always converges when the total is positive; keep a guard all the same.
  if (fitted === null) return emptyFit(n)
  return makeFit(y, firstWeek, terms, fitted, total)
}
