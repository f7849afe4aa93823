/**
 * Natural Earth shapes that cross the antimeridian (Russia's Chukotka, Fiji, Antarctica) come out
 * of topojson with rings that jump from +180° to −180°. A planar renderer such as Leaflet draws
 * that jump as a line across the whole map. Here each such ring is unwrapped into continuous
 * longitudes, closed over the pole when it circles one (Antarctica), and clipped against the
 * strip −180°…180° (Sutherland–Hodgman against two vertical lines) once for each of the shifts
 * −360°, 0° and +360°, so every piece lands inside the map.
 */

/** [lon, lat] in degrees, as GeoJSON orders them. */
export type LonLat = readonly [number, number]
export type Ring = readonly LonLat[]
/** A polygon: an outer ring, then holes. */
export type PolygonRings = readonly Ring[]

/** Rings whose consecutive points are more than 180° apart in longitude cross the antimeridian. */
export function crossesAntimeridian(ring: Ring): boolean {
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i]![0] - ring[i - 1]![0]) > 180) return true
  return false
}

/**
 * The ring with longitudes made continuous (each step the short way round). A ring that circles
 * a pole ends 360° away from where it started; it is closed along the pole's latitude (±90°).
 */
export function unwrapRing(ring: Ring): LonLat[] {
  if (ring.length === 0) return []
  const out: LonLat[] = [ring[0]!]
  let offset = 0
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i]![0] - ring[i - 1]![0]
    if (step > 180) offset -= 360
    else if (step < -180) offset += 360
    out.push([ring[i]![0] + offset, ring[i]![1]])
  }
  const first = out[0]!
  const last = out[out.length - 1]!
  if (Math.abs(last[0] - first[0]) > 180) {
    const poleLat = meanLat(out) < 0 ? -90 : 90
    out.push([last[0], poleLat], [first[0], poleLat], first)
  }
  return out
}

function meanLat(ring: readonly LonLat[]): number {
  let sum = 0
  for (const p of ring) sum += p[1]
  return sum / ring.length
}

/** Clips a closed ring to the half-plane lon ≥ edge (keep = 1) or lon ≤ edge (keep = −1). */
function clipToEdge(ring: readonly LonLat[], edge: number, keep: 1 | -1): LonLat[] {
  const out: LonLat[] = []
  const n = ring.length
  if (n === 0) return out
  const inside = (p: LonLat): boolean => (p[0] - edge) * keep >= 0
  for (let i = 0; i < n; i++) {
    const current = ring[i]!
    const previous = ring[(i + n - 1) % n]!
    const cin = inside(current)
    const pin = inside(previous)
    if (cin !== pin) {
      const t = (edge - previous[0]) / (current[0] - previous[0])
      out.push([edge, previous[1] + t * (current[1] - previous[1])])
    }
    if (cin) out.push(current)
  }
  return out
}

/** The part of a ring inside −180°…180°, after shifting it by `shiftDeg`; [] when nothing is left. */
export function clipRingToWorld(ring: readonly LonLat[], shiftDeg = 0): LonLat[] {
  const shifted = shiftDeg === 0 ? ring : ring.map((p): LonLat => [p[0] + shiftDeg, p[1]])
  const clipped = clipToEdge(clipToEdge(shifted, -180, 1), 180, -1)
  if (clipped.length < 3) return []
  const first = clipped[0]!
  const last = clipped[clipped.length - 1]!
  if (first[0] !== last[0] || first[1] !== last[1]) clipped.push(first)
  return clipped
}

/**
 * A polygon as one or more polygons that stay inside −180°…180° and never jump across the map.
 * A polygon that does not cross the antimeridian is returned as it is.
 */
export function splitPolygon(polygon: PolygonRings): PolygonRings[] {
  if (!polygon.some(crossesAntimeridian)) return [polygon]
  const unwrapped = polygon.map(unwrapRing)
  const out: PolygonRings[] = []
  for (const shift of [-360, 0, 360]) {
    const outer = clipRingToWorld(unwrapped[0]!, shift)
    if (outer.length === 0) continue
    const holes = unwrapped.slice(1).map((hole) => clipRingToWorld(hole, shift)).filter((h) => h.length > 0)
    out.push([outer, ...holes])
  }
  return out
}

/** Every polygon of a Polygon or MultiPolygon's coordinates, split where it crosses the antimeridian. */
export function splitMultiPolygon(polygons: readonly PolygonRings[]): PolygonRings[] {
  return polygons.flatMap(splitPolygon)
}
