/**
 * `npm run bench`: every benchmark side by side with its peer, in one run.
 *
 *   npm run bench                  a table on stdout
 *   npm run bench -- --json        one JSON array of { name, n, ours_ms, peer, peer_ms, note? }
 *   options: --node-only, --browser-only, --no-build (reuse .tmp/dist-perf and .tmp/bench-pages),
 *            --quick (fewer runs, no 1M rows)
 *   npm run bench -- --warehouse [--warehouse-size N]   only the warehouse rows (chdb endpoint; default 1,000,000)
 *   npm run bench -- --warehouse --rows N [--dir FOLDER]  the warehouse at scale: N events made in chdb
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
import { benchExports } from './browser/export.ts'
import { benchImport } from './browser/import.ts'
import { APP_DIST, PAGES_DIST, buildApp, buildPages, launch, serve } from './browser/harness.ts'
import { benchLeaflet, benchTimelines } from './browser/peers.ts'
import { heapUsedBytes, round, type BenchRow } from './lib/measure.ts'
import { benchCsvIngest } from './node/csv-ingest.ts'
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

async function nodeRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const size of quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
    log(`filter + views vs crossfilter2 at ${size}`)
    const { table, ms, heapBytes } = generate(size)
    rows.push(...benchFilterVsCrossfilter(table, ms, heapBytes, { runs }))
    if (size === 100_000) {
      log('CSV ingest at 100k')
      rows.push(...benchCsvIngest(table, size, quick ? 2 : 3))
    }
  }
  return rows
}

async function browserRows(): Promise<BenchRow[]> {
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
    const { rows: appRows, mapPan100k, mapDraw100k } = await benchApp(browser, app.baseUrl, {
      sizes: quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000],
      toggles: quick ? 5 : 9,
      pans: quick ? 3 : 5,
    })
    rows.push(...appRows)
    rows.push(...(await benchExports(browser, app.baseUrl, { sizes: quick ? [100_000] : [100_000, 1_000_000], runs: quick ? 3 : 5 }, log)))
    rows.push(...(await benchImport(browser, app.baseUrl, { sizes: quick ? [100_000] : [100_000, 1_000_000], runs: quick ? 3 : 5 }, log)))
    log('Leaflet circle markers at 100k')
    const leaflet = await benchLeaflet(browser, pages.baseUrl, 100_000, quick ? 3 : 5)
    rows.push({ name: 'map redraw after a pan', n: 100_000, ours_ms: mapDraw100k === null ? null : round(mapDraw100k), peer: 'leaflet circleMarker preferCanvas', peer_ms: round(leaflet.redrawMs), note: 'ours = event canvas data-draw-ms (bins above 2,500 visible points); peer = moveend → end of canvas _redraw' })
    rows.push({ name: 'map pan, worst frame per pan', n: 100_000, ours_ms: mapPan100k === null ? null : round(mapPan100k), peer: 'leaflet circleMarker preferCanvas', peer_ms: round(leaflet.panMs), note: mapPan100k === null ? 'ours pending: no map-events canvas in the build' : 'frame gaps include whatever else the machine runs' })
    rows.push({ name: 'map first paint of 100k points (peer only)', n: 100_000, ours_ms: null, peer: 'leaflet circleMarker preferCanvas', peer_ms: round(leaflet.firstPaintMs), note: 'ours is part of the app load rows' })
    log('timeline vs Recharts, 3,653 days')
    const t = await benchTimelines(browser, pages.baseUrl, quick ? 5 : 9)
    rows.push({ name: 'timeline update (level toggle), 10 years daily', n: 3653, ours_ms: round(t.ours), peer: 'recharts BarChart time axis+grid+tooltip', peer_ms: round(t.peer), note: 'ours = TimelinePanel on 100k events, filter + views included' })
    rows.push({ name: 'timeline first render, 10 years daily', n: 3653, ours_ms: round(t.oursReady), peer: 'recharts BarChart time axis+grid+tooltip', peer_ms: round(t.peerReady), note: 'both include generating 100k events' })
  } finally {
    await browser.close()
    await app.close()
    await pages.close()
  }
  return rows
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
  log(`Node ${process.version}, ${cpus().length} cores, gc ${typeof (globalThis as { gc?: unknown }).gc === 'function' ? 'exposed' : 'not exposed'}`)
  const rows: BenchRow[] = []
  const scaleAt = process.argv.indexOf('--rows')
  if (args.has('--warehouse') && scaleAt > 0) {
    const scaleRows = Number(process.argv[scaleAt + 1])
    const dirAt = process.argv.indexOf('--dir')
    await benchWarehouseScale(scaleRows, dirAt > 0 ? process.argv[dirAt + 1]! : `/tmp/watchfloor-warehouse-${scaleRows}`)
    return
  }
  if (args.has('--warehouse')) {
    const at = process.argv.indexOf('--warehouse-size')
    const size = at > 0 ? Number(process.argv[at + 1]) : 1_000_000
    rows.push(...(await benchWarehouse(size, SEED, quick ? 5 : 20, log)))
  } else {
    if (!args.has('--browser-only')) rows.push(...(await nodeRows()))
    if (!args.has('--node-only')) rows.push(...(await browserRows()))
  }
  log(`done; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (json) console.log(JSON.stringify(rows))
  else printTable(rows)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
