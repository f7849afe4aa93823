/**
 * The one door to Leaflet: the library, its stylesheet, and the map we build on it. Features
 * import Leaflet from here only, so its CSS is loaded once and its options are set in one place.
 */
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'

export { L }
export type { CircleMarker, CircleMarkerOptions, LatLngBoundsExpression, LayerGroup, LeafletKeyboardEvent, LeafletMouseEvent, Map as LeafletMap, Path, PathOptions, TileLayer } from 'leaflet'

export interface CreateMapOptions {
  readonly centre: readonly [number, number]
  readonly zoom: number
}

/** Web Mercator's latitude limit: the map never pans past it (no grey bands top and bottom). */
const WORLD_BOUNDS: L.LatLngBoundsExpression = [
  [-85.0511, -180],
  [85.0511, 180],
]

/**
 * A Leaflet map for the dashboard: shapes on a canvas renderer, one world copy (no wrapping, so every shape and event sits
 * once), zoom animation off so the event canvas and vector shapes move in step, and an
 * attribution control without Leaflet's flag prefix. The caller owns and removes the map.
 */
export function createMap(container: HTMLElement, options: CreateMapOptions): L.Map {
  const map = L.map(container, {
    center: [options.centre[0], options.centre[1]],
    zoom: options.zoom,
    minZoom: 0,
    maxZoom: 10,
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    wheelPxPerZoomLevel: 120,
    zoomAnimation: false,
    fadeAnimation: false,
    worldCopyJump: false,
    maxBounds: WORLD_BOUNDS,
    maxBoundsViscosity: 1,
    attributionControl: true,
    keyboard: true,
    renderer: supportsCanvas() ? L.canvas({ padding: 0.2 }) : L.svg(),
  })
  map.attributionControl.setPrefix(false)
  map.attributionControl.addAttribution('Natural Earth via world-atlas')
  return map
}

/**
 * True where a 2D canvas works. Shapes are drawn on Leaflet's canvas renderer there (at 50m it
 * redraws a zoom about four times faster than SVG); elsewhere (jsdom) they fall back to SVG.
 */
export function supportsCanvas(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null
  } catch {
    return false
  }
}

/**
 * Tiles fetched with CORS and shown from blob: URLs. The page's Content-Security-Policy allows
 * images only from our origin, data: and blob:, while fetch may reach http(s): so tiles pass
 * the policy, and because a blob is same-origin a PNG export can read them back from a canvas
 * (which is what crossOrigin is for with plain <img> tiles).
 */
class BlobTileLayer extends L.TileLayer {
  override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const tile = document.createElement('img')
    tile.alt = ''
    tile.setAttribute('role', 'presentation')
    tile.crossOrigin = 'anonymous'
    fetch(this.getTileUrl(coords), { mode: 'cors', credentials: 'omit' })
      .then((response) => {
        if (!response.ok) throw new Error(`tile ${response.status}`)
        return response.blob()
      })
      .then((blob) => {
        const url = URL.createObjectURL(blob)
        tile.onload = () => {
          URL.revokeObjectURL(url)
          done(undefined, tile)
        }
        tile.onerror = () => {
          URL.revokeObjectURL(url)
          done(new Error('tile image could not be decoded'), tile)
        }
        tile.src = url
      })
      .catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error)), tile))
    return tile
  }
}

/**
 * An online tile layer, made only when the user asks for one (see BlobTileLayer for how tiles
 * are loaded).
 */
export function createTileLayer(urlTemplate: string, attribution: string): L.TileLayer {
  // Leaflet writes attributions as HTML; the user's text is escaped so it stays text.
  return new BlobTileLayer(urlTemplate, { attribution: escapeHtml(attribution), crossOrigin: 'anonymous', maxZoom: 19 })
}

/** Escapes the five HTML-special characters, for the few Leaflet APIs that take HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
