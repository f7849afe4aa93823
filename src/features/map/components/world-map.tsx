import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { ThreatEvent, ThreatLevel } from '../../../domain/model.ts'
import { createMap, createTileLayer, type LeafletMap, type LeafletMouseEvent } from '../../../lib/leaflet/leaflet.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { levelLabel } from '../../../ui/level-style.ts'
import { useEventLayer, type EventHit } from '../hooks/use-event-layer.ts'
import type { ShadeBy } from '../hooks/use-shading.ts'
import { usePlaceMarkers } from '../hooks/use-place-markers.ts'
import { useShapeLayer, useShapeStyles, type ShapeHandlers } from '../hooks/use-shape-layer.ts'
import { useSurgingPlaces } from '../hooks/use-surging-places.ts'
import { useSelectionView } from '../hooks/use-selection-view.ts'
import { useWorldShapes } from '../hooks/use-world-shapes.ts'
import type { ShadeMeasure } from '../utils/palette.ts'
import { MAP_PRESETS, type MapPreset } from '../utils/presets.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import type { TileSettings } from '../utils/tiles.ts'
import { MapTooltip, type TooltipContent } from './map-tooltip.tsx'
import { FailedPart } from '../../../ui/failed-part.tsx'
import { placeLabels } from '../utils/place-labels.ts'
import { CARD_EVENTS, cardKeyOf, eventCardOf, type EventCard, type PointsHit } from '../utils/event-card.ts'

/** Zoom from which the 50m shapes replace the 110m ones. */
const DETAIL_ZOOM = 3.5

export interface WorldMapProps {
  readonly shadeBy: ShadeBy
  readonly measure: ShadeMeasure
  readonly shading: Shading
  /** A preset to fit; a new object (even for the same preset) fits again. */
  readonly fitTo: { readonly preset: MapPreset } | null
  /** The online tile layer, or null for the offline basemap only (the default). */
  readonly tiles: TileSettings | null
  /** Display name of a shape id (country code or region id). */
  readonly nameOf: (id: string) => string
  /** Drawn over the map (the legend). */
  readonly children?: ReactNode
}

const eventCount = (n: number): string => `${n.toLocaleString('en-GB')} event${n === 1 ? '' : 's'}`

function shapeTooltip(name: string, shading: Shading, id: string, measure: ShadeMeasure): string[] {
  const shade = shading.get(id)
  if (!shade) return ['No matching events']
  const lines: string[] = []
  if (shade.level === null) {
    lines.push('No recent activity', `${eventCount(shade.totalCount)} before the window`)
  } else {
    lines.push(`Level ${shade.level} ${levelLabel(shade.level)} · score ${shade.score.toFixed(1)}${measure === 'score' ? ' (shaded)' : ''}`)
    lines.push(`${eventCount(shade.windowCount)} in the window, ${shade.totalCount.toLocaleString('en-GB')} in all`)
  }
  lines.push(`Click to filter by ${name}`)
  return lines
}

/**
 * The map itself: Leaflet created once into a ref (as react-leaflet does), with props diffed
 * into it by effects. Shapes are shaded by threat; events are drawn on our own canvas layer.
 */

