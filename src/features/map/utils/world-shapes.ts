/**
 * The offline basemap: Natural Earth country shapes from world-atlas (TopoJSON), resolved to
 * our country codes, split at the antimeridian, and dissolved into M49 sub-region outlines with
 * topojson's merge (shared borders vanish, only the region's outline stays).
 *
 * world-atlas ids are zero-padded ISO numeric codes, but a few shapes have none (N. Cyprus,
 * Somaliland, Kosovo, and at 50m Indian Ocean Ter. and Siachen Glacier): those are resolved by
 * name through lookupCountry, and any still unknown stay on the map as land that is not
 * clickable. Two shapes may share an id (Australia and Ashmore and Cartier Is. at 50m): shapes
 * are kept per feature, never per id, and both shade as Australia.
 */
import type { Feature, GeoJsonProperties, MultiPolygon, Polygon, Position } from 'geojson'
import { feature, merge } from 'topojson-client'
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification'
import type { CountryCode } from '../../../domain/model.ts'
import { countryByCode, lookupCountry, lookupRegion } from '../../../domain/regions.ts'
import { splitMultiPolygon, type PolygonRings } from './antimeridian.ts'

export type MapDetail = '110m' | '50m'

/** One shape of the basemap: a country, or a region dissolved from its countries. */
export interface MapShape {
  /** Alpha-2 code for a country, region id for a region; null for land we cannot name. */
  readonly id: string | null
  readonly name: string
  readonly polygons: readonly PolygonRings[]
}

export interface WorldShapes {
  readonly detail: MapDetail
  readonly countries: readonly MapShape[]
  /** M49 sub-regions that have at least one shape, dissolved. */
  readonly regions: readonly MapShape[]
}

type CountryGeometry = GeometryObject & { id?: string | number }

const nameOf = (g: CountryGeometry): string | undefined => (g.properties as { name?: string } | undefined)?.name

/** The alpha-2 code of a world-atlas shape: by numeric id, else by its name; null when neither resolves. */
export function resolveShapeCountry(id: string | number | undefined, name: string | undefined): CountryCode | null {
  if (id !== undefined && id !== '') {
    const byId = lookupCountry(String(id))
    if (byId) return byId.code
  }
  if (name) return lookupCountry(name)?.code ?? null
  return null
}

function polygonsOf(geometry: Polygon | MultiPolygon | null): PolygonRings[] {
  if (!geometry) return []
  const raw: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const typed = raw.map((polygon) => polygon.map((ring) => ring.map((p) => [p[0]!, p[1]!] as const)))
  return splitMultiPolygon(typed)
}

/** Builds country and region shapes from a world-atlas countries topology. */
export function buildWorldShapes(topology: Topology, detail: MapDetail): WorldShapes {
  const collection = topology.objects.countries as GeometryCollection<{ name?: string }>
  const geometries = collection.geometries as CountryGeometry[]
  const codes = geometries.map((g) => resolveShapeCountry(g.id, nameOf(g)))
  const countries: MapShape[] = geometries.map((g, i) => {
    const f = feature(topology, g) as Feature<Polygon | MultiPolygon, GeoJsonProperties>
    const code = codes[i]!
    return {
      id: code,
      name: (code && countryByCode(code)?.name) || nameOf(g) || 'Unnamed land',
      polygons: polygonsOf(f.geometry),
    }
  })
  const bySubRegion = new Map<string, CountryGeometry[]>()
  geometries.forEach((g, i) => {
    const code = codes[i]
    const subRegion = code ? countryByCode(code)?.subRegion : undefined
    if (!subRegion) return
    const list = bySubRegion.get(subRegion) ?? []
    list.push(g)
    bySubRegion.set(subRegion, list)
  })
  const regions: MapShape[] = [...bySubRegion].map(([id, members]) => ({
    id,
    name: lookupRegion(id)?.name ?? id,
    polygons: polygonsOf(merge(topology, members as Parameters<typeof merge>[1])),
  }))
  return { detail, countries, regions }
}
