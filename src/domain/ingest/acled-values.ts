import type { ActorType } from '../model.ts'

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
}

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * An ACLED event date as ISO `yyyy-mm-dd`: accepts `2025-05-16`, `16 May 2025`, `16-May-2025`,
 * `May 16, 2025` and the spreadsheet-mangled `5-Aug-24` (two-digit years: 00–69 are 20xx,
 * 70–99 19xx; ACLED data starts in 1997). Returns null for anything else; the day is not checked
 * here (parsePartialDate rejects 2023-02-30).
 */
export function acledIsoDate(text: string): string | null {
  const t = text.trim()
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`
  m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})$/.exec(t)
  let day: number
  let monthName: string
  let yearText: string
  if (m) {
    day = Number(m[1])
    monthName = m[2]!
    yearText = m[3]!
  } else {
    m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t)
    if (!m) return null
    monthName = m[1]!
    day = Number(m[2])
    yearText = m[3]!
  }
  const month = MONTHS[monthName.toLowerCase()]
  if (month === undefined) return null
  let year = Number(yearText)
  if (yearText.length === 2) year += year < 70 ? 2000 : 1900
  return `${year}-${pad(month)}-${pad(day)}`
}

/** ACLED's legacy numeric inter codes 1–8 and the text labels that replaced them. */
const INTER_LABELS: readonly string[] = [
  '',
  'State forces',
  'Rebel groups',
  'Political militias',
  'Identity militias',
  'Rioters',
  'Protesters',
  'Civilians',
  'External/Other forces',
]

/** An inter code as its label: '1' → 'State forces'; text labels are kept as given. */
export function interLabel(value: string): string {
  const t = value.trim()
  if (/^\d$/.test(t)) return INTER_LABELS[Number(t)] ?? t
  return t
}

/** The Watchfloor actor type an inter label implies. */
export function actorTypeOfInter(label: string): ActorType {
  const k = label.toLowerCase()
  if (k.startsWith('state forces')) return 'state'
  if (/rebel|militia|rioter|protester|civilian/.test(k)) return 'group'
  return 'unknown'
}

/** ACLED geo_precision: 1 the named town, 2 near it or a part of a region, 3 a province (approximate). */
export const GEO_PRECISION_LABELS: Readonly<Record<string, string>> = {
  '1': 'town',
  '2': 'near town',
  '3': 'province (approximate)',
}

/** A semicolon list ("Reuters; AFP") as its trimmed, non-empty members. */
export function semicolonList(text: string | undefined): string[] {
  return (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}
