import { appendAll, maxOf } from '../arrays.ts'
import { parsePartialDate } from '../dates.ts'
import { parseThreatLevel } from '../levels.ts'
import type { ImportIssue, ThreatLevel } from '../model.ts'
import type { EventInput } from '../schema.ts'
import { lookupRegion } from '../regions.ts'
import { normaliseEvent } from './normalise-event.ts'
import { ResultBuilder, unreadable, type ReadOutcome } from './read-outcome.ts'
import { skippedReport, StixGraph, type StixActor } from './stix-graph.ts'
import { str, strings, type StixObject } from './stix-places.ts'

export const STIX_FORMAT = 'stix'

const CONTEXT = { levelScheme: 'watchfloor', customRegions: [] } as const

/** The STIX object types that become events, with the level each gets when nothing says otherwise. */
export const STIX_DEFAULT_LEVELS: Readonly<Record<string, ThreatLevel>> = {
  report: 2,
  campaign: 3,
  sighting: 3,
  incident: 4,
}
const EVENT_TYPES = new Set(Object.keys(STIX_DEFAULT_LEVELS))
const ACTOR_TYPES = new Set(['threat-actor', 'intrusion-set', 'identity'])

/** An Impact `criticality` (0–100) on the 1–5 scale: 0–19 → 1, 20–39 → 2, … 80–100 → 5. */
export function levelFromCriticality(criticality: number): ThreatLevel {
  return Math.min(5, Math.max(1, Math.floor(criticality / 20) + 1)) as ThreatLevel
}

function criticalityOf(o: StixObject, graph: StixGraph): number | undefined {
  const values: number[] = []
  for (const v of [o.criticality, o.x_criticality]) if (typeof v === 'number') values.push(v)
  for (const impact of [...graph.targets(o.id, 'impacts'), ...graph.sources(o.id, 'impacts')]) {
    if (impact.type === 'impact' && typeof impact.criticality === 'number') {
      values.push(impact.criticality)
      graph.used.add(impact.id)
    }
  }
  const valid = values.filter((v) => Number.isFinite(v) && v >= 0 && v <= 100)
  return valid.length > 0 ? maxOf(valid) : undefined
}

/** The level and where it came from: x_threat_level, an Impact criticality, or the type's default. */
function levelOf(o: StixObject, graph: StixGraph, row: number, warnings: ImportIssue[]) {
  const own = o.x_threat_level
  if (typeof own === 'number' || typeof own === 'string') {
    const level = parseThreatLevel(own)
    if (level !== null) return { threatLevel: level, sourceLevel: own, from: 'x_threat_level' }
    warnings.push({ row, field: 'x_threat_level', message: `not a threat level: "${String(own)}"; default used` })
  }
  const criticality = criticalityOf(o, graph)
  if (criticality !== undefined) {
    return { threatLevel: levelFromCriticality(criticality), sourceLevel: criticality, from: 'criticality' }
  }
  return { threatLevel: STIX_DEFAULT_LEVELS[o.type] ?? 3, sourceLevel: undefined, from: 'default' }
}

/** A STIX timestamp as ISO text; a timestamp at exactly midnight UTC is read as its day. */
function dateText(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T00:00(:00(\.0+)?)?Z$/.exec(value)
  return m ? m[1]! : value
}

function eventDate(o: StixObject): { date?: string; from: string } {
  // Watchfloor's own export keeps the date as given (a year stays a year).
  const own = str(o.x_watchfloor_date)
  if (own && parsePartialDate(own)) return { date: own, from: 'x_watchfloor_date' }
  const fields = o.type === 'report' ? ['published', 'created'] : ['first_seen', 'created']
  for (const field of fields) {
    const value = str(o[field])
    if (value) return { date: value, from: field }
  }
  return { from: fields[0]! }
}

function describe(o: StixObject, graph: StixGraph): string {
  if (o.type === 'sighting') {
    const of = graph.byId.get(str(o.sighting_of_ref) ?? '')
    return `Sighting of ${str(of?.name) ?? str(o.sighting_of_ref) ?? 'an object'}`
  }
  return str(o.name) ?? `${o.type} ${o.id}`
}

