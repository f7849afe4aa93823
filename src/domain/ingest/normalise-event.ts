/**
 * Turns an event that has the file format's shape into a ThreatEvent. Free of zod: the sample's
 * start-up path checks its events by hand (sample-check.ts) and normalises them here.
 */
import { parsePartialDate } from '../dates.ts'
import { cleanStrings } from '../clean-text.ts'
import { parseThreatLevel } from '../levels.ts'
import type {
  Actor,
  CountryCode,
  EventId,
  GeoPoint,
  ImportIssue,
  LevelScheme,
  RegionDef,
  RegionId,
  ThreatEvent,
} from '../model.ts'
import { countryByCode, lookupCountry, lookupRegion } from '../regions.ts'
import type { EventInput } from '../schema.ts'

/** What normalising needs to know about the dataset an event belongs to. */
export interface NormaliseContext {
  readonly levelScheme: LevelScheme
  readonly customRegions: readonly RegionDef[]
}

export type NormaliseOutcome =
  | { readonly ok: true; readonly event: ThreatEvent; readonly warnings: readonly ImportIssue[] }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] }

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

function nonEmptyList(values: readonly string[] | undefined): string[] {
  return unique((values ?? []).filter((v) => v.length > 0))
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Copies a record without keys that could reach an object's prototype. */
function safeRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !FORBIDDEN_KEYS.has(key)))
}

/** Normalises an event that already has the file format's shape. */
export function normaliseEvent(raw: EventInput, row: number, ctx: NormaliseContext): NormaliseOutcome {
  // Every reader's events pass here: text is cleaned once (control characters, U+FFFE/U+FFFF and
  // lone surrogates, which JSON can carry as escapes, become U+FFFD).
  const input = cleanStrings(raw)
  const issues: ImportIssue[] = []
  const warnings: ImportIssue[] = []

  const date = parsePartialDate(input.date)
  if (!date) issues.push({ row, field: 'date', message: `not a real date: "${input.date}"` })
  const endDate = input.endDate === undefined ? undefined : parsePartialDate(input.endDate)
  if (endDate === null) issues.push({ row, field: 'endDate', message: `not a real date: "${input.endDate}"` })
  // endMs is exclusive: an end date whose span stops at or before the start lies wholly before it.
  if (date && endDate && endDate.endMs <= date.startMs) {
    issues.push({ row, field: 'endDate', message: `ends (${input.endDate}) before it starts (${input.date})` })
  }

  const threatLevel = parseThreatLevel(input.threatLevel, ctx.levelScheme)
  if (threatLevel === null) {
    issues.push({
      row,
      field: 'threatLevel',
      message: `not a threat level on the ${ctx.levelScheme} scale: "${String(input.threatLevel)}"`,
    })
  }
  if (!date || endDate === null || threatLevel === null || issues.length > 0) return { ok: false, issues }

  const countries: CountryCode[] = []
  for (const name of nonEmptyList(input.countries)) {
    const info = lookupCountry(name)
    if (info) countries.push(info.code)
    else warnings.push({ row, field: 'countries', message: `unknown country "${name}" ignored` })
  }

  const involved: CountryCode[] = []
  for (const name of nonEmptyList(input.involvedCountries)) {
    const info = lookupCountry(name)
    if (!info) warnings.push({ row, field: 'involvedCountries', message: `unknown country "${name}" ignored` })
    else if (!countries.includes(info.code) && !involved.includes(info.code)) involved.push(info.code)
  }

  const regions: RegionId[] = []
  for (const name of nonEmptyList(input.regions)) {
    const info = lookupRegion(name, ctx.customRegions)
    if (info) regions.push(info.id)
    else warnings.push({ row, field: 'regions', message: `unknown region "${name}" ignored` })
  }

  if (regions.length === 0) {
    for (const code of countries) {
      const sub = countryByCode(code)?.subRegion
      if (sub && !regions.includes(sub)) regions.push(sub)
    }
  }

  const actors: Actor[] = (input.actors ?? []).map((a) => {
    if (typeof a === 'string') return { name: a, type: 'unknown' }
    const country = a.country ? lookupCountry(a.country)?.code : undefined
    return {
      name: a.name,
      type: a.type ?? 'unknown',
      ...(a.role ? { role: a.role } : {}),
      ...(country ? { country } : {}),
    }
  })

  let location: GeoPoint | undefined
  if (input.location) {
    const { lat, lon, name, precision } = input.location
    if (lat === 0 && lon === 0) {
      warnings.push({ row, field: 'location', message: 'location 0,0 is a placeholder; placed at its country instead' })
    } else {
      location = { latDeg: lat, lonDeg: lon, ...(name ? { name } : {}), ...(precision ? { precision } : {}) }
    }
  }

  const sourceLevel =
    input.sourceLevel ??
    (typeof input.threatLevel === 'number' && input.threatLevel === threatLevel ? undefined : input.threatLevel)

  const event: ThreatEvent = {
    id: input.id as EventId,
    title: input.title,
    ...(input.summary ? { summary: input.summary } : {}),
    ...(input.category ? { category: input.category } : {}),
    tags: nonEmptyList(input.tags),
    sectors: nonEmptyList(input.sectors),
    date,
    ...(endDate ? { endDate } : {}),
    threatLevel,
    ...(sourceLevel !== undefined ? { sourceLevel } : {}),
    actors,
    countries: unique(countries),
    ...(involved.length > 0 ? { involvedCountries: involved } : {}),
    regions: unique(regions),
    ...(location ? { location } : {}),
    ...(input.trend ? { trend: input.trend } : {}),
    ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
    ...(input.fatalities !== undefined ? { fatalities: input.fatalities } : {}),
    ...(input.assessment ? { assessment: input.assessment } : {}),
    impacts: nonEmptyList(input.impacts),
    quotes: input.quotes ?? [],
    sources: input.sources ?? [],
    related: nonEmptyList(input.related),
    ...(input.extra ? { extra: safeRecord(input.extra) } : {}),
  }
  return { ok: true, event, warnings }
}
