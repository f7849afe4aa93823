import { regionExpander } from '../build-table.ts'
import { centroidOf } from '../build-table.ts'
import { CAMEO_ACTOR_TYPES, CAMEO_EVENTS, CAMEO_SPECIAL_COUNTRIES } from '../ingest/cameo-codes.ts'
import { FIPS_TO_ISO } from '../ingest/fips.ts'
import { cameoCountry, fipsToIso, GEO_PRECISION, GROUP_TYPES, ORG_TYPES, STATE_TYPES } from '../ingest/gdelt.ts'
import { normaliseEvent } from '../ingest/normalise-event.ts'
import { lookupCountry } from '../regions.ts'
import type { EventInput } from '../schema.ts'

/**
 * The GDELT reader's tables as the warehouse's GDELT view needs them (gdelt-view.ts): each a
 * pair of parallel lists, key and value, taken from the reader's own functions and tables
 * (ingest/gdelt.ts, fips.ts, cameo-codes.ts) and from the same normalising and region
 * expansion a file import runs, so the view and a file import cannot drift apart.
 */

export interface Lookup<T> {
  readonly keys: readonly string[]
  readonly values: readonly T[]
}

/** Where an ActionGeo country puts an event: its ISO code, the regions it names, every region it is in, and its centroid. */
export interface CountryPlacing {
  readonly iso: string
  readonly named: readonly string[]
  readonly regions: readonly string[]
  readonly lat: number | null
  readonly lon: number | null
}

export interface GdeltLookups {
  /** FIPS 10-4 ActionGeo country → the event's country, regions and centroid. */
  readonly fips: Lookup<CountryPlacing>
  /** CAMEO event code → its description (the event's category). */
  readonly cameo: Lookup<string>
  /** CAMEO actor country code → ISO alpha-2. */
  readonly actorCountry: Lookup<string>
  /** CAMEO actor type code → the actor's role. */
  readonly actorRole: Lookup<string>
  /** GDELT geo type → the location's precision. */
  readonly geoPrecision: Lookup<string>
  readonly stateTypes: readonly string[]
  readonly groupTypes: readonly string[]
  readonly orgTypes: readonly string[]
}

const CONTEXT = { levelScheme: 'watchfloor', customRegions: [] } as const

/** A one-country event normalised as a file import normalises it: its country, named regions and expanded regions. */
function placingOf(iso: string): CountryPlacing | null {
  const input = { id: 'x', title: 'x', date: '2000-01-01', threatLevel: 1, countries: [iso] } as unknown as EventInput
  const outcome = normaliseEvent(input, 1, CONTEXT)
  if (!outcome.ok || outcome.event.countries.length === 0) return null
  const event = outcome.event
  const point = centroidOf(event.countries)
  return { iso: event.countries[0]!, named: event.regions, regions: regionExpander({ regions: [] })(event), lat: point?.[0] ?? null, lon: point?.[1] ?? null }
}

function lookup<T>(entries: Iterable<readonly [string, T]>): Lookup<T> {
  const list = [...entries]
  return { keys: list.map(([k]) => k), values: list.map(([, v]) => v) }
}

/** Every three-letter upper-case code: the actor country codes cameoCountry can read. */
function threeLetterCodes(): string[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  const out: string[] = []
  for (const a of letters) for (const b of letters) for (const c of letters) out.push(a + b + c)
  return out
}

function actorCountries(): Lookup<string> {
  const codes = new Set([...Object.keys(CAMEO_SPECIAL_COUNTRIES), ...threeLetterCodes()])
  const pairs: [string, string][] = []
  for (const code of [...codes].sort()) {
    const country = cameoCountry(code)
    // The normalising step reads the actor's country again; what it does not know is dropped.
    const iso = country ? lookupCountry(country)?.code : undefined
    if (iso) pairs.push([code, iso])
  }
  return lookup(pairs)
}

function fipsPlacings(): Lookup<CountryPlacing> {
  const pairs: [string, CountryPlacing][] = []
  for (const fips of Object.keys(FIPS_TO_ISO).sort()) {
    const iso = fipsToIso(fips)
    const placing = iso ? placingOf(iso) : null
    if (placing) pairs.push([fips, placing])
  }
  return lookup(pairs)
}

let made: GdeltLookups | null = null

/** The lookups, made once. */
export function gdeltLookups(): GdeltLookups {
  made ??= {
    fips: fipsPlacings(),
    cameo: lookup(Object.entries(CAMEO_EVENTS).map(([code, [description]]) => [code, description] as const)),
    actorCountry: actorCountries(),
    actorRole: lookup(Object.entries(CAMEO_ACTOR_TYPES).filter(([, role]) => role !== '')),
    geoPrecision: lookup(Object.entries(GEO_PRECISION)),
    stateTypes: [...STATE_TYPES],
    groupTypes: [...GROUP_TYPES],
    orgTypes: [...ORG_TYPES],
  }
  return made
}
