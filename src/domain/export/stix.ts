import type { Actor, CountryCode, Dataset, EpochMs, RegionDef, RegionId, ThreatEvent } from '../model.ts'
import { LEVEL_LABELS } from '../model.ts'
import { countryByCode, lookupRegion } from '../regions.ts'
import { exportDeg } from './coordinates.ts'
import { uuidV5 } from './uuid-v5.ts'

/** The UUID namespace of Watchfloor's STIX ids (a fixed, random v4 UUID). */
export const WATCHFLOOR_STIX_NAMESPACE = '5f0c4f2e-8d3b-4a51-9a57-0b8f3c2e6d41'

export type StixExportObject = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string }

export interface StixBundle {
  readonly type: 'bundle'
  readonly id: string
  readonly objects: readonly StixExportObject[]
}

export interface StixExportOptions {
  /** The export time: `created`, `modified` and the report's `published`. */
  readonly now: EpochMs
  /** The report's name; default the dataset's name, or "Watchfloor events". */
  readonly name?: string
  readonly description?: string
}

/** A STIX timestamp: UTC with exactly millisecond precision (2025-11-04T00:00:00.000Z). */
export function stixTimestamp(ms: EpochMs): string {
  return new Date(ms).toISOString()
}

const IDENTITY_CLASS: Readonly<Record<Actor['type'], string>> = {
  person: 'individual',
  organization: 'organization',
  state: 'organization',
  group: 'group',
  unknown: 'unknown',
}

/**
 * The STIX 2.1 region-ov vocabulary (the specification's open vocabulary for `location.region`):
 * the UN M49 continents and sub-regions plus M49's intermediate region "Latin America and the
 * Caribbean".
 */
export const STIX_REGION_OV: ReadonlySet<string> = new Set([
  'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa',
  'americas', 'caribbean', 'central-america', 'latin-america-caribbean', 'northern-america', 'south-america',
  'asia', 'central-asia', 'eastern-asia', 'southern-asia', 'south-eastern-asia', 'western-asia',
  'europe', 'eastern-europe', 'northern-europe', 'southern-europe', 'western-europe',
  'oceania', 'antarctica', 'australia-new-zealand', 'melanesia', 'micronesia', 'polynesia',
])

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== ''),
  )
}

/**
 * The events as one STIX 2.1 bundle: a report (published at `now`) referring to everything, a
 * campaign per event (first_seen/last_seen span the event's dates; level in `x_threat_level`, the
 * date as given in `x_watchfloor_date` so precision survives a round trip), an identity per actor,
 * and `targets` (campaign → location) and `related-to` (campaign → identity, the actor's role as
 * description) relationships.
 *
 * Places: a location per country (alpha-2; Kosovo is the user-assigned XK), a location per region
 * only for regions in region-ov (`STIX_REGION_OV`), and a point location (coordinates as the other
 * exports write them). A region outside region-ov (an analyst alias such as the Sahel, or a
 * dataset's own region) is never a `region` value: the campaign lists it in
 * `x_watchfloor_regions` and targets the countries it covers, each a location marked with
 * `x_watchfloor_region` so that reading the bundle back gives the region, not its countries.
 * Ids are `type--UUIDv5` of stable names, so the same events export to the same ids.
 * Throws nothing; an empty list gives a bundle with no report (a report needs object_refs).
 */
