import { DAY_MS } from '../../domain/dates.ts'
import type { EpochMs, ThreatLevel } from '../../domain/model.ts'
import {
  PLACED_FRACTION,
  TREND_THRESHOLD,
  peakScore,
  scoreFromWeight,
  severityWeight,
  type Contribution,
  type IndexSettings,
  type ThreatIndex,
} from '../../domain/threat-index.ts'

/**
 * The threat index (domain/threat-index.ts, docs/threat-index.md) over groups of events that
 * share a start, an end and a level, each group counted `n` times: the cube's cells and the
 * warehouse's grouped rows. The arithmetic is `tallyRows`'s, with each group's weight taken
 * `n` times, so an index from the cube equals the local engine's for the same events.
 */
export class IndexTally {
  private total = 0
  private previousTotal = 0
  private levelPlaced = 0
  private levelAny = 0
  private previousPlaced = 0
  private previousAny = 0
  eventCount = 0
  previousEventCount = 0
  private readonly windowMs: number

  constructor(
    private readonly asOfMs: EpochMs,
    private readonly settings: IndexSettings,
  ) {
    this.windowMs = settings.windowDays * DAY_MS
  }

  private fractionIn(start: number, end: number, asOf: number): number {
    const windowStart = asOf - this.windowMs
    if (start >= asOf || end <= windowStart) return 0
    return (Math.min(end, asOf) - Math.max(start, windowStart)) / (end - start)
  }

  private weightIn(end: number, level: number, asOf: number, fraction: number): number {
    if (this.settings.method === 'peak' || fraction === 0) return fraction
    const ageDays = (asOf - Math.min(end, asOf)) / DAY_MS
    return severityWeight(level) * 0.5 ** (ageDays / this.settings.halfLifeDays) * fraction
  }

  /** Whether a group of events from `start` to `end` can count in either window. */
  touches(start: number, end: number): boolean {
    return start < this.asOfMs && end > this.asOfMs - 2 * this.windowMs
  }

  /** Adds `n` events; returns the weight of one of them in the current window (0 outside it). */
  add(start: number, end: number, level: number, n: number): number {
    const fraction = this.fractionIn(start, end, this.asOfMs)
    const w = this.weightIn(end, level, this.asOfMs, fraction)
    if (w > 0) {
      this.total += w * n
      this.eventCount += n
      if (level > this.levelAny) this.levelAny = level
      if (level > this.levelPlaced && fraction >= PLACED_FRACTION) this.levelPlaced = level
    }
    const previousAsOf = this.asOfMs - this.windowMs
    const previousFraction = this.fractionIn(start, end, previousAsOf)
    const pw = this.weightIn(end, level, previousAsOf, previousFraction)
    if (pw > 0) {
      this.previousEventCount += n
      this.previousTotal += pw * n
      if (level > this.previousAny) this.previousAny = level
      if (level > this.previousPlaced && previousFraction >= PLACED_FRACTION) this.previousPlaced = level
    }
    return w
  }

  /** The sum of the current window's weights: a contribution's share is its weight over this. */
  get totalWeight(): number {
    return this.total
  }

  /** The index; `contributions` are the events behind it, when they were fetched (largest share first). */
  index(contributions: readonly Contribution[] = []): ThreatIndex {
    const peak = this.settings.method === 'peak'
    const level = this.levelPlaced || this.levelAny
    const previousLevel = this.previousPlaced || this.previousAny
    // A stretched window (a long time range) takes its weight per usual window, as tallyRows does.
    const scale = this.settings.weightScale ?? 1
    const score = peak ? peakScore(level, this.total * scale) : scoreFromWeight(this.total * scale)
    const previousScore = peak ? peakScore(previousLevel, this.previousTotal * scale) : scoreFromWeight(this.previousTotal * scale)
    const delta = Math.round((score - previousScore) * 10) / 10
    return {
      level: level === 0 ? null : (level as ThreatLevel),
      previousLevel: previousLevel === 0 ? null : (previousLevel as ThreatLevel),
      score,
      previousScore,
      delta,
      trend: delta >= TREND_THRESHOLD ? 'rising' : delta <= -TREND_THRESHOLD ? 'falling' : 'steady',
      eventCount: this.eventCount,
      previousEventCount: this.previousEventCount,
      contributions,
    }
  }
}

/** Events sharing a start, an end and a level, `n` of them. */
export interface IndexCell {
  readonly startMs: EpochMs
  readonly endMs: EpochMs
  readonly level: number
  readonly n: number
}

/**
 * The recency score (as the local engine's indexSeries: the timeline's index lines) of `cells`
 * at each instant of `times`; NaN up to the first event's start.
 */
export function indexSeriesOf(cells: readonly IndexCell[], times: readonly EpochMs[], settings: IndexSettings): Float64Array {
  let first = Infinity
  for (const c of cells) if (c.startMs < first) first = c.startMs
  const recency: IndexSettings = { ...settings, method: 'recency' }
  return Float64Array.from(times, (asOf) => {
    if (asOf <= first) return NaN
    const tally = new IndexTally(asOf, recency)
    for (const c of cells) if (tally.touches(c.startMs, c.endMs)) tally.add(c.startMs, c.endMs, c.level, c.n)
    return tally.index().score
  })
}
