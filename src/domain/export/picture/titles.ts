import { dayLabel, monthLabel } from '../../date-labels.ts'
import { DAY_MS } from '../../dates.ts'
import type { BucketUnit, Span } from '../../timeline/buckets.ts'
import { UNIT_ADJECTIVE } from './timeline-chart.ts'

/** What each picture is, said in words: the default titles when the user types none. */

/** "Feb 2014 – Nov 2025" for a span (its end exclusive). */
export function spanWords(span: Span): string {
  const last = span.toMs - DAY_MS
  const [a, b] = span.toMs - span.fromMs <= 62 * DAY_MS ? [dayLabel(span.fromMs), dayLabel(last)] : [monthLabel(span.fromMs), monthLabel(last)]
  return a === b ? a : `${a} – ${b}`
}

/** "30 days to 4 Nov 2025": the index window ending at the as-of instant (exclusive). */
export function windowWords(windowDays: number, asOfMs: number): string {
  return `${windowDays} days to ${dayLabel(asOfMs - 1)}`
}

export function timelineTitle(unit: BucketUnit, span: Span): string {
  return `Events by level, ${UNIT_ADJECTIVE[unit]}, ${spanWords(span)}`
}

export function mapTitle(shadeBy: 'countries' | 'regions', windowDays: number, asOfMs: number): string {
  return `Highest threat level by ${shadeBy === 'regions' ? 'region' : 'country'}, ${windowWords(windowDays, asOfMs)}`
}

export function gaugesTitle(windowDays: number, asOfMs: number): string {
  return `Threat level by region, ${windowWords(windowDays, asOfMs)}`
}

export function eventsTitle(asOfMs: number): string {
  return `Highest-level events to ${dayLabel(asOfMs - 1)}`
}

export function briefTitle(datasetName: string, asOfMs: number): string {
  return `Threat brief: ${datasetName}, ${dayLabel(asOfMs - 1)}`
}
