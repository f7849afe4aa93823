/**
 * The map peer, the same seeded synthetic points the app draws, coloured by level, on a map made
 * as the app makes it (createMap: canvas renderer, the same zoom options) fitted to the same world
 * box, in a container of the app map's size (`?w=&h=`, CSS pixels). Two modes:
 *
 * - `?mode=cluster` (default): supercluster over every point, and one L.circleMarker per cluster
 *   or lone point of the view, remade on every moveend — what a Leaflet user draws for 100k
 *   points, against our screen bins (map-points.ts BIN_PX) at the same zoom. With `?target=N`
 *   (our canvas's mark count), the radius is the one of RADII whose first view holds the count
 *   of clusters nearest N, chosen before the clock starts, so both sides draw about as many marks.
 * - `?mode=markers`: one L.circleMarker per event, the naive way.
 */
import L from 'leaflet'
import Supercluster from 'supercluster'
import { BIN_PX } from '../../src/domain/engine/map-points.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { MAP_PRESETS } from '../../src/features/map/utils/presets.ts'
import { createMap } from '../../src/lib/leaflet/leaflet.ts'
import { afterFrame, type BenchPage } from './after-frame.ts'

const COLOURS = ['#4f8f5a', '#3f7fbf', '#d9a21b', '#e0672a', '#c62828']
const params = new URLSearchParams(location.search)
const n = Number(params.get('n') ?? 100_000)
const mode = params.get('mode') ?? 'cluster'
const container = document.getElementById('map')!
container.style.width = `${Number(params.get('w') ?? 800)}px`
container.style.height = `${Number(params.get('h') ?? 500)}px`
const table = generateSyntheticTable({ size: n, seed: Number(params.get('seed') ?? 20251104) })
const target = Number(params.get('target') ?? NaN)
/** Radii tried, in supercluster's pixels of a 512-unit tile (Leaflet's tiles are 256 px: half as many screen pixels). */
const RADII = [8, 12, 16, 24, 32, 48, 64, 96]

interface Props {
  readonly level: number
}

function pointsOf(): Supercluster.PointFeature<Props>[] {
  const points: Supercluster.PointFeature<Props>[] = []
  for (let row = 0; row < table.size; row++) {
    const lat = table.latDeg[row]!
    if (Number.isNaN(lat)) continue
    points.push({ type: 'Feature', properties: { level: table.level[row]! }, geometry: { type: 'Point', coordinates: [table.lonDeg[row]!, lat] } })
  }
  return points
}

function clusterIndex(radius: number, points: Supercluster.PointFeature<Props>[]): Supercluster<Props, { level: number }> {
  return new Supercluster<Props, { level: number }>({
    radius,
    maxZoom: 10,
    map: (p) => ({ level: p.level }),
    reduce: (acc, p) => void (acc.level = Math.max(acc.level, p.level)),
  }).load(points)
}

function viewBox(map: L.Map): [number, number, number, number] {
  const b = map.getBounds()
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
}

/** The radius of RADII whose first view holds the cluster count nearest `target` (by ratio); BIN_PX × 2 without one. */
function matchedRadius(map: L.Map): number {
  if (!(target > 0)) return BIN_PX * 2
  const points = pointsOf()
  const tried = RADII.map((radius) => ({ radius, clusters: clusterIndex(radius, points).getClusters(viewBox(map), map.getZoom()).length }))
  bench.tried = tried
  const off = (c: number): number => Math.abs(Math.log(Math.max(1, c) / target))
  return tried.reduce((best, t) => (off(t.clusters) < off(best.clusters) ? t : best)).radius
}

function clustered(map: L.Map, layer: L.LayerGroup, radius: number): () => void {
  const index = clusterIndex(radius, pointsOf())
  bench.radius = radius
  return () => {
    layer.clearLayers()
    for (const c of index.getClusters(viewBox(map), map.getZoom())) {
      const [lon, lat] = c.geometry.coordinates as [number, number]
      const count = 'point_count' in c.properties ? c.properties.point_count : 1
      L.circleMarker([lat, lon], { radius: Math.min(BIN_PX / 2, 4 + Math.sqrt(count) * 1.1), weight: 0, fillOpacity: 0.7, color: COLOURS[c.properties.level - 1]! }).addTo(layer)
    }
    bench.drawn = layer.getLayers().length
  }
}

function markers(layer: L.LayerGroup): void {
  for (let row = 0; row < table.size; row++) {
    const lat = table.latDeg[row]!
    if (Number.isNaN(lat)) continue
    L.circleMarker([lat, table.lonDeg[row]!], { radius: 3, weight: 0, fillOpacity: 0.7, color: COLOURS[table.level[row]! - 1]! }).addTo(layer)
  }
  bench.drawn = layer.getLayers().length
}

async function start(): Promise<number> {
  const t0 = performance.now()
  const map = createMap(container, { centre: [20, 10], zoom: 1 })
  map.fitBounds(MAP_PRESETS[0]!.bounds as [[number, number], [number, number]])
  // The radius search is set-up, not drawing: its time is left out.
  const searchStart = performance.now()
  const radius = mode === 'cluster' ? matchedRadius(map) : 0
  const searchMs = performance.now() - searchStart
  // Registered before the layer's and the renderer's own handlers: a redraw is timed from the end
  // of the move to the end of the last canvas redraw it caused.
  let movedAt = NaN
  map.on('moveend', () => {
    movedAt = performance.now()
  })
  const layer = L.layerGroup().addTo(map)
  if (mode === 'cluster') {
    const update = clustered(map, layer, radius)
    update()
    map.on('moveend', update)
  } else markers(layer)
  // createMap gives the map its canvas renderer as an option: every marker is drawn by it.
  const renderer = map.options.renderer as unknown as { _redraw(): void }
  const redraw = renderer._redraw
  renderer._redraw = function (this: unknown) {
    redraw.call(this)
    if (!Number.isNaN(movedAt)) bench.lastRedrawMs = performance.now() - movedAt
  }
  bench.zoom = map.getZoom()
  await afterFrame()
  await afterFrame()
  return performance.now() - t0 - searchMs
}

const bench: { -readonly [K in keyof BenchPage]: BenchPage[K] } = { ready: Promise.resolve(0) }
window.__bench = bench
bench.ready = start()
