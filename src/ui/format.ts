import { dayLabel } from '../domain/date-labels.ts'

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })

/** 12,345 */
export function formatCount(n: number): string {
  return integer.format(n)
}

/** "+4.5" / "−3" / "0" */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0'
  const abs = Math.abs(delta).toFixed(Number.isInteger(delta) ? 0 : 1)
  return delta > 0 ? `+${abs}` : `−${abs}`
}

/** "4 Nov 2025" for an instant, in UTC: the one date label (domain/date-labels.ts). */
export function formatDay(ms: number): string {
  return dayLabel(ms)
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** A count for a narrow axis label: 950, 12K, 1.2M. */
export function formatCompactCount(n: number): string {
  return COMPACT.format(n)
}
