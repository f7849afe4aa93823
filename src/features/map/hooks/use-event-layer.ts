import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import type { EventTable } from '../../../domain/table-types.ts'
import type { LeafletMap } from '../../../lib/leaflet/leaflet.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { drawFrame, drawNewRings, drawPlaceLabels } from '../utils/draw-events.ts'
import type { ProjectedPoints } from '../utils/mercator.ts'
import { buildFrame, FrameBuffers, itemRadius, type Frame, type ViewFrame } from '../utils/point-frame.ts'
import type { PlaceLabel } from '../utils/place-labels.ts'
import { GridIndex } from '../utils/spatial-index.ts'

/** What is under the pointer: events drawn one by one, or a bin of many. */
export type EventHit =
  | { readonly kind: 'points'; readonly rows: readonly number[] }
  | { readonly kind: 'bin'; readonly row: number; readonly count: number; readonly level: number; readonly x: number; readonly y: number }

export interface EventLayerApi {
  /** The events under a container point (px), nearest first; null when none. */
  hitTest(x: number, y: number): EventHit | null
}

/** Hit radius beyond a disc's edge, px: small targets stay easy to hover. */
const HIT_SLACK_PX = 3

function viewOf(map: LeafletMap): ViewFrame {
  const size = map.getSize()
  const topLeft = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin())
  return { scale: 2 ** map.getZoom(), originX: topLeft.x, originY: topLeft.y, width: size.x, height: size.y }
}

/** What a frame is built from: the same inputs give the same frame, so it is kept, not rebuilt. */
interface FrameInputs {
  readonly table: EventTable
  readonly points: { readonly mask: Uint8Array; readonly ignoredBits: number }
  readonly projected: ProjectedPoints
  readonly view: ViewFrame
}

function sameInputs(a: FrameInputs | null, b: FrameInputs): boolean {
  return (
    a !== null &&
    a.table === b.table &&
    a.points === b.points &&
    a.projected === b.projected &&
    a.view.scale === b.view.scale &&
    a.view.originX === b.view.originX &&
    a.view.originY === b.view.originY &&
    a.view.width === b.view.width &&
    a.view.height === b.view.height
  )
}

/**
 * Our own canvas over the map, redrawn from the table's typed columns on every move and zoom
 * (never one Leaflet marker per event); Leaflet fires 'move' for pans and for every zoom, so one
 * listener redraws each view once. The frame (which events or bins are where) is rebuilt only
 * when the view, the table, the mask or the projection changes: a new selection, place labels or
 * colours repaint the kept frame, which at a million rows is the difference between a pass over
 * every row and a few hundred discs. Hover and click go through a grid index of what was
 * last drawn, built on first use after each redraw. Events a live refresh brought get a ring,
 * from the store's row flags (built once per refresh, not per frame). The canvas carries its
 * last redraw time (`data-draw-ms`), mode, visible count and ringed new count for tests and
 * benchmarks.
 */