export function WorldMap({ shadeBy, measure, shading, fitTo, tiles, nameOf, children }: WorldMapProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<LeafletMap | null>(null)
  const [zoom, setZoom] = useState(1)
  const [tooltip, setTooltip] = useState<TooltipContent | null>(null)
  // Busy while the engine has yet to place a new table's events (a later stage, or a worker);
  // failed, not busy, when a warehouse could not fetch them (the frame before stays drawn).
  const pointsError = useWatchfloor((s) => s.views.pointsError ?? null)
  const pointsKept = useWatchfloor((s) => s.views.points !== null)
  const retryRemote = useWatchfloor((s) => s.retryRemote)
  const eventsReady = useWatchfloor((s) => s.asks.points === null || s.views.points !== null || s.views.pointsError !== undefined)
  const selectedRow = useWatchfloor((s) => s.selectedRow)
  const selectedCountries = useWatchfloor((s) => s.filter.countries)
  const selectedRegions = useWatchfloor((s) => s.filter.regions)
  const selected = shadeBy === 'countries' ? selectedCountries : selectedRegions

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const initial = useWatchfloor.getState().mapView
    const created = createMap(container, {
      centre: initial ? [initial.latDeg, initial.lonDeg] : [20, 10],
      zoom: initial ? initial.zoom : 1,
    })
    // With no view in the URL, fit the world; listeners come after, so this fit is not written back.
    if (!initial) created.fitBounds(MAP_PRESETS[0]!.bounds as [[number, number], [number, number]])
    setZoom(created.getZoom())
    created.on('moveend', () => {
      setZoom(created.getZoom())
      const c = created.getCenter()
      useWatchfloor.getState().setMapView({ latDeg: c.lat, lonDeg: c.lng, zoom: created.getZoom() })
    })
    const resize = new ResizeObserver(() => created.invalidateSize())
    resize.observe(container)
    setMap(created)
    return () => {
      resize.disconnect()
      created.remove()
      setMap(null)
    }
  }, [])

  useEffect(() => {
    if (map && fitTo) map.fitBounds(fitTo.preset.bounds as [[number, number], [number, number]])
  }, [map, fitTo])

  useEffect(() => {
    if (!map || !tiles) return
    const layer = createTileLayer(tiles.url, tiles.attribution).addTo(map)
    return () => {
      layer.remove()
    }
  }, [map, tiles])

  const { shapes, error } = useWorldShapes(zoom >= DETAIL_ZOOM ? '50m' : '110m')
  const labels = useMemo(() => placeLabels(shading, shadeBy === 'countries'), [shading, shadeBy])
  const events = useEventLayer(map, selectedRow, labels)

  const latest = useRef({ shadeBy, measure, shading, nameOf, map })
  useLayoutEffect(() => {
    latest.current = { shadeBy, measure, shading, nameOf, map }
  })
  const hoveredShape = useRef<string | null>(null)

  const handlers = useRef<ShapeHandlers & { onMapClick(e: LeafletMouseEvent): void; onMapMove(e: LeafletMouseEvent): void }>(
    null as never,
  )
  const eventTooltip = (hit: EventHit, x: number, y: number): TooltipContent => {
    const { map: m } = latest.current
    const size = m ? m.getSize() : { x: 0, y: 0 }
    const at = { x, y, width: size.x, height: size.y }
    if (hit.kind === 'bin') {
      card.current = null
      return {
        ...at,
        title: `${eventCount(hit.count)} here`,
        lines: [`Highest level ${hit.level} ${levelLabel(hit.level as ThreatLevel)}`, 'Click to zoom in'],
      }
    }
    return { ...at, ...pointsCard(hit) }
  }
  // The card of the points under the pointer, read when they are hovered: an answer for points
  // the pointer has left is dropped.
  const card = useRef<{ readonly key: string; readonly data: object; readonly events: readonly ThreatEvent[] | null } | null>(null)
  const pointsCard = (hit: PointsHit): EventCard => {
    const key = cardKeyOf(hit)
    const state = useWatchfloor.getState()
    const known = card.current
    if (known !== null && known.key === key && known.data === state.dataToken) return eventCardOf(hit, known.events)
    const asked = { key, data: state.dataToken, events: null }
    card.current = asked
    state.fetchEvents(hit.refs.slice(0, CARD_EVENTS)).then(
      (events) => {
        if (card.current !== asked) return
        card.current = { ...asked, events }
        setTooltip((shown) => (shown === null ? null : { ...shown, ...eventCardOf(hit, events) }))
      },
      () => {
        if (card.current !== asked) return
        card.current = null
        setTooltip((shown) => (shown === null ? null : { ...shown, title: 'The event could not be read' }))
      },
    )
    return eventCardOf(hit, null)
  }
  const hover = (e: LeafletMouseEvent): void => {
    const { x, y } = e.containerPoint
    const hit = events.current.hitTest(x, y)
    const container = latest.current.map?.getContainer()
    if (container) container.style.cursor = hit || hoveredShape.current ? 'pointer' : ''
    if (hit) return setTooltip(eventTooltip(hit, x, y))
    card.current = null
    const id = hoveredShape.current
    if (id === null) return setTooltip(null)
    const { shading: sh, measure: me, nameOf: name } = latest.current
    const size = latest.current.map?.getSize() ?? { x: 0, y: 0 }
    setTooltip({ x, y, width: size.x, height: size.y, title: name(id), lines: shapeTooltip(name(id), sh, id, me) })
  }
  const click = (e: LeafletMouseEvent, shapeId: string | null): void => {
    const { x, y } = e.containerPoint
    const hit = events.current.hitTest(x, y)
    const state = useWatchfloor.getState()
    if (hit?.kind === 'points') return state.selectRow(hit.refs[0]!)
    if (hit?.kind === 'bin') {
      const m = latest.current.map
      if (m) m.setView(m.containerPointToLatLng([hit.x, hit.y]), Math.min(m.getMaxZoom(), m.getZoom() + 2))
      return
    }
    if (shapeId === null) return
    if (latest.current.shadeBy === 'countries') state.toggleCountry(shapeId)
    else state.toggleRegion(shapeId)
  }
  useLayoutEffect(() => {
    handlers.current = {
      onShapeClick: (id, e) => click(e, id),
      onShapeHover: (id, e) => {
        hoveredShape.current = id
        hover(e)
      },
      onMapClick: (e) => click(e, null),
      onMapMove: (e) => hover(e),
    }
  })

  useEffect(() => {
    if (!map) return
    const onClick = (e: LeafletMouseEvent): void => handlers.current.onMapClick(e)
    const onMove = (e: LeafletMouseEvent): void => handlers.current.onMapMove(e)
    const onOut = (): void => {
      card.current = null
      setTooltip(null)
    }
    map.on('click', onClick)
    map.on('mousemove', onMove)
    map.on('mouseout movestart', onOut)
    return () => {
      map.off('click', onClick)
      map.off('mousemove', onMove)
      map.off('mouseout movestart', onOut)
    }
  }, [map])

  const shapeList = useMemo(() => (shapes ? (shadeBy === 'countries' ? shapes.countries : shapes.regions) : null), [shapes, shadeBy])
  const layers = useShapeLayer(map, shapeList, handlers)
  const surging = useSurgingPlaces(shadeBy)
  const outside = useSelectionView(map, shapes?.countries ?? null, shadeBy, shading)
  useShapeStyles(map, layers, shading, measure, selected, tiles !== null, surging, outside)
  usePlaceMarkers(map, shapeList, shadeBy === 'countries', shading, measure, selected, handlers)

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'Escape') return
    setTooltip(null)
    const state = useWatchfloor.getState()
    if (shadeBy === 'countries' && state.filter.countries.length > 0) state.setCountries([])
    else if (shadeBy === 'regions' && state.filter.regions.length > 0) state.setRegions([])
  }

  return (
    <div className="world-map" onKeyDown={onKeyDown} aria-busy={!eventsReady || undefined} data-events={pointsError !== null ? 'failed' : eventsReady ? 'ready' : 'busy'}>
      <div
        ref={containerRef}
        className="world-map__leaflet"
        data-testid="map-canvas"
        data-shapes={shapes ? shapes.detail : 'loading'}
        aria-label="Map of events and threat by place; the Table tab lists the same places as text"
      />
      {error && (
        <p className="world-map__error" role="alert">
          The basemap could not load: {error}
        </p>
      )}
      {pointsError !== null && (
        <FailedPart className="world-map__error world-map__error--events" what="The map's events" reason={pointsError} kept={pointsKept} onRetry={retryRemote} testId="map-events-failed" />
      )}
      {children}
      {tooltip && <MapTooltip content={tooltip} />}
    </div>
  )
}
