/**
 * `npm run bench`: every benchmark side by side with its peer, in one run.
 *
 *   npm run bench                  a table on stdout
 *   npm run bench -- --json        one JSON array of { name, n, ours_ms, peer, peer_ms, note? }
 *   options: --node-only, --browser-only, --no-build (reuse .tmp/dist-perf and .tmp/bench-pages),
 *            --quick (fewer runs, no 1M or 5M rows)
 *   npm run bench -- --filters [--sizes 100000,1000000] [--only text]   only the filter-change rows
 *            (--only: a pattern matched against the change's name)
 *   npm run bench -- --clicks [--sizes 1000000,5000000] [--only region]   only the app's filter clicks in
 *            Chromium: every filter kind applied and undone, input → count painted and → every panel
 *            repainted, with the longest main-thread task (bench/browser/clicks.ts; default 1M)
 *   npm run bench -- --peers           only the browser peer rows (and the app at 100k they compare with)
 *   npm run bench -- --warehouse [--warehouse-size N]   only the warehouse rows (chdb endpoint; default 1,000,000)
 *   npm run bench -- --warehouse --rows N [--dir FOLDER] [--remote-only]  the warehouse at scale: N events made in chdb
 *            (--remote-only: the first dashboard and the remote calls alone, on a table made before)
 *            (bench/node/warehouse-scale.ts; 10M and 100M in docs/PERFORMANCE.md)
 *
 * Figures are medians of several runs (after a warm-up); progress goes to stderr. Node rows run
 * in this process (run with --expose-gc for the memory rows); browser rows drive the system
 * Chromium through playwright-core. See docs/PERFORMANCE.md.
 */
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { generateSyntheticTable } from '../src/domain/synthetic.ts'
import type { EventTable } from '../src/domain/table-types.ts'
import { benchApp } from './browser/app.ts'
import { benchClicks } from './browser/clicks.ts'
import { benchExports } from './browser/export.ts'
import { benchImport } from './browser/import.ts'
import { APP_DIST, PAGES_DIST, buildApp, buildPages, launch, serve } from './browser/harness.ts'
import { benchLeaflet, benchTimelines } from './browser/peers.ts'
import type { Browser } from 'playwright-core'
import { BIN_PX, POINT_LIMIT } from '../src/domain/engine/map-points.ts'
import { heapUsedBytes, round, type BenchRow } from './lib/measure.ts'
import { benchCsvIngest } from './node/csv-ingest.ts'
import { installRowSearch } from '../src/domain/engine/local/search-indexes.ts'
import { benchFilterKinds } from './node/filter-kinds.ts'
import { benchFilterVsCrossfilter } from './node/filter-vs-crossfilter.ts'
import { benchWarehouse } from './node/warehouse.ts'
import { benchWarehouseScale } from './node/warehouse-scale.ts'

