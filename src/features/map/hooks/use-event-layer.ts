import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import { itemRadius, type MapViewport, type PointFrame } from '../../../domain/engine/map-points.ts'
import type { EventRef } from '../../../domain/engine/views-engine.ts'
import type { LeafletMap } from '../../../lib/leaflet/leaflet.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { drawFrame, drawNewRings, drawPlaceLabels } from '../utils/draw-events.ts'
import { chipsClearOf, type DiscAt } from '../utils/label-collisions.ts'
import type { PlaceLabel } from '../utils/place-labels.ts'
import { GridIndex } from '../utils/spatial-index.ts'

/** What is under the pointer: events drawn one by one, or a bin of many. */
export type EventHit =
  | { readonly kind: 'points'; readonly refs: readonly EventRef[]; readonly level: number; readonly approximate: boolean }
  | { readonly kind: 'bin'; readonly ref: EventRef; readonly count: number; readonly level: number; readonly x: number; readonly y: number }

export interface EventLayerApi {
  /** The events under a container point (px), nearest first; null when none. */
  hitTest(x: number, y: number): EventHit | null
}

/** Hit radius beyond a disc's edge, px: small targets stay easy to hover. */
const HIT_SLACK_PX = 3

function viewportOf(map: LeafletMap): MapViewport {
  const size = map.getSize()
  const topLeft = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin())
  return { scale: 2 ** map.getZoom(), originX: topLeft.x, originY: topLeft.y, width: size.x, height: size.y }
}

function sameViewport(a: MapViewport, b: MapViewport): boolean {
  return a.scale === b.scale && a.originX === b.originX && a.originY === b.originY && a.width === b.width && a.height === b.height
}

/**
 * From a frame's pixels to the map's pixels now: the identity when the frame was answered for
 * this viewport; otherwise (an answer that arrives after the map moved on) a scale and shift, so
 * the events stay where they are on the ground until the answer for this viewport comes.
 */
function frameToView(frame: PointFrame, view: MapViewport): { readonly k: number; readonly dx: number; readonly dy: number } {
  const from = frame.viewport
  const k = view.scale / from.scale
  return { k, dx: from.originX * k - view.originX, dy: from.originY * k - view.originY }
}

/**
 * Our own canvas over the map, drawn from the engine's answer for the viewport (never one
 * Leaflet marker per event). The layer asks for its viewport (`points`) on every pan and zoom
 * (Leaflet fires 'move' for both) and draws whatever frame the engine gives: the local engine
 * answers at once, in the same move; a selection, place labels or colours repaint the kept frame.
 * Hover and click go through a grid index of what was last drawn, built on first use after
 * each redraw. Events a live refresh brought get a ring. The canvas carries its last redraw
 * time (`data-draw-ms`: ask, answer and paint), mode, visible count and ringed new count for
 * tests and benchmarks.
 */
