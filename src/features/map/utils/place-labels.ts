import type { ThreatLevel } from '../../../domain/model.ts'
import { countryByCode, lookupCountry, lookupRegion } from '../../../domain/regions.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'

/** A level written on the map at a shaded place, so the choropleth is never colour alone. */
export interface PlaceLabel {
  readonly id: string
  readonly latDeg: number
  readonly lonDeg: number
  readonly level: ThreatLevel
}

/** Where a place's label goes: a country's centroid, or the mean of its region's countries' centroids. */
function labelPoint(id: string, byCountry: boolean): [number, number] | null {
  if (byCountry) {
    const info = lookupCountry(id)
    return info ? [info.latDeg, info.lonDeg] : null
  }
  const members = (lookupRegion(id)?.countries ?? []).map((c) => countryByCode(c)).filter((c) => c !== undefined)
  if (members.length === 0) return null
  const lat = members.reduce((s, c) => s + c.latDeg, 0) / members.length
  const lon = members.reduce((s, c) => s + c.lonDeg, 0) / members.length
  return [lat, lon]
}

/** One label per shaded place with a level ("no recent activity" is told by its hatching). */
export function placeLabels(shading: Shading, byCountry: boolean): PlaceLabel[] {
  const out: PlaceLabel[] = []
  for (const [id, shade] of shading) {
    if (shade.level === null) continue
    const point = labelPoint(id, byCountry)
    if (point) out.push({ id, latDeg: point[0], lonDeg: point[1], level: shade.level })
  }
  return out
}
