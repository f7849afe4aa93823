import { useEffect, useRef } from 'react'
import type { CountryCode } from '../../../domain/model.ts'
import { countryByCode } from '../../../domain/regions.ts'
import { L, type CircleMarker, type CircleMarkerOptions, type LayerGroup, type LeafletMap, type LeafletMouseEvent } from '../../../lib/leaflet/leaflet.ts'
import { shapeStyle, type ShadeMeasure } from '../utils/palette.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import type { MapShape } from '../utils/world-shapes.ts'
import { useMapTheme } from './use-map-theme.ts'
import type { ShapeHandlers } from './use-shape-layer.ts'

interface PlaceMarkers {
  readonly group: LayerGroup
  readonly drawn: ReadonlySet<string | null>
  readonly byCode: Map<string, { marker: CircleMarker; key: string }>
}

/**
 * Countries with matching events but no shape at this level of detail (Singapore and Hong Kong
 * at 110m, most microstates at any scale) get a small shaded marker at their reference point,
 * so they can be seen, hovered and clicked like any other country. One marker per country, a
 * handful in all; events themselves stay on the canvas layer. Markers are kept while the map and
 * its shapes stay: a filter change restyles, adds or removes only the markers it changes.
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
  const markers = useRef<PlaceMarkers | null>(null)

  useEffect(() => {
    if (!map || !shapes || !enabled) return
    const group = L.layerGroup().addTo(map)
    markers.current = { group, drawn: new Set(shapes.map((s) => s.id)), byCode: new Map() }
    return () => {
      group.remove()
      markers.current = null
    }
  }, [map, shapes, enabled])

  useEffect(() => {
    const kept = markers.current
    if (!map || !kept) return
    const theme = mapTheme.read(map.getContainer(), false, '')
    const seen = new Set<string>()
    for (const [code, shade] of shading) {
      if (kept.drawn.has(code)) continue
      const country = countryByCode(code as CountryCode)
      if (!country) continue
      seen.add(code)
      const style = shapeStyle(shade, measure)
      const isSelected = selected.includes(code)
      const options: CircleMarkerOptions = {
        radius: 6,
        weight: isSelected ? 2.5 : 1.5,
        color: isSelected ? theme.accent : theme.muted,
        fillColor: style?.quiet ? '#7a8494' : (style?.fillColor ?? '#7a8494'),
        fillOpacity: style?.quiet ? 0.35 : 0.9,
        dashArray: style?.quiet ? '2 2' : undefined,
      }
      const key = `${options.weight} ${options.color} ${options.fillColor} ${options.fillOpacity} ${options.dashArray}`
      const existing = kept.byCode.get(code)
      if (existing) {
        if (existing.key !== key) existing.marker.setStyle(options)
        existing.key = key
        continue
      }
      const marker = L.circleMarker([country.latDeg, country.lonDeg], { ...options, className: 'map-place-marker' })
      marker.on('click', (e: LeafletMouseEvent) => {
        L.DomEvent.stop(e)
        handlers.current.onShapeClick(code, e)
      })
      marker.on('mouseover', (e: LeafletMouseEvent) => handlers.current.onShapeHover(code, e))
      marker.on('mousemove', (e: LeafletMouseEvent) => handlers.current.onShapeHover(code, e))
      marker.on('mouseout', (e: LeafletMouseEvent) => handlers.current.onShapeHover(null, e))
      kept.group.addLayer(marker)
      kept.byCode.set(code, { marker, key })
    }
    for (const [code, { marker }] of kept.byCode) {
      if (seen.has(code)) continue
      kept.group.removeLayer(marker)
      kept.byCode.delete(code)
    }
  }, [map, shapes, enabled, shading, measure, selected, handlers, mapTheme])
}
