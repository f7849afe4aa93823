import { benjaminiHochberg } from './fdr.ts'
import { judgeAcled, judgeStat, type WeekJudgement } from './judge-week.ts'
import type { WarningSettings } from './settings.ts'
import { placeSeries, type WeeklyCounts } from './weekly-counts.ts'

/** Weeks looked back for the start of a running surge. */
export const MAX_SINCE_WEEKS = 12

/** Places judged between two progress calls. */
const PROGRESS_EVERY_PLACES = 64

/** One place's verdict for the judged week. */
export interface PlaceVerdict {
  /** Index into `WeeklyCounts.places`. */
  readonly placeIndex: number
  readonly place: string
  readonly judgement: WeekJudgement
  /** Statistical method: the Benjamini–Hochberg adjusted p-value across the places judged. */
  readonly adjustedP?: number
  readonly surge: boolean
  /** For a surge: the first week of the run of surge weeks that ends at the judged week. */
  readonly sinceWeek?: number
}

export interface SurgeReport {
  /** The judged week (see `weeks.ts`). */
  readonly week: number
  readonly settings: WarningSettings
  /** Every place with an event in its baseline or in the judged week, in place order. */
  readonly verdicts: readonly PlaceVerdict[]
  /** The surges, strongest first (smallest p, or largest observed over expected for the rule). */
  readonly surges: readonly PlaceVerdict[]
  /** Places judged (history enough) and places with too little history. */
  readonly judged: number
  readonly tooLittleHistory: number
}

function hasEvents(series: Float64Array, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i <= Math.min(series.length - 1, to); i++) if (series[i]! > 0) return true
  return false
}

function judge(series: Float64Array, firstWeek: number, week: number, settings: WarningSettings): WeekJudgement {
  return settings.method === 'stat' ? judgeStat(series, firstWeek, week, settings) : judgeAcled(series, firstWeek, week, settings)
}

/** Whether a week is a surge week on its own (the start of a run is traced with this). */
function isSurgeWeek(j: WeekJudgement, settings: WarningSettings, pCutoff: number): boolean {
  if (j.status !== 'judged' || j.observed < settings.minObserved || !(j.observed > j.expected)) return false
  return settings.method === 'stat' ? (j.p ?? 1) <= pCutoff : j.fired === true
}

/**
 * Judges every place of `counts` in `week` (an absolute week, see `weeks.ts`) and flags the
 * surges. Statistical method: a place is a surge when its week holds at least `minObserved`
 * events, more than expected, and its Benjamini–Hochberg adjusted p-value across all places
 * judged that week is at most `falseDiscoveryRate`. ACLED-style rule: when the rule fires.
 * A place with too little history is reported as such, never flagged. Pure; allocates per place.
 */
export function detectSurges(
  counts: WeeklyCounts,
  week: number,
  settings: WarningSettings,
  onProgress?: (fraction: number) => void,
): SurgeReport {
  const steps = surgeSteps(counts, week, settings)
  for (;;) {
    const step = steps.next()
    if (step.done === true) return step.value
    onProgress?.(step.value)
  }
}

/**
 * detectSurges a few places at a time: yields the fraction of places judged every
 * PROGRESS_EVERY_PLACES places (a caller may stop there, or let other work in), and returns the
 * report.
 */
export function* surgeSteps(counts: WeeklyCounts, week: number, settings: WarningSettings): Generator<number, SurgeReport> {
  const lookback = settings.method === 'stat' ? settings.baselineWeeks : 52
  const index = week - counts.firstWeek
  const judged: { placeIndex: number; judgement: WeekJudgement }[] = []
  let tooLittle = 0
  for (let p = 0; p < counts.places.length; p++) {
    if (p % PROGRESS_EVERY_PLACES === 0) yield p / counts.places.length
    const series = placeSeries(counts, p, settings.measure)
    if (!hasEvents(series, index - lookback, index)) continue
    const judgement = judge(series, counts.firstWeek, week, settings)
    if (judgement.status === 'too-little-history') tooLittle++
    judged.push({ placeIndex: p, judgement })
  }
  const tested = judged.filter((j) => j.judgement.status === 'judged')
  const adjusted = new Map<number, number>()
  if (settings.method === 'stat') {
    const q = benjaminiHochberg(tested.map((j) => (j.judgement.status === 'judged' ? (j.judgement.p ?? 1) : 1)))
    tested.forEach((j, i) => adjusted.set(j.placeIndex, q[i]!))
  }
  // The largest raw p-value that the adjustment let through: the cut-off for earlier weeks of a run.
  let pCutoff = 0
  const verdicts: PlaceVerdict[] = judged.map(({ placeIndex, judgement }) => {
    const adjustedP = adjusted.get(placeIndex)
    const passes =
      settings.method === 'stat' ? adjustedP !== undefined && adjustedP <= settings.falseDiscoveryRate : isSurgeWeek(judgement, settings, 0)
    const surge = passes && isSurgeWeek(judgement, settings, 1)
    if (surge && judgement.status === 'judged') pCutoff = Math.max(pCutoff, judgement.p ?? 0)
    return { placeIndex, place: counts.places[placeIndex]!, judgement, ...(adjustedP === undefined ? {} : { adjustedP }), surge }
  })
  const withSince = verdicts.map((v) => (v.surge ? { ...v, sinceWeek: runStart(counts, v.placeIndex, week, settings, pCutoff) } : v))
  const surges = withSince.filter((v) => v.surge).sort((a, b) => strength(a) - strength(b))
  return { week, settings, verdicts: withSince, surges, judged: tested.length, tooLittleHistory: tooLittle }
}

/** Sort key, smaller first: the p-value, or minus observed over expected for the rule. */
function strength(v: PlaceVerdict): number {
  const j = v.judgement
  if (j.status !== 'judged') return Infinity
  if (j.p !== undefined) return j.p
  return -(j.observed / Math.max(j.expected, 1e-9))
}

/** The first week of the run of surge weeks ending at `week`, looking back at most MAX_SINCE_WEEKS. */
function runStart(counts: WeeklyCounts, placeIndex: number, week: number, settings: WarningSettings, pCutoff: number): number {
  const series = placeSeries(counts, placeIndex, settings.measure)
  let start = week
  for (let back = 1; back <= MAX_SINCE_WEEKS; back++) {
    const j = judge(series, counts.firstWeek, week - back, settings)
    if (!isSurgeWeek(j, settings, pCutoff)) break
    start = week - back
  }
  return start
}
