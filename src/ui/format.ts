import { dayLabel } from '../domain/date-labels.ts'

/*
 * Counts are formatted by hand for the common case (a whole, non-negative count), with the
 * output Intl gives: the first Intl number format a page creates loads the locale data, ~25 ms
 * of CPU, and at start-up that landed in the one long task that evaluates the app's script
 * (docs/PERFORMANCE.md, "Main-thread tasks at start-up"). Anything else goes through Intl,
 * created on first use.
 */

let integerFormat: Intl.NumberFormat | undefined
let compactFormat: Intl.NumberFormat | undefined

/** Counts past this lose whole-number precision in a double: left to Intl. */
const LARGEST_EXACT = Number.MAX_SAFE_INTEGER

/** A whole, non-negative count below 2^53: formatted by hand. */
function isPlainCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= LARGEST_EXACT && !Object.is(n, -0)
}

/** "12345" → "12,345" (a string of digits). */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3
  let out = digits.slice(0, head)
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return out
}

/** 12,345; rounded to a whole number, as `Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })` does. */
export function formatCount(n: number): string {
  // Half away from zero, as Intl rounds: for a non-negative number that is Math.round.
  const whole = n >= 0 ? Math.round(n) : n
  if (isPlainCount(whole)) return groupThousands(String(whole))
  integerFormat ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
  return integerFormat.format(n)
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

/** The compact units, largest last: a count of 10^3 or more is shown in the largest one it reaches. */
const COMPACT_UNITS: readonly { readonly size: number; readonly suffix: string }[] = [
  { size: 1e3, suffix: 'K' },
  { size: 1e6, suffix: 'M' },
  { size: 1e9, suffix: 'B' },
  { size: 1e12, suffix: 'T' },
]

/** `n / size` in tenths, rounded half up, in whole-number arithmetic (no binary fractions). */
function tenthsOf(n: number, size: number): number {
  const tenth = size / 10
  const q = Math.floor(n / tenth)
  return n - q * tenth >= tenth / 2 ? q + 1 : q
}

/**
 * A count for a narrow axis label: 950, 12K, 1.2M, as `Intl.NumberFormat('en-US', { notation:
 * 'compact', maximumFractionDigits: 1 })` writes it.
 */
export function formatCompactCount(n: number): string {
  if (!isPlainCount(n)) {
    compactFormat ??= new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
    return compactFormat.format(n)
  }
  if (n < 1000) return String(n)
  let unit = 0
  while (unit + 1 < COMPACT_UNITS.length && n >= COMPACT_UNITS[unit + 1]!.size) unit++
  let tenths = tenthsOf(n, COMPACT_UNITS[unit]!.size)
  // 999,950 rounds to 1000.0K, which Intl writes as 1M.
  if (tenths >= 10_000 && unit + 1 < COMPACT_UNITS.length) {
    unit++
    tenths = tenthsOf(n, COMPACT_UNITS[unit]!.size)
  }
  const whole = Math.floor(tenths / 10)
  const tenth = tenths % 10
  return `${whole}${tenth === 0 ? '' : `.${tenth}`}${COMPACT_UNITS[unit]!.suffix}`
}
