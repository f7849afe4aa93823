import { dayLabel, dayTimeLabel } from '../date-labels.ts'
import { DAY_MS } from '../dates.ts'
import { cleanText } from '../clean-text.ts'
import type { FilterSpec } from '../engine/filter-spec.ts'
import { LEVEL_LABELS, type EpochMs } from '../model.ts'

/** The handling markings offered (TLP 2.0), plus "none"; any other text is a custom marking. */
export const MARKINGS = ['none', 'TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const

/** Attribution owed for the offline basemap. */
export const BASEMAP_ATTRIBUTION = 'Basemap: Natural Earth via world-atlas'

/** Everything burned into an exported picture, as plain text (never HTML). */
export interface CaptionBlock {
  readonly title: string
  readonly caption: string
  /** "As of 31 Dec 2024, 23:59 UTC" */
  readonly asOf: string
  /** The active filters in words; "No filters: all events" when none. */
  readonly filters: string
  /** The data source and any attribution. */
  readonly source: string
  /** The marking banner's text; "" for no marking. */
  readonly marking: string
}

/** "4 Nov 2025" in UTC (date-labels.ts). */
export function captionDay(ms: EpochMs): string {
  return dayLabel(ms)
}

/**
 * The as-of instant in words with its zone, in UTC (the zone every view computes in).
 * `asOfMs` is exclusive (the first instant after the view), so midnight reads as 23:59 the day before.
 */
export function describeAsOf(asOfMs: EpochMs): string {
  const ms = asOfMs % 60_000 === 0 ? asOfMs - 60_000 : asOfMs
  return `As of ${dayTimeLabel(ms)}`
}

function listOf(label: string, values: readonly string[]): string | null {
  return values.length === 0 ? null : `${label}: ${values.join(', ')}`
}

/**
 * The filters in words, dimension by dimension, separated by " · ". `nameOf` turns region ids
 * into names. A time range's end is exclusive, so the last day shown is the day before it.
 */
export function describeFilters(filter: FilterSpec, nameOf: (regionId: string) => string = (id) => id): string {
  const parts: (string | null)[] = []
  const range = filter.timeRange
  if (range) {
    const open = (ms: number): boolean => !Number.isFinite(ms) || Math.abs(ms) >= 8.64e15
    const from = open(range.fromMs) ? 'the start' : captionDay(range.fromMs)
    const to = open(range.toMs) ? 'the end' : captionDay(range.toMs - DAY_MS)
    parts.push(`Dates: ${from} – ${to}`)
  }
  parts.push(listOf('Levels', filter.levels.map((l) => LEVEL_LABELS[l])))
  parts.push(listOf('Regions', filter.regions.map(nameOf)))
  parts.push(listOf('Countries', filter.countries))
  parts.push(listOf('Actors', filter.actors))
  parts.push(listOf('Categories', filter.categories))
  if (filter.text.trim() !== '') parts.push(`Text: “${filter.text.trim()}”`)
  const words = parts.filter((p): p is string => p !== null)
  return words.length === 0 ? 'No filters: all events' : `Filters: ${words.join(' · ')}`
}

/** The marking's banner text: "" for none, the TLP label, or trimmed custom text (at most 80 chars). */
export function markingText(choice: string): string {
  const text = choice.trim()
  return text === '' || text === 'none' ? '' : text.slice(0, 80)
}

/**
 * "Basemap: … · Data: NAME (SOURCE)". The attribution comes first so that a long dataset
 * description, cut to fit a narrow picture, never cuts the attribution off.
 */
export function describeSource(datasetName: string, source: string | undefined, withBasemap: boolean): string {
  const data = `Data: ${datasetName}${source && source !== datasetName ? ` (${source})` : ''}`
  return withBasemap ? `${BASEMAP_ATTRIBUTION} · ${data}` : data
}

export interface CaptionInput {
  readonly title: string
  readonly caption: string
  readonly asOfMs: EpochMs
  readonly filter: FilterSpec
  readonly regionName?: (id: string) => string
  readonly datasetName: string
  readonly source?: string
  readonly withBasemap: boolean
  readonly marking: string
}

/** The caption block for an export, from what the user typed and the view's state. */
export function buildCaption(input: CaptionInput): CaptionBlock {
  return {
    title: input.title.trim(),
    caption: input.caption.trim(),
    asOf: describeAsOf(input.asOfMs),
    filters: describeFilters(input.filter, input.regionName),
    source: describeSource(input.datasetName, input.source, input.withBasemap),
    marking: markingText(input.marking),
  }
}

/**
 * Escapes text for XML/SVG element content and attribute values; characters XML cannot hold
 * at all (controls, U+FFFE/U+FFFF, lone surrogates) become U+FFFD (clean-text.ts).
 */
export function escapeXml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** A file-name-safe slug of a title: "Threat over time" → "threat-over-time". */
export function fileSlug(text: string, fallback = 'watchfloor'): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return slug === '' ? fallback : slug
}