export function exportStixBundle(input: Dataset | readonly ThreatEvent[], options: StixExportOptions): StixBundle {
  const events = Array.isArray(input) ? (input as readonly ThreatEvent[]) : (input as Dataset).events
  const datasetName = Array.isArray(input) ? undefined : (input as Dataset).name
  const customRegions: readonly RegionDef[] = Array.isArray(input) ? [] : (input as Dataset).regions
  const name = options.name ?? datasetName ?? 'Watchfloor events'
  const now = stixTimestamp(options.now)
  const id = (type: string, key: string): string => `${type}--${uuidV5(`${type}:${key}`, WATCHFLOOR_STIX_NAMESPACE)}`
  const common = (type: string, key: string) => ({ type, spec_version: '2.1', id: id(type, key), created: now, modified: now })
  const objects = new Map<string, StixExportObject>()
  const add = (o: Record<string, unknown> & { id: string; type: string }): string => {
    if (!objects.has(o.id)) objects.set(o.id, compact(o) as StixExportObject)
    return o.id
  }
  const relate = (type: string, source: string, target: string, description?: string): void => {
    add({ ...common('relationship', `${type}:${source}:${target}`), relationship_type: type, source_ref: source, target_ref: target, description })
  }
  const countryLocation = (code: CountryCode): string =>
    add({ ...common('location', `country:${code}`), name: countryByCode(code)?.name ?? code, country: code })
  const regionLocation = (region: RegionId): string =>
    add({ ...common('location', `region:${region}`), name: lookupRegion(region)?.name ?? region, region })
  // A country as part of a region outside region-ov: its own location, marked with the region.
  const memberLocation = (region: RegionId, regionName: string, code: CountryCode): string =>
    add({
      ...common('location', `region-member:${region}:${code}`),
      name: countryByCode(code)?.name ?? code,
      description: `Part of ${regionName}, a region of the exported data (its countries stand for it)`,
      country: code,
      x_watchfloor_region: region,
    })
  const targetRegion = (campaign: string, region: RegionId): void => {
    if (STIX_REGION_OV.has(region)) return relate('targets', campaign, regionLocation(region))
    const info = lookupRegion(region, customRegions)
    for (const code of info?.countries ?? []) relate('targets', campaign, memberLocation(region, info?.name ?? region, code))
  }

  for (const event of events) {
    const end = event.endDate ?? event.date
    const campaign = add({
      ...common('campaign', event.id),
      name: event.title,
      description: event.summary,
      first_seen: stixTimestamp(event.date.startMs),
      last_seen: stixTimestamp(Math.max(event.date.startMs, end.endMs - 1)),
      labels: [...(event.category ? [event.category] : []), ...event.tags],
      confidence: event.confidence,
      // An external reference needs a url, description or external_id beside its source_name.
      external_references: event.sources.map((s) =>
        s.url && /^https?:\/\//i.test(s.url)
          ? { source_name: s.name, url: s.url }
          : { source_name: s.name, description: s.url ?? s.name },
      ),
      x_threat_level: event.threatLevel,
      x_threat_level_label: LEVEL_LABELS[event.threatLevel],
      x_watchfloor_id: event.id,
      x_watchfloor_date: event.date.text,
      x_watchfloor_end_date: event.endDate?.text,
      x_watchfloor_source_level: event.sourceLevel === undefined ? undefined : String(event.sourceLevel),
      x_watchfloor_sectors: [...event.sectors],
      x_watchfloor_assessment: event.assessment,
      x_watchfloor_regions: event.regions.filter((region) => !STIX_REGION_OV.has(region)),
      // Countries taking part from elsewhere are not targets: a property, read back as such.
      x_watchfloor_involved_countries: [...(event.involvedCountries ?? [])],
    })
    for (const code of event.countries) relate('targets', campaign, countryLocation(code))
    // All of the event's regions (given or derived), so that reading the bundle back gives the same list.
    for (const region of event.regions) targetRegion(campaign, region)
    if (event.location) {
      const latitude = exportDeg(event.location.latDeg)
      const longitude = exportDeg(event.location.lonDeg)
      const point = add({ ...common('location', `point:${latitude},${longitude}`), name: event.location.name, latitude, longitude, precision: 1000 })
      relate('targets', campaign, point)
    }
    for (const actor of event.actors) {
      const identity = add({
        ...common('identity', `${actor.type}:${actor.name}`),
        name: actor.name,
        identity_class: IDENTITY_CLASS[actor.type],
        x_watchfloor_actor_type: actor.type,
        x_watchfloor_country: actor.country,
      })
      relate('related-to', campaign, identity, actor.role)
    }
  }
  const refs = [...objects.keys()]
  if (refs.length > 0) {
    add({
      ...common('report', `${name}:${now}`),
      name,
      description: options.description,
      published: now,
      report_types: ['threat-report'],
      object_refs: refs,
      // Marks the report as the export's container, so reading the bundle back gives the events only.
      x_watchfloor_export: true,
    })
  }
  return { type: 'bundle', id: id('bundle', `${name}:${now}`), objects: [...objects.values()] }
}

/** The bundle as pretty-printed JSON, ending in a newline. */
export function serialiseStixBundle(bundle: StixBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`
}
