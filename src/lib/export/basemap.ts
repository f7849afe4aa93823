import type { Feature, GeoJsonProperties, MultiPolygon, Polygon } from 'geojson'
import type { GeometryCollection } from 'topojson-specification'
import type { BasemapShape } from '../../domain/export/picture/map-chart.ts'
import { lookupCountry } from '../../domain/regions.ts'
import { fetchWorldAtlas } from '../world-atlas.ts'

export type BasemapDetail = '110m' | '50m'

const cache = new Map<BasemapDetail, Promise<BasemapShape[]>>()

async function build(detail: BasemapDetail): Promise<BasemapShape[]> {
  const [{ feature }, topology] = await Promise.all([import('topojson-client'), fetchWorldAtlas(detail)])
  const countries = topology.objects.countries as GeometryCollection<{ name?: string }>
  return countries.geometries.map((g) => {
    const f = feature(topology, g) as Feature<Polygon | MultiPolygon, GeoJsonProperties>
    const name = (g.properties as { name?: string } | undefined)?.name
    const byId = g.id !== undefined && g.id !== '' ? lookupCountry(String(g.id)) : undefined
    const code = (byId ?? (name ? lookupCountry(name) : undefined))?.code ?? null
    const polygons = f.geometry ? (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) : []
    return { code, rings: polygons.flatMap((p) => p.map((ring) => ring.map((pt) => [pt[0]!, pt[1]!] as const))) }
  })
}

/**
 * The Natural Earth country shapes (world-atlas) for composed pictures, loaded once per detail
 * from our own origin: the coarse set for a world view, the finer one for a close view.
 */
export function loadBasemap(detail: BasemapDetail): Promise<BasemapShape[]> {
  let pending = cache.get(detail)
  if (!pending) {
    pending = build(detail)
    pending.catch(() => cache.delete(detail))
    cache.set(detail, pending)
  }
  return pending
}
