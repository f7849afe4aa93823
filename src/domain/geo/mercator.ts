/**
 * Web Mercator (EPSG:3857) as Leaflet draws it: a point's position in "world units", the pixel
 * position at zoom 0 where the whole world is a 256 × 256 square. At zoom z a world unit is 2^z
 * pixels, so columns are projected once per table and every redraw is a multiply and a subtract.
 */

/** Tile size of zoom 0, in pixels (Leaflet's default). */
export const WORLD_SIZE = 256

/** Latitude beyond which Web Mercator is clamped (Leaflet's SphericalMercator.MAX_LATITUDE). */
export const MAX_LATITUDE_DEG = 85.0511287798

const DEG = Math.PI / 180

/** World-unit x (0 at 180° W, 256 at 180° E) of a longitude in degrees. */
export function mercatorX(lonDeg: number): number {
  return ((lonDeg + 180) / 360) * WORLD_SIZE
}

/** World-unit y (0 at the top, 256 at the bottom) of a latitude in degrees, clamped to ±85.05°. */
export function mercatorY(latDeg: number): number {
  const lat = Math.max(-MAX_LATITUDE_DEG, Math.min(MAX_LATITUDE_DEG, latDeg))
  const sin = Math.sin(lat * DEG)
  return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * WORLD_SIZE
}

/** Latitude in degrees of a world-unit y: the inverse of mercatorY. */
export function latOfMercatorY(y: number): number {
  const n = Math.PI * (1 - (2 * y) / WORLD_SIZE)
  return Math.atan(Math.sinh(n)) / DEG
}

/** Projected event positions; NaN where the row has no position (never 0,0). */
export interface ProjectedPoints {
  readonly x: Float32Array
  readonly y: Float32Array
}

/**
 * Projects typed lat/lon columns to world units in one pass. A row whose latitude or longitude
 * is NaN stays NaN so callers skip it; it is never drawn at 0,0.
 */
export function projectColumns(latDeg: Float32Array, lonDeg: Float32Array): ProjectedPoints {
  const n = latDeg.length
  const x = new Float32Array(n)
  const y = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const lat = latDeg[i]!
    const lon = lonDeg[i]!
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
      x[i] = NaN
      y[i] = NaN
    } else {
      x[i] = mercatorX(lon)
      y[i] = mercatorY(lat)
    }
  }
  return { x, y }
}
