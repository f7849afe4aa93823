/**
 * The map peer: N Leaflet L.circleMarker on one canvas renderer (preferCanvas), the same seeded
 * synthetic points the app draws, coloured by level. `?n=100000`.
 */
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { afterFrame } from './after-frame.ts'

const COLOURS = ['#4f8f5a', '#3f7fbf', '#d9a21b', '#e0672a', '#c62828']
const params = new URLSearchParams(location.search)
const n = Number(params.get('n') ?? 100_000)
const table = generateSyntheticTable({ size: n, seed: Number(params.get('seed') ?? 20251104) })

async function start(): Promise<number> {
  const t0 = performance.now()
  const map = L.map('map', { preferCanvas: true, zoomAnimation: false, fadeAnimation: false }).setView([20, 10], 2)
  // Registered before the canvas renderer exists, so it runs before the renderer's own moveend
  // handler: the redraw is timed from the end of the move to the end of the canvas's _redraw.
  let movedAt = NaN
  map.on('moveend', () => {
    movedAt = performance.now()
  })
  const group = L.layerGroup()
  for (let row = 0; row < table.size; row++) {
    const lat = table.latDeg[row]!
    const lon = table.lonDeg[row]!
    if (Number.isNaN(lat)) continue
    L.circleMarker([lat, lon], { radius: 3, weight: 0, fillOpacity: 0.7, color: COLOURS[table.level[row]! - 1]! }).addTo(group)
  }
  group.addTo(map)
  const renderer = (map as unknown as { _renderer: { _redraw(): void } })._renderer
  const redraw = renderer._redraw
  renderer._redraw = function (this: unknown) {
    redraw.call(this)
    if (!Number.isNaN(movedAt)) {
      bench.lastRedrawMs = performance.now() - movedAt
      movedAt = NaN
    }
  }
  await afterFrame()
  await afterFrame()
  return performance.now() - t0
}

const bench: { ready: Promise<number>; lastRedrawMs?: number } = { ready: Promise.resolve(0) }
window.__bench = bench
bench.ready = start()
