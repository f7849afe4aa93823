import type { PointFrame } from '../../engine/map-points.ts'
import { latOfMercatorY, WORLD_SIZE } from '../../geo/mercator.ts'
import type { MapPoints } from './map-chart.ts'

/**
 * A map frame (points or bins in a viewport's container pixels) as a picture's map points: each
 * item at its longitude and latitude (Web Mercator inverted: world unit = (pixel + origin) ÷
 * scale), with its highest level and the number of events it stands for, so a picture's cells
 * count every event a bin holds.
 */
export function framePoints(frame: PointFrame): MapPoints {
  const { scale, originX, originY } = frame.viewport
  const lonDeg = new Float32Array(frame.size)
  const latDeg = new Float32Array(frame.size)
  for (let i = 0; i < frame.size; i++) {
    lonDeg[i] = ((frame.x[i]! + originX) / scale / WORLD_SIZE) * 360 - 180
    latDeg[i] = latOfMercatorY((frame.y[i]! + originY) / scale)
  }
  return { lonDeg, latDeg, level: frame.level.slice(0, frame.size), count: frame.count.slice(0, frame.size) }
}