function collect(o: StixObject, graph: StixGraph) {
  // Each actor, place and subject counts once however often the bundle repeats a reference: sets,
  // not list scans, keep a bundle of repeated references linear.
  const actors: StixActor[] = []
  const actorNames = new Set<string | undefined>()
  const locations: StixObject[] = []
  const locationIds = new Set<string>()
  const sectors: string[] = []
  const targetIds = new Set<string>()
  const addActor = (a: StixObject, role: string): void => {
    const name = str(a.name)
    if (actorNames.has(name)) return
    actorNames.add(name)
    actors.push(graph.actor(a, role))
  }
  const addLocation = (l: StixObject): void => {
    if (locationIds.has(l.id)) return
    locationIds.add(l.id)
    locations.push(l)
  }
  const related = o.type === 'report' ? strings(o.object_refs) : []
  const refs = [...related, ...(o.type === 'sighting' ? strings(o.where_sighted_refs) : [])]
  for (const id of refs) {
    const ref = graph.byId.get(id)
    if (!ref) continue
    if (ref.type === 'location') addLocation(ref)
    else if (ref.type === 'threat-actor' || ref.type === 'intrusion-set') addActor(ref, ref.type.replace('-', ' '))
    else if (ref.type === 'identity') addActor(ref, o.type === 'sighting' ? 'sighted by' : 'named in report')
  }
  // The event's own edges, and for a report those of the actors and campaigns it refers to.
  const subjects = new Set([o.id])
  for (const id of related) if (/^(campaign|intrusion-set|threat-actor)--/.test(id)) subjects.add(id)
  for (const id of subjects) {
    for (const a of graph.targets(id, 'attributed-to')) if (ACTOR_TYPES.has(a.type)) addActor(a, 'attributed')
    for (const edge of graph.edges(id, 'related-to')) {
      const a = graph.byId.get(edge.target)
      if (a && ACTOR_TYPES.has(a.type)) addActor(a, edge.description ?? 'related')
    }
    for (const t of graph.targets(id, 'targets')) {
      if (t.type === 'location') addLocation(t)
      else if (t.type === 'identity' && !targetIds.has(t.id)) {
        targetIds.add(t.id)
        addActor(t, 'target')
        appendAll(sectors, strings(t.sectors))
      }
    }
  }
  if (o.type === 'sighting') {
    const of = graph.byId.get(str(o.sighting_of_ref) ?? '')
    if (of && ACTOR_TYPES.has(of.type)) addActor(of, 'sighted')
  }
  return { actors, locations, sectors }
}

function toInput(o: StixObject, graph: StixGraph, row: number, issues: ImportIssue[], warnings: ImportIssue[]): EventInput | null {
  const { date, from } = eventDate(o)
  if (!date) {
    issues.push({ row, field: from, message: `a ${o.type} needs ${from} (or created) to be placed in time` })
    return null
  }
  const ownEnd = str(o.x_watchfloor_end_date)
  const end = from === 'x_watchfloor_date' ? (ownEnd && parsePartialDate(ownEnd) ? ownEnd : undefined) : str(o.last_seen)
  const { threatLevel, sourceLevel, from: levelFrom } = levelOf(o, graph, row, warnings)
  const { actors, locations, sectors } = collect(o, graph)
  const countries: string[] = []
  const regions: string[] = []
  let location: EventInput['location']
  for (const l of locations) {
    graph.used.add(l.id)
    // A country that stands for a region outside region-ov in Watchfloor's export: read the region.
    const memberOf = str(l.x_watchfloor_region)
    if (memberOf !== undefined && lookupRegion(memberOf) !== undefined) {
      regions.push(memberOf)
      continue
    }
    const place = graph.place(l)
    if (!place) continue
    appendAll(countries, place.countries)
    appendAll(regions, place.regions)
    if (place.point && !location) location = { lat: place.point.lat, lon: place.point.lon, name: place.name }
  }
  const extra: Record<string, string | number | boolean> = { stixId: o.id, stixType: o.type, levelFrom, dateFrom: from }
  for (const [key, value] of Object.entries(o)) {
    if (!key.startsWith('x_') || key === '__proto__') continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') extra[key] = value
  }
  for (const key of ['created', 'modified', 'count'] as const) {
    const value = o[key]
    if (typeof value === 'string' || typeof value === 'number') extra[key] = value
  }
  const createdBy = graph.byId.get(str(o.created_by_ref) ?? '')
  const refs = Array.isArray(o.external_references) ? (o.external_references as unknown[]) : []
  const sources = refs
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .map((r) => ({ name: str(r.source_name) ?? 'reference', ...(str(r.url) ? { url: str(r.url) } : {}) }))
  if (createdBy && str(createdBy.name)) sources.unshift({ name: str(createdBy.name)! })
  // Watchfloor's own export names countries taking part from elsewhere (never targets).
  const involved = strings(o.x_watchfloor_involved_countries)
  const confidence = typeof o.confidence === 'number' && o.confidence >= 0 && o.confidence <= 100 ? o.confidence : undefined
  return {
    id: o.id,
    title: describe(o, graph),
    ...(str(o.description) ? { summary: str(o.description) } : {}),
    category: o.type,
    tags: [...strings(o.labels), ...strings(o.report_types)],
    sectors,
    date: dateText(date),
    ...(end && end >= date ? { endDate: dateText(end) } : {}),
    threatLevel,
    ...(sourceLevel !== undefined ? { sourceLevel } : {}),
    actors: actors.map((a) => ({ ...a })),
    countries,
    regions,
    ...(involved.length > 0 ? { involvedCountries: involved } : {}),
    ...(location ? { location } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    sources,
    extra,
  }
}

function objectsOf(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc
  if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { objects?: unknown }).objects)) {
    return (doc as { objects: unknown[] }).objects
  }
  return null
}

