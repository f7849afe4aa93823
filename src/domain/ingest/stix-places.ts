import type { CountryCode, RegionId } from '../model.ts'
import { lookupCountry, lookupRegion } from '../regions.ts'

/** A STIX object as read: any JSON object with a string `type` and `id`. */
export type StixObject = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string }

/** Where a STIX location object points: countries, regions and perhaps a point. */
export interface StixPlace {
  readonly name: string
  readonly countries: readonly CountryCode[]
  readonly regions: readonly RegionId[]
  /** A point finer than a country (the location names a city, a street or a precision). */
  readonly point?: { readonly lat: number; readonly lon: number }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []
}

function coordinate(value: unknown, limit: number): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined
}

/**
 * Resolves a location object. `country` may be alpha-2 (the spec) or alpha-3 or a name (as
 * OpenCTI writes); `region` a region-ov slug ('eastern-europe') or a free-text M49 name ('Eastern
 * Europe'). When neither resolves, the name is tried as a country, then as a region. Returns undefined
 * when nothing resolves (the caller reports it).
 */
export function resolvePlace(location: StixObject): StixPlace | undefined {
  const name = str(location.name) ?? str(location.country) ?? str(location.region) ?? location.id
  const countries: CountryCode[] = []
  const regions: RegionId[] = []
  const countryText = str(location.country)
  const regionText = str(location.region)
  if (countryText) {
    const c = lookupCountry(countryText)
    if (c) countries.push(c.code)
  }
  if (regionText && countries.length === 0) {
    const r = lookupRegion(regionText)
    if (r) regions.push(r.id)
  }
  // Real bundles carry codes that are no ISO code (OpenCTI's Taiwan is "TWA"): try the name too.
  if (countries.length === 0 && regions.length === 0 && str(location.name)) {
    const c = lookupCountry(name)
    if (c) countries.push(c.code)
    else {
      const r = lookupRegion(name)
      if (r) regions.push(r.id)
    }
  }
  const lat = coordinate(location.latitude, 90)
  const lon = coordinate(location.longitude, 180)
  const fine = str(location.city) !== undefined || str(location.street_address) !== undefined || location.precision !== undefined
  const hasPoint = lat !== undefined && lon !== undefined && !(lat === 0 && lon === 0)
  if (countries.length === 0 && regions.length === 0 && !hasPoint) return undefined
  const point = hasPoint && (fine || (countries.length === 0 && regions.length === 0)) ? { lat, lon } : undefined
  return { name, countries, regions, ...(point ? { point } : {}) }
}
