/**
 * The normalised data model: what every importer produces and every view reads.
 * The file format (looser: labels, codes, names) lives in schema.ts; this is what
 * it becomes after validation.
 */

/** A threat level on Watchfloor's scale: 1 low, 2 guarded, 3 elevated, 4 high, 5 critical. */
export type ThreatLevel = 1 | 2 | 3 | 4 | 5

export const THREAT_LEVELS: readonly ThreatLevel[] = [1, 2, 3, 4, 5]

export const LEVEL_LABELS: Readonly<Record<ThreatLevel, string>> = {
  1: 'low',
  2: 'guarded',
  3: 'elevated',
  4: 'high',
  5: 'critical',
}

/** Branded ids name what they identify; a plain string must be checked before it becomes one. */
export type EventId = string & { readonly __brand: 'EventId' }
/** ISO 3166-1 alpha-2 code, upper case (Kosovo is XK). */
export type CountryCode = string & { readonly __brand: 'CountryCode' }
/** A region slug: an M49 / STIX region-ov slug, an alias slug, or a dataset-defined slug. */
export type RegionId = string & { readonly __brand: 'RegionId' }

/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number

export type DatePrecision = 'year' | 'month' | 'day' | 'instant'

/**
 * A date as the source gave it. `startMs` is the first instant covered and `endMs` the
 * first instant after it (exclusive), so a year-precision date covers the whole year.
 */
export interface PartialDate {
  readonly text: string
  readonly precision: DatePrecision
  readonly startMs: EpochMs
  readonly endMs: EpochMs
}

export type ActorType = 'state' | 'person' | 'organization' | 'group' | 'unknown'

export interface Actor {
  readonly name: string
  readonly type: ActorType
  readonly role?: string
  readonly country?: CountryCode
}

export interface Quote {
  readonly speaker: string
  readonly text: string
}

export interface SourceRef {
  readonly name: string
  readonly url?: string
  readonly date?: string
}

export interface GeoPoint {
  readonly latDeg: number
  readonly lonDeg: number
  readonly name?: string
  readonly precision?: string
}

export type Trend = 'improving' | 'stable' | 'deteriorating'

/** One event after validation and normalisation. Never mutated once built. */
export interface ThreatEvent {
  readonly id: EventId
  readonly title: string
  readonly summary?: string
  readonly category?: string
  readonly tags: readonly string[]
  readonly sectors: readonly string[]
  readonly date: PartialDate
  readonly endDate?: PartialDate
  readonly threatLevel: ThreatLevel
  /** The level exactly as the source gave it, when it differed from `threatLevel`. */
  readonly sourceLevel?: string | number
  readonly actors: readonly Actor[]
  /** Where the event happened: gauges, map shading and place filters count the event here. */
  readonly countries: readonly CountryCode[]
  /**
   * Countries taking part from elsewhere (mediators, hosts, sponsors, victims' home states):
   * shown with the event, never counted as a place of it. Absent when the data names none.
   */
  readonly involvedCountries?: readonly CountryCode[]
  /** Regions as given, plus those derived from the countries when none were given. */
  readonly regions: readonly RegionId[]
  readonly location?: GeoPoint
  readonly trend?: Trend
  readonly confidence?: number
  readonly fatalities?: number
  readonly assessment?: string
  readonly impacts: readonly string[]
  readonly quotes: readonly Quote[]
  readonly sources: readonly SourceRef[]
  readonly related: readonly string[]
  /** Source-specific fields kept beside the normalised ones (ACLED ids, CAMEO codes, …). */
  readonly extra?: Readonly<Record<string, string | number | boolean>>
}

/** A region declared by a dataset: a slug, a display name and its member countries. */
export interface RegionDef {
  readonly id: RegionId
  readonly name: string
  readonly countries: readonly CountryCode[]
}

export type LevelScheme = 'watchfloor' | 'uk-jtac' | 'hsas' | 'ntas' | 'defcon' | 'goldstein'

export interface Dataset {
  readonly schemaVersion: 1
  readonly name: string
  readonly description?: string
  readonly generatedAt?: string
  readonly source?: string
  readonly levelScheme?: LevelScheme
  readonly regions: readonly RegionDef[]
  readonly events: readonly ThreatEvent[]
}

/** One problem found while reading input: which row (1-based), which field, and why. */
export interface ImportIssue {
  readonly row: number
  readonly field: string
  readonly message: string
}

/**
 * What every importer returns. `total` counts the events read, `dataset.events` the accepted
 * ones and `rejected` the others, so accepted + rejected = total always. `merged` counts the
 * records folded into another record's event (an ACLED monadic row, a GDELT duplicate), so the
 * records read are total + merged. `issues` explain the
 * rejections (several may name one row); `warnings` note what was dropped or assumed in rows
 * that were still accepted (an unknown country, a 0,0 location).
 */
export interface ImportResult {
  readonly format: string
  readonly total: number
  readonly dataset: Dataset
  readonly rejected: number
  /** Records folded into another record's event; 0 for most files. */
  readonly merged: number
  readonly rejectedRows: readonly number[]
  readonly issues: readonly ImportIssue[]
  readonly warnings: readonly ImportIssue[]
  /** What the reader did to the file as a whole (mentions joined, duplicates merged), one line each. */
  readonly notes?: readonly string[]
}
