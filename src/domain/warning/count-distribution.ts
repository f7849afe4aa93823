import { betaI, gammaP, gammaQ, logGamma } from './special-functions.ts'

/**
 * The predictive distribution of a weekly count: Poisson when the variance equals the mean,
 * else negative binomial with that mean and variance (size r = mean² / (variance − mean)), which
 * is how over-dispersion (variance above the mean) is allowed for.
 *
 * Weekly counts here are not always whole (imprecise dates are spread over their days), so the
 * distribution is read on a continuous scale: the count Y plus a uniform U on [0, 1), the
 * randomised probability integral transform of Czado, Gneiting & Held (2009), "Predictive model
 * assessment for count data", Biometrics 65. For a whole y the upper tail is the usual
 * P(Y ≥ y); between whole numbers it moves linearly.
 */
export interface CountDistribution {
  readonly mean: number
  readonly variance: number
}

/** Relative excess of the variance over the mean below which the distribution is read as Poisson. */
const POISSON_TOLERANCE = 1e-6

function nbSize(d: CountDistribution): number | null {
  return d.variance > d.mean * (1 + POISSON_TOLERANCE) ? (d.mean * d.mean) / (d.variance - d.mean) : null
}

/** P(Y = k) for a whole k ≥ 0. */
export function countPmf(d: CountDistribution, k: number): number {
  if (k < 0) return 0
  const mu = d.mean
  if (mu <= 0) return k === 0 ? 1 : 0
  const r = nbSize(d)
  if (r === null) return Math.exp(k * Math.log(mu) - mu - logGamma(k + 1))
  const p = r / (r + mu)
  return Math.exp(logGamma(k + r) - logGamma(r) - logGamma(k + 1) + r * Math.log(p) + k * Math.log(1 - p))
}

/** P(Y > k) for a whole k (1 for k < 0). */
export function countSurvival(d: CountDistribution, k: number): number {
  if (k < 0) return 1
  const mu = d.mean
  if (mu <= 0) return 0
  const r = nbSize(d)
  // Poisson: P(Y ≤ k) = Q(k + 1, μ); negative binomial: P(Y ≤ k) = I_p(r, k + 1).
  if (r === null) return gammaP(k + 1, mu)
  return betaI(mu / (r + mu), k + 1, r)
}

/** P(Y ≤ k) for a whole k. */
export function countCdf(d: CountDistribution, k: number): number {
  if (k < 0) return 0
  const mu = d.mean
  if (mu <= 0) return 1
  const r = nbSize(d)
  if (r === null) return gammaQ(k + 1, mu)
  return 1 - countSurvival(d, k)
}

/**
 * The upper-tail p-value of an observed count y ≥ 0 on the continuous scale: P(Y + U ≥ y) =
 * P(Y > ⌊y⌋) + P(Y = ⌊y⌋) · (1 − (y − ⌊y⌋)). For a whole y, P(Y ≥ y).
 */
export function upperTail(d: CountDistribution, y: number): number {
  if (!(y > 0)) return 1
  const k = Math.floor(y)
  const f = y - k
  // Whole y: P(Y ≥ y) = P(Y > y − 1).
  if (f === 0) return countSurvival(d, k - 1)
  return Math.min(1, countSurvival(d, k) + countPmf(d, k) * (1 - f))
}

/**
 * The q-quantile (0 < q < 1) of Y + U: the value v with P(Y + U ≤ v) = q. With F the cdf of Y,
 * v = k + (q − F(k − 1)) / P(Y = k) for the k where F(k − 1) ≤ q < F(k).
 */
export function countQuantile(d: CountDistribution, q: number): number {
  if (d.mean <= 0) return q
  const sd = Math.sqrt(Math.max(d.variance, d.mean))
  let lo = 0
  let hi = Math.ceil(d.mean + 40 * sd + 10)
  while (countCdf(d, hi) < q) hi *= 2
  // Smallest k with F(k) ≥ q.
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (countCdf(d, mid) >= q) hi = mid
    else lo = mid + 1
  }
  const below = countCdf(d, lo - 1)
  const mass = countPmf(d, lo)
  return mass > 0 ? lo + Math.min(1, Math.max(0, (q - below) / mass)) : lo
}
