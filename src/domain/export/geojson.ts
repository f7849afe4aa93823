import { LEVEL_LABELS, type ThreatEvent } from '../model.ts'
import { exportDeg, exportFloat32Deg } from './coordinates.ts'

/**
 * An event with where the map draws it (the event's place, or its country's when approximate):
 * `latDeg`/`lonDeg` as the table's float32 columns hold them.
 */
export interface PlacedEvent {
  readonly event: ThreatEvent
  readonly latDeg: number
  readonly lonDeg: number
  readonly approximate: boolean
}

export interface PointFeature {
  readonly type: 'Feature'
  readonly id: string
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] }
  readonly properties: Readonly<Record<string, string | number | boolean | readonly string[]>>
}

export interface EventCollection {
  readonly type: 'FeatureCollection'
  readonly features: readonly PointFeature[]
}

/** The point written for an event: its own location as given, else the drawn place as the decimal it was stored from. */
function pointOf({ event, latDeg, lonDeg, approximate }: PlacedEvent): [number, number] {
  const own = approximate ? undefined : event.location
  return own ? [exportDeg(own.lonDeg), exportDeg(own.latDeg)] : [exportFloat32Deg(lonDeg), exportFloat32Deg(latDeg)]
}

/**
 * The events as a GeoJSON FeatureCollection of points (RFC 7946: [lon, lat], WGS 84), with
 * coordinates as the other exports write them (at most six decimals, coordinates.ts). Events
 * with no place (NaN coordinates) are left out, never put at 0,0; `approximate` says when the
 * point is a country or region centroid.
 */
export function eventsToGeoJson(placed: Iterable<PlacedEvent>): EventCollection {
  const features: PointFeature[] = []
  for (const place of placed) {
    const { event, latDeg, lonDeg, approximate } = place
    if (!Number.isFinite(latDeg) || !Number.isFinite(lonDeg)) continue
    features.push({
      type: 'Feature',
      id: event.id,
      geometry: { type: 'Point', coordinates: pointOf(place) },
      properties: {
        title: event.title,
        date: event.date.text,
        threatLevel: event.threatLevel,
        levelLabel: LEVEL_LABELS[event.threatLevel],
        approximate,
        countries: [...event.countries],
        // Taking part from elsewhere (mediators, hosts): named, but the point is not theirs.
        ...(event.involvedCountries && event.involvedCountries.length > 0 ? { involvedCountries: [...event.involvedCountries] } : {}),
        regions: [...event.regions],
        actors: event.actors.map((a) => a.name),
        ...(event.category ? { category: event.category } : {}),
      },
    })
  }
  return { type: 'FeatureCollection', features }
}