export function useEventLayer(
  map: LeafletMap | null,
  table: EventTable,
  /** The table's positions (useProjection); rows are drawn only with them. */
  projected: ProjectedPoints,
  /** Which rows pass the filters the map does not ignore. */
  points: { readonly mask: Uint8Array; readonly ignoredBits: number },
  selectedRow: number | null,
  /** Levels written over shaded places (drawn above the events). */
  labels: readonly PlaceLabel[] = [],
): RefObject<EventLayerApi> {
  const flags = useWatchfloor((s) => s.newRows)
  // Flags for another table (a load raced a refresh) ring nothing.
  const newRows = flags !== null && flags.length === table.size ? flags : null
  const state = useRef({ table, points, projected, selectedRow, labels, newRows })
  useLayoutEffect(() => {
    state.current = { table, points, projected, selectedRow, labels, newRows }
  })
  const frameRef = useRef<Frame | null>(null)
  const inputsRef = useRef<FrameInputs | null>(null)
  const indexRef = useRef<GridIndex | null>(null)
  const sizeRef = useRef({ width: 1, height: 1 })
  const redrawRef = useRef<() => void>(() => {})
  const api = useRef<EventLayerApi>({
    hitTest(x, y) {
      const frame = frameRef.current
      if (!frame || frame.size === 0) return null
      indexRef.current ??= new GridIndex(frame.x, frame.y, frame.size, sizeRef.current.width, sizeRef.current.height, 24)
      const near = indexRef.current.within(x, y, 24).filter((i) => {
        const dx = frame.x[i]! - x
        const dy = frame.y[i]! - y
        return Math.hypot(dx, dy) <= itemRadius(frame, i) + HIT_SLACK_PX
      })
      if (near.length === 0) return null
      if (frame.mode === 'points') return { kind: 'points', rows: near.map((i) => frame.row[i]!) }
      const i = near[0]!
      return { kind: 'bin', row: frame.row[i]!, count: frame.count[i]!, level: frame.level[i]!, x: frame.x[i]!, y: frame.y[i]! }
    },
  })

  useEffect(() => {
    if (!map) return
    const container = map.getContainer()
    const canvas = document.createElement('canvas')
    canvas.className = 'map-events'
    canvas.setAttribute('data-testid', 'map-events')
    canvas.setAttribute('aria-hidden', 'true')
    container.appendChild(canvas)
    const ctx = canvas.getContext('2d')
    const buffers = new FrameBuffers()
    let colours = { halo: '#0e131b', text: '#e6ebf2' }
    const readColours = (): void => {
      const style = getComputedStyle(container)
      colours = {
        halo: style.getPropertyValue('--bg').trim() || colours.halo,
        text: style.getPropertyValue('--text').trim() || colours.text,
      }
    }
    readColours()
    const redraw = (): void => {
      if (!ctx) return
      const started = performance.now()
      const view = viewOf(map)
      const dpr = window.devicePixelRatio || 1
      const w = Math.round(view.width * dpr)
      const h = Math.round(view.height * dpr)
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w
        canvas.height = h
        canvas.style.width = `${view.width}px`
        canvas.style.height = `${view.height}px`
      }
      const { table: t, points: m, projected: p, selectedRow: sel, labels: placeLabels, newRows: fresh } = state.current
      const inputs: FrameInputs = { table: t, points: m, projected: p, view }
      const kept = sameInputs(inputsRef.current, inputs) ? frameRef.current : null
      const frame = kept ?? buildFrame({ projected: p, level: t.level, approximate: t.approximate, mask: m.mask }, view, m.ignoredBits, buffers)
      inputsRef.current = inputs
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      drawFrame(ctx, frame, view.width, view.height, { ...colours, selectedRow: sel })
      const ringed = fresh ? drawNewRings(ctx, frame, fresh, colours) : 0
      drawPlaceLabels(
        ctx,
        placeLabels.map((l) => {
          const point = map.latLngToContainerPoint([l.latDeg, l.lonDeg])
          return { x: point.x, y: point.y, level: l.level }
        }),
      )
      if (frame !== kept) {
        frameRef.current = frame
        indexRef.current = null
      }
      sizeRef.current = { width: view.width, height: view.height }
      canvas.dataset.drawMs = (performance.now() - started).toFixed(2)
      canvas.dataset.mode = frame.mode
      canvas.dataset.visible = String(frame.visible)
      canvas.dataset.newVisible = String(ringed)
    }
    const scheme = window.matchMedia?.('(prefers-color-scheme: light)')
    const onScheme = (): void => {
      readColours()
      redraw()
    }
    scheme?.addEventListener?.('change', onScheme)
    // The app's theme switch sets data-theme on the root element.
    const themeObserver = new MutationObserver(onScheme)
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] })
    redrawRef.current = redraw
    map.on('move resize', redraw)
    redraw()
    return () => {
      map.off('move resize', redraw)
      scheme?.removeEventListener?.('change', onScheme)
      themeObserver.disconnect()
      canvas.remove()
      redrawRef.current = () => {}
      frameRef.current = null
      inputsRef.current = null
      indexRef.current = null
    }
  }, [map])

  useEffect(() => {
    redrawRef.current()
  }, [table, points, projected, selectedRow, labels, newRows])

  return api
}