/**
 * Reads a STIX 2.1 bundle (or a bare array of STIX objects). Campaigns, reports, sightings and
 * incidents become events (each one a counted row: accepted + rejected = total); threat actors,
 * intrusion sets and identities become their actors (attributed-to, targets, where sighted);
 * location objects their countries and regions (targets, object_refs, where sighted), accepting
 * alpha-2 or alpha-3 countries and region-ov slugs or M49 names. The level comes from
 * `x_threat_level`, else an Impact `criticality`, else STIX_DEFAULT_LEVELS. Custom `x_*`
 * properties are kept in `extra`; open-vocabulary values and ids that are not UUIDs are accepted
 * as they are. Objects not used are reported as warnings, one line per kind. Never throws.
 */
export function readStix(text: string, name = 'STIX bundle'): ReadOutcome {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return unreadable(`not valid JSON (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`)
  }
  const raw = objectsOf(doc)
  if (raw === null) return unreadable('not a STIX bundle: no "objects" array')
  const builder = new ResultBuilder()
  const warnings: ImportIssue[] = []
  const objects: StixObject[] = []
  raw.forEach((o, i) => {
    const ok = typeof o === 'object' && o !== null && typeof (o as { type?: unknown }).type === 'string'
    const id = ok ? str((o as { id?: unknown }).id) : undefined
    if (!ok) warnings.push({ row: i + 1, field: 'type', message: 'not a STIX object (no type); skipped' })
    else if (!id && EVENT_TYPES.has((o as { type: string }).type)) {
      builder.reject(i + 1, [{ row: i + 1, field: 'id', message: 'a STIX object needs an id' }])
    }
    const type = ok ? (o as { type: string }).type.trim().toLowerCase() : 'invalid'
    objects.push({ ...(ok ? (o as object) : {}), type, id: id ?? `${type}--row-${i + 1}` } as StixObject)
  })
  const graph = new StixGraph(objects)
  const bundleName = typeof doc === 'object' && doc !== null ? str((doc as { name?: unknown }).name) : undefined
  objects.forEach((o, i) => {
    const row = i + 1
    if (!EVENT_TYPES.has(o.type) || o.id.endsWith(`--row-${row}`) || o.x_watchfloor_export === true) return
    const issues: ImportIssue[] = []
    const own: ImportIssue[] = []
    const input = toInput(o, graph, row, issues, own)
    if (!input) return builder.reject(row, issues)
    const outcome = normaliseEvent(input, row, CONTEXT)
    if (outcome.ok) builder.accept(outcome.event, row, [...own, ...outcome.warnings])
    else builder.reject(row, outcome.issues)
  })
  const result = builder.finish(STIX_FORMAT, { schemaVersion: 1, name: bundleName ?? name, source: 'STIX 2.1 bundle', regions: [] })
  const skipped = skippedReport(objects, graph, EVENT_TYPES)
  return { ok: true, result: { ...result, warnings: [...warnings, ...result.warnings, ...skipped] } }
}
