import { useEffect, useMemo, type RefObject } from 'react'
import { L, type LeafletMap, type LeafletMouseEvent, type Path, type PathOptions } from '../../../lib/leaflet/leaflet.ts'
import { useMapTheme } from './use-map-theme.ts'
import { shapeStyle, type ShadeMeasure, type ShapeStyle } from '../utils/palette.ts'
import type { Shading } from '../../../domain/engine/views-engine.ts'
import type { MapShape } from '../utils/world-shapes.ts'

/** What the shapes report back to the map: the latest handlers, read through a ref. */
export interface ShapeHandlers {
  onShapeClick(id: string, event: LeafletMouseEvent): void
  onShapeHover(id: string | null, event: LeafletMouseEvent): void
}

/** Leaflet paths per shape id (several for an id drawn in pieces, such as Australia at 50m). */
export type ShapeLayers = ReadonlyMap<string, readonly Path[]>

function latLngs(shape: MapShape): [number, number][][][] {
  return shape.polygons.map((polygon) => polygon.map((ring) => ring.map((p): [number, number] => [p[1], p[0]])))
}

/**
 * Builds the shapes as Leaflet polygons (SVG) in one layer group when the shapes change, and adds
 * the group to the map while it is mounted. Shapes without an id are plain land: drawn, not
 * interactive. Returns the paths per id; they have elements only once added to the map.
 */
export function useShapeLayer(
  map: LeafletMap | null,
  shapes: readonly MapShape[] | null,
  handlers: RefObject<ShapeHandlers>,
): ShapeLayers | null {
  const built = useMemo(() => {
    if (!shapes) return null
    const group = L.layerGroup()
    const byId = new Map<string, Path[]>()
    for (const shape of shapes) {
      const id = shape.id
      const polygon = L.polygon(latLngs(shape), {
        className: id === null ? 'map-shape map-shape--unknown' : 'map-shape map-shape--empty',
        interactive: id !== null,
        weight: 0.7,
        color: '#2a3547',
        fillColor: '#1c2533',
        fillOpacity: id === null ? 0.6 : 1,
        smoothFactor: 1.5,
      })
      if (id !== null) {
        polygon.on('click', (e: LeafletMouseEvent) => {
          L.DomEvent.stop(e)
          handlers.current.onShapeClick(id, e)
        })
        polygon.on('mouseover', (e: LeafletMouseEvent) => handlers.current.onShapeHover(id, e))
        polygon.on('mousemove', (e: LeafletMouseEvent) => handlers.current.onShapeHover(id, e))
        polygon.on('mouseout', (e: LeafletMouseEvent) => handlers.current.onShapeHover(null, e))
        const list = byId.get(id) ?? []
        list.push(polygon)
        byId.set(id, list)
      }
      group.addLayer(polygon)
    }
    return { group, byId }
  }, [shapes, handlers])
  useEffect(() => {
    if (!map || !built) return
    built.group.addTo(map)
    addHatchPattern(map)
    return () => {
      built.group.remove()
    }
  }, [map, built])
  return map && built ? built.byId : null
}

/**
 * Applies fills, outlines and classes (empty, quiet, selected) when the shading, the selection
 * or the theme changes. Colours are explicit because the canvas renderer cannot read CSS; the
 * classes are there for the SVG fallback and for tests.
 */