const SEED = 20251104
const args = new Set(process.argv.slice(2))
const json = args.has('--json')
const quick = args.has('--quick')
const runs = quick ? 5 : 9

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${message}\n`)
}

function generate(size: number): { table: EventTable; ms: number; heapBytes: number } {
  const before = heapUsedBytes()
  const t0 = performance.now()
  const table = generateSyntheticTable({ size, seed: SEED })
  const ms = performance.now() - t0
  return { table, ms, heapBytes: heapUsedBytes() - before }
}

/** The value after `--name`, if given. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}

/** Sizes above this get no crossfilter2 peer: its records and index take ~650 MB a million rows. */
const PEER_MAX_ROWS = 1_000_000

async function nodeRows(sizes: readonly number[], filtersOnly: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const only = option('--only')
  installRowSearch()
  // Both sides' code is compiled on a small table first, untimed, so the first size's rows time
  // the same optimised code as the later sizes' do (otherwise the first size carries the JIT's
  // warm-up: ours has more code to compile than the peer).
  log('warming up both sides on 5,000 rows (untimed)')
  const warm = generate(5_000)
  const warmPeer = benchFilterVsCrossfilter(warm.table, warm.ms, warm.heapBytes, { runs: 3, withPeer: true }).peer
  benchFilterKinds(warm.table, warmPeer, 3)
  warmPeer?.cf.remove(() => true)
  for (const size of sizes) {
    log(`filter + views vs crossfilter2 at ${size}`)
    const { table, ms, heapBytes } = generate(size)
    const index = benchFilterVsCrossfilter(table, ms, heapBytes, { runs, withPeer: size <= PEER_MAX_ROWS })
    if (!filtersOnly) rows.push(...index.rows)
    log(`every filter kind at ${size}`)
    rows.push(...benchFilterKinds(table, index.peer, runs, only === undefined ? undefined : new RegExp(only, 'i')))
    index.peer?.cf.remove(() => true)
    if (size === 100_000 && !filtersOnly) {
      log('CSV ingest at 100k')
      rows.push(...benchCsvIngest(table, size, quick ? 2 : 3))
    }
  }
  return rows
}

/** The peer rows: Leaflet (clustered and one marker per event) against our map, Recharts against our timeline. */
async function peerRows(browser: Browser, pagesUrl: string, ours: Awaited<ReturnType<typeof benchApp>>): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const pans = quick ? 3 : 5
  const size = ours.map ?? { widthPx: 800, heightPx: 500, mode: '?', visible: NaN, marks: NaN }
  const oursMap = `ours = the app's event canvas at ?synthetic=100000 in its ${size.widthPx}×${size.heightPx} px map fitted to the world (${size.mode}: ${size.marks.toLocaleString('en-GB')} marks for ${size.visible.toLocaleString('en-GB')} events in view; screen bins of ${BIN_PX} px above ${POINT_LIMIT.toLocaleString('en-GB')} visible points)`
  const oursPan = (ms: number | null): number | null => (ms === null ? null : round(ms))
  log('Leaflet + supercluster at 100k')
  const cluster = await benchLeaflet(browser, pagesUrl, 100_000, pans, 'cluster', size)
  const tried = cluster.tried.map((t) => `${t.radius}→${t.clusters}`).join(', ')
  const peerCluster = `peer = createMap's Leaflet map, same size, fitted to the same world box (zoom ${cluster.zoom}): supercluster over all 100k points, one circleMarker per cluster or lone point of the view, remade on moveend; ${cluster.drawn.toLocaleString('en-GB')} clusters against our ${size.marks.toLocaleString('en-GB')} bins, at radius ${cluster.radius} (of a 512-unit tile; ${cluster.radius / 2} screen px), the radius whose cluster count is nearest our bin count (radius→clusters tried: ${tried})`
  rows.push({ name: 'map redraw after a pan (clustered)', n: 100_000, ours_ms: oursPan(ours.mapDraw100k), peer: 'leaflet + supercluster', peer_ms: round(cluster.redrawMs), note: `${oursMap}; ${peerCluster}; ours = data-draw-ms, peer = moveend → end of the last canvas redraw` })
  rows.push({ name: 'map pan, worst frame per pan (clustered)', n: 100_000, ours_ms: oursPan(ours.mapPan100k), peer: 'leaflet + supercluster', peer_ms: round(cluster.panMs), note: `same drawings as the row above; frame gaps include whatever else the machine runs` })
  rows.push({ name: 'map first paint of 100k points (peer only, clustered)', n: 100_000, ours_ms: null, peer: 'leaflet + supercluster', peer_ms: round(cluster.firstPaintMs), note: 'peer = generate, index with supercluster, draw the first view; ours is part of the app load rows' })
  log('Leaflet, one circle marker per event, at 100k')
  const markers = await benchLeaflet(browser, pagesUrl, 100_000, pans, 'markers', size)
  const peerMarkers = `peer = one L.circleMarker per event (${markers.drawn.toLocaleString('en-GB')}) on the canvas renderer, same map — individual markers, not the same drawing as ours`
  rows.push({ name: 'map redraw after a pan (individual markers)', n: 100_000, ours_ms: oursPan(ours.mapDraw100k), peer: 'leaflet circleMarker per event', peer_ms: round(markers.redrawMs), note: `${oursMap}; ${peerMarkers}` })
  rows.push({ name: 'map pan, worst frame per pan (individual markers)', n: 100_000, ours_ms: oursPan(ours.mapPan100k), peer: 'leaflet circleMarker per event', peer_ms: round(markers.panMs), note: 'same drawings as the row above' })
  log('timeline vs Recharts, the same buckets')
  const t = await benchTimelines(browser, pagesUrl, quick ? 5 : 9)
  const bars = `ours = TimelinePanel on 100k events, ${t.oursBars} ${t.unit} bars over ten years, filter + views included; peer = Recharts BarChart (time axis, grid, tooltip) of the same ${t.peerBars} ${t.unit} buckets stacked by level, made before the clock starts`
  rows.push({ name: `timeline update (level toggle), ${t.unit} buckets`, n: 100_000, ours_ms: round(t.ours), peer: 'recharts BarChart time axis+grid+tooltip', peer_ms: round(t.peer), note: bars })
  rows.push({ name: `timeline first render, ${t.unit} buckets`, n: 100_000, ours_ms: round(t.oursReady), peer: 'recharts BarChart time axis+grid+tooltip', peer_ms: round(t.peerReady), note: 'both include generating 100k events and their views' })
  return rows
}

