import { exportDeg } from '../../../../src/domain/export/coordinates.ts'
import type { ThreatEvent } from '../../../../src/domain/model.ts'

/**
 * The event as an export gives it back: coordinates at export precision (coordinates.ts). A point
 * that rounds to 0,0 reads back as the 0,0 placeholder, which the readers drop.
 */
export function atExportPrecision(event: ThreatEvent): ThreatEvent {
  if (!event.location) return event
  const { location, ...rest } = event
  const latDeg = exportDeg(location.latDeg)
  const lonDeg = exportDeg(location.lonDeg)
  return latDeg === 0 && lonDeg === 0 ? rest : { ...rest, location: { ...location, latDeg, lonDeg } }
}
