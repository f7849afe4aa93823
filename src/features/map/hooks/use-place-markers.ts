import { useEffect } from 'react'
import type { CountryCode } from '../../../domain/model.ts'
import { countryByCode } from '../../../domain/regions.ts'
import { L, type LeafletMap, type LeafletMouseEvent } from '../../../lib/leaflet/leaflet.ts'
import { shapeStyle, type ShadeMeasure } from '../utils/palette.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import type { MapShape } from '../utils/world-shapes.ts'
import { useMapTheme } from './use-map-theme.ts'
import type { ShapeHandlers } from './use-shape-layer.ts'

/**
 * Countries with matching events but no shape at this level of detail (Singapore and Hong Kong
 * at 110m, most microstates at any scale) get a small shaded marker at their reference point,
 * so they can be seen, hovered and clicked like any other country. One marker per country, a
 * handful in all; events themselves stay on the canvas layer.
 */
export function usePlaceMarkers(
  map: LeafletMap | null,
  shapes: readonly MapShape[] | null,
  enabled: boolean,
  shading: Shading,
  measure: ShadeMeasure,
  selected: readonly string[],
  handlers: { readonly current: ShapeHandlers },
): void {
  const mapTheme = useMapTheme()
  useEffect(() => {
    if (!map || !shapes || !enabled) return
    const drawn = new Set(shapes.map((s) => s.id))
    const group = L.layerGroup()
    const theme = mapTheme.read(map.getContainer(), false, '')
    for (const [code, shade] of shading) {
      if (drawn.has(code)) continue
      const country = countryByCode(code as CountryCode)
      if (!country) continue
      const style = shapeStyle(shade, measure)
      const marker = L.circleMarker([country.latDeg, country.lonDeg], {
        radius: 6,
        weight: selected.includes(code) ? 2.5 : 1.5,
        color: selected.includes(code) ? theme.accent : theme.muted,
        fillColor: style?.quiet ? '#7a8494' : (style?.fillColor ?? '#7a8494'),
        fillOpacity: style?.quiet ? 0.35 : 0.9,
        dashArray: style?.quiet ? '2 2' : undefined,
        className: 'map-place-marker',
      })
      marker.on('click', (e: LeafletMouseEvent) => {
        L.DomEvent.stop(e)
        handlers.current.onShapeClick(code, e)
      })
      marker.on('mouseover', (e: LeafletMouseEvent) => handlers.current.onShapeHover(code, e))
      marker.on('mousemove', (e: LeafletMouseEvent) => handlers.current.onShapeHover(code, e))
      marker.on('mouseout', (e: LeafletMouseEvent) => handlers.current.onShapeHover(null, e))
      group.addLayer(marker)
    }
    group.addTo(map)
    return () => {
      group.remove()
    }
  }, [map, shapes, enabled, shading, measure, selected, handlers, mapTheme])
}