/** The app's filter clicks in Chromium (bench/browser/clicks.ts) at `sizes`. */
async function clickRows(sizes: readonly number[]): Promise<BenchRow[]> {
  if (!args.has('--no-build')) {
    log(`building the app into ${APP_DIST}`)
    await buildApp()
  }
  const browser = await launch()
  const app = await serve(APP_DIST)
  const only = option('--only')
  try {
    return await benchClicks(browser, app.baseUrl, { sizes, runs: quick ? 3 : 5, only: only === undefined ? undefined : new RegExp(only, 'i') }, log)
  } finally {
    await browser.close()
    await app.close()
  }
}

async function browserRows(peersOnly: boolean): Promise<BenchRow[]> {
  if (!args.has('--no-build')) {
    log(`building the app into ${APP_DIST} and the peer pages into ${PAGES_DIST}`)
    await buildApp()
    await buildPages()
  }
  const rows: BenchRow[] = []
  const browser = await launch()
  const app = await serve(APP_DIST)
  const pages = await serve(PAGES_DIST)
  try {
    log('app in Chromium')
    const ours = await benchApp(browser, app.baseUrl, {
      sizes: peersOnly ? [100_000] : quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000],
      toggles: quick ? 5 : 9,
      pans: quick ? 3 : 5,
    })
    if (!peersOnly) {
      rows.push(...ours.rows)
      const sizes = quick ? [100_000] : [100_000, 1_000_000]
      rows.push(...(await orFailed('exports through the app', () => benchExports(browser, app.baseUrl, { sizes, runs: quick ? 3 : 5 }, log))))
      rows.push(...(await orFailed('import through the app', () => benchImport(browser, app.baseUrl, { sizes, runs: quick ? 3 : 5 }, log))))
    }
    rows.push(...(await orFailed('browser peers', () => peerRows(browser, pages.baseUrl, ours))))
  } finally {
    await browser.close()
    await app.close()
    await pages.close()
  }
  return rows
}

/** Parts that failed in this run: the run still reports every row measured, then exits with 1. */
const failedParts: string[] = []

/**
 * One part of the run: its rows, or, when it fails (a page that times out on a loaded machine,
 * say), a row that says so, so the rows measured before and after it are not lost.
 */
async function orFailed(part: string, measure: () => Promise<BenchRow[]>): Promise<BenchRow[]> {
  try {
    return await measure()
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    log(`${part} failed: ${reason}`)
    failedParts.push(part)
    return [{ name: `${part}: failed`, n: 0, ours_ms: null, peer: null, peer_ms: null, note: reason }]
  }
}

function printTable(rows: readonly BenchRow[]): void {
  const ratio = (r: BenchRow): string => (r.ours_ms && r.peer_ms ? `×${(r.peer_ms / r.ours_ms).toFixed(1)}` : '')
  const header = ['name', 'n', 'ours', 'peer', 'peer ms', 'ratio', 'note']
  const lines = rows.map((r) => [r.name, r.n.toLocaleString('en-GB'), String(r.ours_ms ?? '—'), r.peer ?? '', r.peer_ms === null ? '' : String(r.peer_ms), ratio(r), r.note ?? ''])
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => l[i]!.length))))
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => (i === 1 || i === 2 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  console.log(fmt(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const l of lines) console.log(fmt(l))
}

async function main(): Promise<void> {
  log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}, ${cpus().length} cores, gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'not exposed'}`)
  const rows: BenchRow[] = []
  const scaleAt = process.argv.indexOf('--rows')
  if (args.has('--warehouse') && scaleAt > 0) {
    const scaleRows = Number(process.argv[scaleAt + 1])
    const dirAt = process.argv.indexOf('--dir')
    await benchWarehouseScale(scaleRows, dirAt > 0 ? process.argv[dirAt + 1]! : `/tmp/watchfloor-warehouse-${scaleRows}`, { remoteOnly: args.has('--remote-only') })
    return
  }
  if (args.has('--warehouse')) {
    const at = process.argv.indexOf('--warehouse-size')
    const size = at > 0 ? Number(process.argv[at + 1]) : 1_000_000
    rows.push(...(await benchWarehouse(size, SEED, quick ? 5 : 20, log)))
  } else if (args.has('--clicks')) {
    rows.push(...(await clickRows(option('--sizes')?.split(',').map(Number) ?? [1_000_000])))
  } else {
    const sizes = option('--sizes')?.split(',').map(Number) ?? (quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000, 5_000_000])
    if (args.has('--filters')) rows.push(...(await nodeRows(sizes, true)))
    else if (!args.has('--browser-only') && !args.has('--peers')) rows.push(...(await nodeRows(sizes, false)))
    if (args.has('--peers')) rows.push(...(await browserRows(true)))
    else if (!args.has('--node-only') && !args.has('--filters')) rows.push(...(await browserRows(false)))
  }
  log(`done; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (json) console.log(JSON.stringify(rows))
  else printTable(rows)
  if (failedParts.length > 0) {
    log(`failed: ${failedParts.join(', ')}`)
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
