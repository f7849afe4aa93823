/**
 * World shapes as flat typed arrays, so a worker can hand them to the page as transferable
 * buffers instead of a deep clone of nested coordinate arrays.
 */
import type { LonLat, PolygonRings } from './antimeridian.ts'
import type { MapDetail, MapShape, WorldShapes } from './world-shapes.ts'

export interface PackedShapes {
  readonly detail: MapDetail
  readonly countryCount: number
  readonly ids: readonly (string | null)[]
  readonly names: readonly string[]
  /** lon, lat pairs of every ring of every shape. */
  readonly coords: Float64Array
  /** Point index where each ring starts, plus one end entry. */
  readonly ringStarts: Uint32Array
  /** Ring index where each polygon starts, plus one end entry. */
  readonly polygonStarts: Uint32Array
  /** Polygon index where each shape starts, plus one end entry. */
  readonly shapeStarts: Uint32Array
}

export function packShapes(shapes: WorldShapes): PackedShapes {
  const all = [...shapes.countries, ...shapes.regions]
  let points = 0
  let rings = 0
  let polygons = 0
  for (const shape of all) {
    polygons += shape.polygons.length
    for (const polygon of shape.polygons) {
      rings += polygon.length
      for (const ring of polygon) points += ring.length
    }
  }
  const coords = new Float64Array(points * 2)
  const ringStarts = new Uint32Array(rings + 1)
  const polygonStarts = new Uint32Array(polygons + 1)
  const shapeStarts = new Uint32Array(all.length + 1)
  let p = 0
  let r = 0
  let g = 0
  all.forEach((shape, s) => {
    shapeStarts[s] = g
    for (const polygon of shape.polygons) {
      polygonStarts[g++] = r
      for (const ring of polygon) {
        ringStarts[r++] = p
        for (const point of ring) {
          coords[p * 2] = point[0]
          coords[p * 2 + 1] = point[1]
          p++
        }
      }
    }
  })
  ringStarts[r] = p
  polygonStarts[g] = r
  shapeStarts[all.length] = g
  return {
    detail: shapes.detail,
    countryCount: shapes.countries.length,
    ids: all.map((s) => s.id),
    names: all.map((s) => s.name),
    coords,
    ringStarts,
    polygonStarts,
    shapeStarts,
  }
}

export function unpackShapes(packed: PackedShapes): WorldShapes {
  const { coords, ringStarts, polygonStarts, shapeStarts } = packed
  const shapes: MapShape[] = packed.ids.map((id, s) => {
    const polygons: PolygonRings[] = []
    for (let g = shapeStarts[s]!; g < shapeStarts[s + 1]!; g++) {
      const rings: LonLat[][] = []
      for (let r = polygonStarts[g]!; r < polygonStarts[g + 1]!; r++) {
        const ring: LonLat[] = []
        for (let p = ringStarts[r]!; p < ringStarts[r + 1]!; p++) ring.push([coords[p * 2]!, coords[p * 2 + 1]!])
        rings.push(ring)
      }
      polygons.push(rings)
    }
    return { id, name: packed.names[s]!, polygons }
  })
  return { detail: packed.detail, countries: shapes.slice(0, packed.countryCount), regions: shapes.slice(packed.countryCount) }
}

/** The buffers to transfer with a PackedShapes message. */
export function transferablesOf(packed: PackedShapes): ArrayBuffer[] {
  return [packed.coords.buffer, packed.ringStarts.buffer, packed.polygonStarts.buffer, packed.shapeStarts.buffer] as ArrayBuffer[]
}
