import { dayLabel, monthLabel, timeLabel } from './date-labels.ts'
import type { DatePrecision, EpochMs, PartialDate } from './model.ts'

export const DAY_MS = 86_400_000

const YEAR = /^(\d{4})$/
const MONTH = /^(\d{4})-(\d{2})$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** Whole days since 1970-01-01 (UTC) for an instant; negative before 1970. */
export function dayIndexOf(ms: EpochMs): number {
  return Math.floor(ms / DAY_MS)
}

/** Date.UTC without its two-digit-year rule (which reads year 50 as 1950); month is 0-based. */
function utc(y: number, month0: number, d: number): number {
  return new Date(0).setUTCFullYear(y, month0, d)
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(utc(y, m, 0)).getUTCDate()
}

/**
 * Parses an ISO 8601 date of any precision: `2022`, `2022-02`, `2022-02-24`,
 * `2022-02-24T03:00Z`. A date without a zone is read as UTC. Returns null when the text is
 * not such a date or names an impossible day (2023-02-30). Never adds precision: `2022`
 * covers the whole of 2022.
 */
export function parsePartialDate(input: string): PartialDate | null {
  const text = input.trim()
  let m = YEAR.exec(text)
  if (m) {
    const y = Number(m[1])
    return make(text, 'year', utc(y, 0, 1), utc(y + 1, 0, 1))
  }
  m = MONTH.exec(text)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    if (mo < 1 || mo > 12) return null
    return make(text, 'month', utc(y, mo - 1, 1), utc(y, mo, 1))
  }
  m = DAY.exec(text)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    const d = Number(m[3])
    if (!validDay(y, mo, d)) return null
    const start = utc(y, mo - 1, d)
    return make(text, 'day', start, start + DAY_MS)
  }
  m = INSTANT.exec(text)
  if (m) {
    const [y, mo, d, hh, mm] = [1, 2, 3, 4, 5].map((i) => Number(m?.[i]))
    const ss = Number(m[6] ?? 0)
    if (!validDay(y!, mo!, d!) || hh! > 23 || mm! > 59 || ss > 60) return null
    const zone = m[7] ?? 'Z'
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${String(ss).padStart(2, '0')}${normaliseZone(zone)}`)
    if (Number.isNaN(ms)) return null
    return make(text, 'instant', ms, ms + 1)
  }
  return null
}

function normaliseZone(zone: string): string {
  if (zone === 'Z') return 'Z'
  return zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone
}

function make(text: string, precision: DatePrecision, startMs: number, endMs: number): PartialDate {
  return { text, precision, startMs, endMs }
}

/** The ISO text of a day (`2025-11-04`) for an instant, in UTC. */
export function isoDay(ms: EpochMs): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A date as a reader expects it at its own precision: "2022", "Feb 2022", "24 Feb 2022", "24 Feb 2022 03:00 UTC" (date-labels.ts). */
export function formatPartialDate(date: PartialDate): string {
  switch (date.precision) {
    case 'year':
      return String(new Date(date.startMs).getUTCFullYear())
    case 'month':
      return monthLabel(date.startMs)
    case 'day':
      return dayLabel(date.startMs)
    case 'instant':
      return `${dayLabel(date.startMs)} ${timeLabel(date.startMs)} UTC`
  }
}