export function useEventLayer(
  map: LeafletMap | null,
  selectedRow: EventRef | null,
  /** Levels written over shaded places (drawn above the events). */
  labels: readonly PlaceLabel[] = [],
): RefObject<EventLayerApi> {
  const state = useRef({ selectedRow, labels })
  useLayoutEffect(() => {
    state.current = { selectedRow, labels }
  })
  const drawnRef = useRef<{ readonly frame: PointFrame; readonly view: MapViewport } | null>(null)
  const indexRef = useRef<GridIndex | null>(null)
  const redrawRef = useRef<() => void>(() => {})
  const api = useRef<EventLayerApi>({
    hitTest(x, y) {
      const drawn = drawnRef.current
      if (!drawn || drawn.frame.size === 0) return null
      const { frame, view } = drawn
      const { k, dx, dy } = frameToView(frame, view)
      // The pointer in the frame's own pixels.
      const fx = (x - dx) / k
      const fy = (y - dy) / k
      indexRef.current ??= new GridIndex(frame.x, frame.y, frame.size, frame.viewport.width, frame.viewport.height, 24)
      const near = indexRef.current.within(fx, fy, 24).filter((i) => Math.hypot(frame.x[i]! - fx, frame.y[i]! - fy) <= itemRadius(frame, i) + HIT_SLACK_PX)
      if (near.length === 0) return null
      const i = near[0]!
      if (frame.mode === 'points') {
        return { kind: 'points', refs: near.map((j) => frame.ref[j]!), level: frame.level[i]!, approximate: frame.approximate[i] === 1 }
      }
      return { kind: 'bin', ref: frame.ref[i]!, count: frame.count[i]!, level: frame.level[i]!, x: frame.x[i]! * k + dx, y: frame.y[i]! * k + dy }
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
    let colours = { halo: '#0e131b', text: '#e6ebf2' }
    const readColours = (): void => {
      const style = getComputedStyle(container)
      colours = {
        halo: style.getPropertyValue('--bg').trim() || colours.halo,
        text: style.getPropertyValue('--text').trim() || colours.text,
      }
    }
    readColours()
    // Paints now; `redraw` paints once at the next frame however many changes come before it
    // (a filter change brings new points and new place labels in separate commits).
    let scheduled = 0
    const paint = (): void => {
      if (scheduled !== 0) cancelAnimationFrame(scheduled)
      scheduled = 0
      if (!ctx) return
      const view = viewportOf(map)
      const dpr = window.devicePixelRatio || 1
      const w = Math.round(view.width * dpr)
      const h = Math.round(view.height * dpr)
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w
        canvas.height = h
        canvas.style.width = `${view.width}px`
        canvas.style.height = `${view.height}px`
      }
      const frame = useWatchfloor.getState().views.points
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      ctx.clearRect(0, 0, view.width, view.height)
      let ringed = 0
      // Bins' discs in container pixels, which the place chips keep clear of.
      const discs: DiscAt[] = []
      if (frame) {
        const { k, dx, dy } = frameToView(frame, view)
        ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * dx, dpr * dy)
        drawFrame(ctx, frame, { ...colours, selectedRow: state.current.selectedRow })
        ringed = drawNewRings(ctx, frame, colours)
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
        if (frame.mode === 'bins') {
          for (let i = 0; i < frame.size; i++) discs.push({ x: k * frame.x[i]! + dx, y: k * frame.y[i]! + dy, r: k * itemRadius(frame, i) })
        }
      }
      drawPlaceLabels(
        ctx,
        chipsClearOf(
          state.current.labels.map((l) => {
            const point = map.latLngToContainerPoint([l.latDeg, l.lonDeg])
            return { x: point.x, y: point.y, level: l.level }
          }),
          discs,
        ),
      )
      if (drawnRef.current?.frame !== frame) indexRef.current = null
      drawnRef.current = frame ? { frame, view } : null
      canvas.dataset.mode = frame?.mode ?? 'none'
      canvas.dataset.visible = String(frame?.visible ?? 0)
      canvas.dataset.marks = String(frame?.size ?? 0)
      canvas.dataset.newVisible = String(ringed)
    }
    const redraw = (): void => {
      if (scheduled === 0) scheduled = requestAnimationFrame(paint)
    }
    // Asks for the events in the viewport now shown; the answer (at once, for the local engine)
    // redraws through the subscription below.
    // A pan or zoom paints in the same move, so that the events never lag the map.
    let asking = false
    const ask = (): void => {
      const started = performance.now()
      const viewport = viewportOf(map)
      const { asks, setAsk } = useWatchfloor.getState()
      asking = true
      try {
        if (asks.points && sameViewport(asks.points.viewport, viewport)) paint()
        else setAsk('points', { viewport })
      } finally {
        asking = false
      }
      canvas.dataset.drawMs = (performance.now() - started).toFixed(2)
    }
    const unsubscribe = useWatchfloor.subscribe((s, prev) => {
      if (s.views.points !== prev.views.points) (asking ? paint : redraw)()
    })
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
    map.on('move resize', ask)
    ask()
    return () => {
      map.off('move resize', ask)
      unsubscribe()
      scheme?.removeEventListener?.('change', onScheme)
      themeObserver.disconnect()
      if (scheduled !== 0) cancelAnimationFrame(scheduled)
      canvas.remove()
      redrawRef.current = () => {}
      drawnRef.current = null
      indexRef.current = null
      useWatchfloor.getState().setAsk('points', null)
    }
  }, [map])

  useEffect(() => {
    redrawRef.current()
  }, [selectedRow, labels])

  return api
}