export function useShapeStyles(
  map: LeafletMap | null,
  layers: ShapeLayers | null,
  shading: Shading,
  measure: ShadeMeasure,
  selected: readonly string[],
  /** An online tile layer is on: empty land turns see-through so the tiles show. */
  overTiles = false,
  /** Places early warning flags this week: outlined in the danger colour. */
  surging: ReadonlySet<string> = NO_SURGES,
  /** Places outside the place selection: dimmed, still clickable. */
  outside: (id: string) => boolean = NOTHING_OUTSIDE,
): void {
  const mapTheme = useMapTheme()
  useEffect(() => {
    if (!map || !layers) return
    const canvasRenderer = !map.getPanes().overlayPane.querySelector('svg')
    const theme = mapTheme.read(map.getContainer(), canvasRenderer, QUIET_HATCH_ID)
    // What a style is made from besides the place's own state: a change here restyles every shape.
    const drawnWith = `${measure} ${overTiles} ${theme.land} ${theme.quietFill} ${theme.accent} ${theme.danger} ${theme.muted} ${theme.border}`
    for (const [id, paths] of layers) {
      const style = shapeStyle(shading.get(id), measure)
      const isSelected = selected.includes(id)
      const isSurging = surging.has(id)
      const isOutside = outside(id)
      // A shape drawn as it was is left alone: the canvas then repaints only where a style changed.
      const key = (style === null ? 'none' : style.quiet ? 'quiet' : style.fillColor) + ((isSelected ? 4 : 0) + (isSurging ? 2 : 0) + (isOutside ? 1 : 0))
      let options: PathOptions | null = null
      for (const path of paths) {
        const el = path.getElement()
        const applied = appliedStyles.get(path)
        if (applied !== undefined && applied.key === key && applied.el === el && applied.drawnWith === drawnWith) continue
        appliedStyles.set(path, { key, el, drawnWith })
        options ??= pathOptions(style, theme, overTiles, isSelected, isSurging, isOutside)
        path.setStyle(options)
        if (el instanceof Element) {
          el.classList.toggle('map-shape--empty', style === null)
          el.classList.toggle('map-shape--quiet', style?.quiet === true)
          el.classList.toggle('map-shape--selected', isSelected)
          el.classList.toggle('map-shape--surge', isSurging)
          el.classList.toggle('map-shape--outside', isOutside)
          el.setAttribute('data-shape', id)
        }
        if (isSelected || isSurging) path.bringToFront()
      }
    }
  }, [map, layers, shading, measure, selected, overTiles, mapTheme, surging, outside])
}

// What each path was last styled from (see useShapeStyles).
const appliedStyles = new WeakMap<Path, { key: string; el: Element | undefined; drawnWith: string }>()

type MapTheme = ReturnType<ReturnType<typeof useMapTheme>['read']>

function pathOptions(style: ShapeStyle | null, theme: MapTheme, overTiles: boolean, isSelected: boolean, isSurging: boolean, isOutside: boolean): PathOptions {
  const fillOpacity = style === null ? (overTiles ? 0 : 1) : style.quiet ? (overTiles ? 0.5 : 1) : style.fillOpacity
  return {
    fillColor: (style === null ? theme.land : style.quiet ? theme.quietFill : style.fillColor) as string,
    fillOpacity: isOutside && style !== null ? fillOpacity * OUTSIDE_OPACITY : fillOpacity,
    opacity: isOutside ? OUTSIDE_OPACITY : 1,
    color: isSelected ? theme.accent : isSurging ? theme.danger : style?.quiet ? theme.muted : theme.border,
    weight: isSelected ? 2.5 : isSurging ? 2 : 0.7,
    dashArray: style?.quiet && !isSelected && !isSurging ? '3 2' : undefined,
  }
}

const NO_SURGES: ReadonlySet<string> = new Set()
const NOTHING_OUTSIDE = (): boolean => false
/** How much of its colour a place outside the selection keeps. */
const OUTSIDE_OPACITY = 0.3

/** The id of the hatch that fills "no recent activity" shapes (see map-panel.css). */
export const QUIET_HATCH_ID = 'map-quiet-hatch'

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Adds the hatch pattern to the SVG that Leaflet draws the shapes in, once. */
function addHatchPattern(map: LeafletMap): void {
  const svg = map.getPanes().overlayPane.querySelector('svg')
  if (!svg || svg.querySelector(`#${QUIET_HATCH_ID}`)) return
  const defs = document.createElementNS(SVG_NS, 'defs')
  const pattern = document.createElementNS(SVG_NS, 'pattern')
  pattern.setAttribute('id', QUIET_HATCH_ID)
  pattern.setAttribute('patternUnits', 'userSpaceOnUse')
  pattern.setAttribute('width', '6')
  pattern.setAttribute('height', '6')
  pattern.setAttribute('patternTransform', 'rotate(45)')
  const back = document.createElementNS(SVG_NS, 'rect')
  back.setAttribute('width', '6')
  back.setAttribute('height', '6')
  back.setAttribute('class', 'map-hatch__back')
  const line = document.createElementNS(SVG_NS, 'rect')
  line.setAttribute('width', '2')
  line.setAttribute('height', '6')
  line.setAttribute('class', 'map-hatch__line')
  pattern.append(back, line)
  defs.append(pattern)
  svg.prepend(defs)
}
