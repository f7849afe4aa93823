/**
 * The warehouse at scale (not part of `npm test`): `npm run bench -- --warehouse --rows N` or
 * `npm run bench:warehouse-scale -- --rows N [--dir FOLDER] [--make-only] [--remote-only] [--exports [--no-build] [--dist FOLDER] [--save FOLDER]] [--local N] [--workers N]`
 * (`--remote-only`: the first dashboard and the remote calls alone, on a table made before;
 * `--exports`: the app in Chromium against the endpoint instead, each export timed from its click
 * to its file, bench/browser/warehouse-export.ts, the build in .tmp/dist-perf made first unless `--no-build`; `--dist` serves another build, made before, instead; `--save` keeps each kind's first file and a screenshot of the dashboard).
 * N generated events made inside chdb on every core (or N worker processes; warehouse-parallel.ts,
 * kept in a folder so a second run skips making them) with the cube the warehouse keeps filled as
 * they are made, then what the tab pays in
 * warehouse mode: the first dashboard (connect, cube, every panel's answer), the cube's cells and
 * bytes, a level toggle and a time brush on it in the tab, p50/p95 of the remote calls (list
 * window first page and far down, map points for a viewport, event detail by id, text search:
 * its list window and the whole dashboard's answer),
 * the JS heap warehouse mode holds; and beside it the local engine on the largest table a tab
 * holds (default 2,000,000 events). Prints the rows and the load average at start and end.
 */
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint, type AnsweredQuery } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { LATEST_AS_OF, type ViewRequest } from '../../src/domain/engine/views-engine.ts'
import { mercatorX, mercatorY } from '../../src/domain/geo/mercator.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../src/domain/threat-index.ts'
import { actorFacetTableName, createActorFacetSql, createCubeSql, cubeTableName, fillActorFacetSql, fillCubeSql, quotedTable, tokensIndexUpgradeSql, upgradeTableSql, upgradeWritesSql } from '../../src/domain/warehouse/table-layout.ts'
import { createTilesSql, fillTilesSql } from '../../src/domain/warehouse/map-tiles.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { cubeCounts, cubeMask } from '../../src/lib/clickhouse/cube-counts.ts'
import { fetchCube, type Cube } from '../../src/lib/clickhouse/cube.ts'
import { RemoteRows } from '../../src/lib/clickhouse/remote-rows.ts'
import { sourceTableOf } from '../../src/lib/clickhouse/source-kind.ts'
import { keptTilesEvents } from '../../src/lib/clickhouse/tile-bins.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'
import { heapUsedBytes, mb, median, round, timeMedian } from '../lib/measure.ts'
import { generateInParallel } from './warehouse-parallel.ts'
import { buildApp, launch, serve, APP_DIST } from '../browser/harness.ts'
import { benchWarehouseExports } from '../browser/warehouse-export.ts'

/** The analyst's sign-in the endpoint asks for in `--exports` (the app's form takes it; exports must not carry it). */
const EXPORT_USER = 'analyst'
const EXPORT_PASSWORD = 'bench-s3cret'

const log = (m: string): void => console.error(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${m}`)
const loads = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ')

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function timed(runs: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await call(i)
    out.push(performance.now() - t0)
  }
  return out
}

/** The bytes the cube's columns and place sets hold in the tab. */
function cubeBytes(cube: Cube): number {
  const columns = [cube.startMs, cube.endMs, cube.level, cube.category, cube.place, cube.weight, cube.slotFirst, cube.slotDay, cube.slotN].reduce((n, a) => n + a.byteLength, 0)
  const { places } = cube
  const sets = [...places.countries, ...places.regions, ...places.named].reduce((n, a) => n + a.byteLength + 64, 0)
  return columns + sets
}

/** A 1366×768 map over Europe at zoom 4, as the map panel asks for its points (its origin on whole pixels, as Leaflet's map rests after a pan). */
export function europeViewport(): { scale: number; originX: number; originY: number; width: number; height: number } {
  const scale = 16
  const width = 1366
  const height = 768
  return { scale, width, height, originX: Math.round(mercatorX(10) * scale - width / 2), originY: Math.round(mercatorY(50) * scale - height / 2) }
}

export function requestOf(filter: FilterSpec): ViewRequest {
  return {
    filter,
    asOf: LATEST_AS_OF,
    nowMs: Date.UTC(2026, 0, 1),
    index: DEFAULT_INDEX_SETTINGS,
    indexWindow: 'range',
    customRegions: [],
    timeline: null,
    gauges: { limit: 5 },
    map: { shadeBy: 'countries' },
    points: { viewport: europeViewport() },
    list: { offset: 0, length: 60 },
    watchlist: [],
    compare: null,
  }
}

/** The cube's fetch from the kept cube, its size, and a level toggle and a time brush on it in the tab. */
async function cubeRows(client: WarehouseClient, engine: ClickHouseEngine): Promise<[string, string][]> {
  log('cube fetches')
  const table = client.connection.table
  const grain = engine.grainDays
  const cubeMs = await timed(3, () => fetchCube(client, table, EMPTY_FILTER, undefined, true, grain))
  const cube = await fetchCube(client, table, EMPTY_FILTER, undefined, true, grain)
  const toggleMs = timeMedian(() => cubeCounts(cube, cubeMask(cube, TOGGLE), engine.stats, TOGGLE.timeRange), 20)
  const brushMs = timeMedian(() => cubeCounts(cube, cubeMask(cube, BRUSH), engine.stats, BRUSH.timeRange), 20)
  return [
    [`cube fetch from the kept cube, ${grain}-day grain (median of 3)`, `${round(median(cubeMs))} ms`],
    ['cube size in the tab', `${cube.size.toLocaleString('en-GB')} cells, ${cube.slotN.length.toLocaleString('en-GB')} day slots, ${cube.places.size} place sets, ${round(cubeBytes(cube) / 1e6)} MB`],
    ['level toggle on the cube, in the tab (every count view)', `${round(toggleMs)} ms`],
    ['time brush on the cube, in the tab (every count view)', `${round(brushMs)} ms`],
  ]
}

const TOGGLE: FilterSpec = { ...EMPTY_FILTER, levels: [4, 5] }
const BRUSH: FilterSpec = { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2022, 3, 1) } }
const note = (ms: readonly number[]): string => `p50 ${round(median(ms))} ms, p95 ${round(percentile(ms, 0.95))} ms`

/**
 * The endpoint's queries in flight (it answers one at a time), and each slow one logged: the
 * exports wait until the app's own queries after connecting (early warning's weekly counts,
 * alerts) are answered, so an export is not timed behind them.
 */
function queryTracker(): { started: (sql: string) => null; answered: (query: AnsweredQuery) => void; idle: () => Promise<void> } {
  let inFlight = 0
  let lastChange = performance.now()
  return {
    started: (sql: string) => {
      if (process.env.LOG_QUERIES) log(`asked: ${sql.replace(/\s+/g, ' ').slice(0, 90)}`)
      inFlight++
      lastChange = performance.now()
      return null
    },
    answered: (query) => {
      inFlight = Math.max(0, inFlight - 1)
      lastChange = performance.now()
      if (query.ms > Number(process.env.SLOW_SQL_MS ?? 1000)) log(`slow query ${round(query.ms)} ms (CPU ${round(query.cpuMs)} ms): ${query.sql.replace(/\s+/g, ' ').slice(0, Number(process.env.SLOW_SQL_CHARS ?? 160))}`)
    },
    idle: async () => {
      while (inFlight > 0 || performance.now() - lastChange < 2000) await new Promise((r) => setTimeout(r, 250))
    },
  }
}

/** The app in Chromium against the endpoint: each export from its click to its file (bench/browser/warehouse-export.ts). */
async function exportRows(endpointUrl: string, rows: number, build: boolean, queries: ReturnType<typeof queryTracker>, dist: string = APP_DIST, saveDir?: string): Promise<[string, string][]> {
  if (build && dist === APP_DIST) {
    log(`building the app into ${APP_DIST}`)
    await buildApp()
  }
  const app = await serve(dist)
  const browser = await launch()
  try {
    return await benchWarehouseExports(browser, app.baseUrl, { endpointUrl, table: 'bench.events', user: EXPORT_USER, password: EXPORT_PASSWORD, rows, runs: 3, idle: queries.idle, ...(saveDir === undefined ? {} : { saveDir }) }, log)
  } finally {
    await browser.close()
    await app.close()
  }
}

/** The local engine on the largest table a tab holds: toggle, brush and heap. */
function localRows(size: number): [string, string][] {
  log(`local engine: generating ${size.toLocaleString('en-GB')} events`)
  const before = heapUsedBytes()
  const engine = new LocalEngine(generateSyntheticTable({ size, seed: 20251104 }))
  const request = { ...requestOf(EMPTY_FILTER), points: null, list: { offset: 0, length: 60 } }
  const heap = heapUsedBytes() - before
  // Each run flips between the filter and none, so no answer is reused.
  let runs = 0
  const flip = (filter: FilterSpec): FilterSpec => (runs++ % 2 === 0 ? filter : EMPTY_FILTER)
  const toggle = timeMedian(() => engine.run({ ...request, filter: flip(TOGGLE) }), 9)
  const brush = timeMedian(() => engine.run({ ...request, filter: flip(BRUSH) }), 9)
  return [
    [`local engine, ${size.toLocaleString('en-GB')} events: level toggle (every view)`, `${round(toggle)} ms`],
    [`local engine, ${size.toLocaleString('en-GB')} events: time brush (every view)`, `${round(brush)} ms`],
    [`local engine, ${size.toLocaleString('en-GB')} events: JS heap of the table and engine`, `${mb(heap)} MB`],
  ]
}

export async function benchWarehouseScale(
  rows: number,
  dir: string,
  options: { makeOnly?: boolean; remoteOnly?: boolean; exports?: boolean; build?: boolean; dist?: string; saveDir?: string; localSize?: number; workers?: number } = {},
): Promise<void> {
  const startLoad = loads()
  const existed = existsSync(dir)
  const queries = queryTracker()
  const endpoint = await startChdbEndpoint(options.exports ? { dir, user: EXPORT_USER, password: EXPORT_PASSWORD, refuse: queries.started, onQuery: queries.answered } : { dir })
  const table = { database: 'bench', table: 'events' }
  const connection = options.exports ? { url: endpoint.url, user: EXPORT_USER, password: EXPORT_PASSWORD, table } : { url: endpoint.url, user: 'default', password: '', table }
  const run = (sql: string): string => String(endpoint.session.query(sql, 'CSV'))
  const out: [string, string][] = []
  try {
    const held = existed ? Number(run(`SELECT count() FROM ${quotedTable(table)}`).trim() || 0) : 0
    if (held !== rows) {
      if (held > 0) run(`DROP TABLE ${quotedTable(table)}`)
      log(`making ${rows.toLocaleString('en-GB')} events in ${dir}`)
      const made = await generateInParallel(run, table, rows, { workers: options.workers, work: `${dir}-worker`, log })
      out.push([
        `events made in chdb with the kept cube, ${made.workers} processes (INSERT … SELECT FROM numbers(), parts attached)`,
        `${round(made.ms / 1000)} s (${Math.round(rows / (made.ms / 1000)).toLocaleString('en-GB')} events/s; workers' CPU ${round(made.workerCpuMs / 1000)} s, ${round(made.workerCpuMs / 1000 / (rows / 1e6))} s per million)`,
      ])
      // Each month was inserted whole, one part at level 1: nothing is left to merge, and this
      // merges only what is (a partition of several parts), so FINAL reads merge nothing.
      log('merging what is left to merge')
      const t0 = performance.now()
      run(`OPTIMIZE TABLE ${quotedTable(table)} FINAL SETTINGS optimize_skip_merged_partitions = 1`)
      out.push(['partitions of several parts merged (OPTIMIZE … FINAL, merged partitions skipped)', `${round((performance.now() - t0) / 1000)} s`])
    } else out.push(['events made in chdb', 'kept from an earlier run'])
    out.push(['partitions and parts (system.parts)', run(`SELECT concat(toString(uniqExact(partition)), ' partitions, ', toString(count()), ' parts, levels ', toString(min(level)), '–', toString(max(level)), ', ', formatReadableSize(sum(bytes_on_disk))) FROM system.parts WHERE database = 'bench' AND table = 'events' AND active`).trim().replace(/^"|"$/g, '')])
    // A table made by an earlier layout (before the stored projection, the search column, the
    // place-set key or the span index): brought up to the layout as `push` does, what is new written at once.
    const columns = run(`SELECT name FROM system.columns WHERE database = 'bench' AND table = 'events'`).split('\n').map((l) => l.trim().replace(/^"|"$/g, '')).filter(Boolean)
    const indexes = run(`SELECT name, expr FROM system.data_skipping_indices WHERE database = 'bench' AND table = 'events' FORMAT JSONEachRow`)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { name: string; expr: string })
    const writes = upgradeWritesSql(table, columns, indexes)
    if (writes.after.length > 0) {
      log(`bringing the table up to the layout: ${writes.after.join('; ')}`)
      const t0 = performance.now()
      for (const sql of [...writes.before, ...upgradeTableSql(table)]) run(sql)
      run('SET mutations_sync = 2')
      for (const sql of writes.after) run(sql)
      out.push([`table brought up to the layout (${writes.after.map((sql) => sql.replace(/^ALTER TABLE \S+ /, '')).join('; ')})`, `${round((performance.now() - t0) / 1000)} s`])
    }
    const tokens = tokensIndexUpgradeSql(table, indexes)
    if (tokens.length > 0) {
      log('building the token index')
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      run('SET mutations_sync = 2')
      for (const sql of tokens) run(sql)
      const cpu = process.cpuUsage(cpu0)
      out.push(['token index built for the rows loaded (ADD INDEX search_tokens; MATERIALIZE INDEX)', `${round((performance.now() - t0) / 1000)} s (CPU ${round((cpu.user + cpu.system) / 1e6)} s)`])
    }
    const keptEvents = Number(run(`SELECT count() FROM system.tables WHERE database = 'bench' AND name = '${cubeTableName(table).table}'`).trim()) > 0 ? Number(run(`SELECT sum(n) FROM ${quotedTable(cubeTableName(table))}`).trim()) : 0
    if (keptEvents !== rows) {
      log('filling the cube the warehouse keeps')
      const t0 = performance.now()
      for (const sql of [...createCubeSql(table), ...fillCubeSql(table)]) run(sql)
      out.push(['kept cube built from the table (INSERT … SELECT … GROUP BY)', `${round((performance.now() - t0) / 1000)} s`])
    }
    const facet = actorFacetTableName(table)
    const facetEvents = Number(run(`SELECT count() FROM system.tables WHERE database = 'bench' AND name = '${facet.table}'`).trim()) > 0 ? Number(run(`SELECT sum(n) FROM ${quotedTable(facet)} WHERE total = 1`).trim()) : 0
    if (facetEvents !== rows) {
      log('filling the actor facet the warehouse keeps')
      const t0 = performance.now()
      for (const sql of [...createActorFacetSql(table), ...fillActorFacetSql(table)]) run(sql)
      out.push(['kept actor facet built from the table (INSERT … SELECT … ARRAY JOIN … GROUP BY)', `${round((performance.now() - t0) / 1000)} s`])
    }
    // The map tiles (map-tiles.ts), filled from the table once it is made: its parts are attached, which no materialised view sees.
    if ((await keptTilesEvents(new WarehouseClient(connection), table)) !== rows) {
      log('filling the map tiles the warehouse keeps')
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      for (const sql of [...createTilesSql(table), ...fillTilesSql(table)]) run(sql.startsWith('INSERT') ? `${sql} SETTINGS do_not_merge_across_partitions_select_final = 1` : sql)
      const cpu = process.cpuUsage(c0)
      out.push(['map tiles built from the table (zooms 0–6: the deepest from the events, each above from the one below)', `${round((performance.now() - t0) / 1000)} s (CPU ${round((cpu.user + cpu.system) / 1e6)} s)`])
    }
    if (options.makeOnly) return
    if (options.exports) {
      out.push(...(await exportRows(endpoint.url, rows, options.build !== false, queries, options.dist, options.saveDir)))
      return
    }
    const heapBefore = heapUsedBytes()
    log('first dashboard: connect, cube, every panel')
    const t0 = performance.now()
    const engine = await ClickHouseEngine.open(connection)
    const first = await engine.run(requestOf(EMPTY_FILTER))
    out.push(['first dashboard: connect, kept cube fetched, every panel answered (list, facets, gauges, map points)', `${round(performance.now() - t0)} ms (${first.matched.toLocaleString('en-GB')} events; kept cube ${engine.keptCube ? 'read' : 'not used'})`])
    const heapWarehouse = heapUsedBytes() - heapBefore
    const client = new WarehouseClient(connection)
    if (!options.remoteOnly) out.push(...(await cubeRows(client, engine)))
    log('remote calls')
    // The table as the engine reads it (the stored search column when it has one), so a search is timed as the app runs it.
    const remote = new RemoteRows(client, await sourceTableOf(client, table))
    const top = await timed(10, () => remote.listWindow(EMPTY_FILTER, 0, 60))
    const far = await timed(10, (i) => remote.listWindow(EMPTY_FILTER, Math.floor(rows / 2) + i * 1000, 60))
    log('detail, map points, text search')
    const refs = (await remote.listWindow(EMPTY_FILTER, Math.floor(rows / 3), 20)).map((r) => r.ref)
    const detail = await timed(10, (i) => engine.events([refs[i]!]))
    const viewport = europeViewport()
    // Each run's time is logged with its filter, so the slow tail can be told apart.
    const points = await timed(10, async (i) => {
      const t0 = performance.now()
      await engine.run({ ...requestOf(i % 2 === 0 ? TOGGLE : EMPTY_FILTER), list: null, gauges: null, map: null, points: { viewport: { ...viewport, originX: viewport.originX + i * 40 } } })
      log(`map points run ${i} (${i % 2 === 0 ? 'levels 4–5' : 'no filter'}): ${round(performance.now() - t0)} ms`)
    })
    const words = ['strike', 'protest', 'militia', 'sanctions', 'clash']
    const search = await timed(5, (i) => remote.listWindow({ ...EMPTY_FILTER, text: words[i]! }, 0, 60))
    out.push(['list window, first 60', note(top)])
    out.push([`list window, 60 at ${Math.floor(rows / 2).toLocaleString('en-GB')}`, note(far)])
    out.push(['map points for a Europe viewport, zoom 4, panned (the map part of a run)', note(points)])
    out.push(['event detail by id', note(detail)])
    out.push(['text search, first 60 matching (the list window)', note(search)])
    // What the dashboard waits for on a search, asked as the app asks (early): first the count
    // and the list (the budget's "text search" remote call); then the cube's panels (the cube for
    // the text filter, gauges scored); then the actor facet, the map's events and the gauges'
    // contributions (each answer's later part).
    const firstPaint: number[] = []
    const cubePaint: number[] = []
    const searchRun = await timed(3, async (i) => {
      const t0 = performance.now()
      let views = await engine.run({ ...requestOf({ ...EMPTY_FILTER, text: words[i]! }), early: true })
      firstPaint.push(performance.now() - t0)
      while (views.later !== undefined) {
        const cubePending = views.cubePending === true
        views = await views.later
        if (cubePending) cubePaint.push(performance.now() - t0)
      }
    }).then(note, (error: unknown) => `failed: ${String(error)}`)
    out.push(['text search, first paint (early answer: the count and the list window)', firstPaint.length === 3 ? note(firstPaint) : 'failed'])
    out.push(["text search, the cube's panels (timeline, gauges scored, map shading, facets)", cubePaint.length === 3 ? note(cubePaint) : 'failed'])
    out.push(['text search, the whole dashboard (a new cube, every panel; the early answer and its later part)', searchRun])
    out.push(['JS heap warehouse mode holds (engine, cube, first answer)', `${mb(heapWarehouse)} MB`])
    await engine.close()
    await client.close()
    if (!options.remoteOnly) out.push(...localRows(options.localSize ?? 2_000_000))
  } finally {
    await endpoint.close()
    console.log(`warehouse scale: ${rows.toLocaleString('en-GB')} events in ${dir}; load average at start ${startLoad}, at end ${loads()}`)
    for (const [name, value] of out) console.log(`| ${name} | ${value} |`)
  }
}

if (process.argv[1]?.endsWith('warehouse-scale.ts')) {
  const arg = (name: string, fallback: string): string => {
    const at = process.argv.indexOf(name)
    return at > 0 ? process.argv[at + 1]! : fallback
  }
  const rows = Number(arg('--rows', '10000000'))
  benchWarehouseScale(rows, arg('--dir', `/tmp/watchfloor-warehouse-${rows}`), {
    makeOnly: process.argv.includes('--make-only'),
    remoteOnly: process.argv.includes('--remote-only'),
    exports: process.argv.includes('--exports'),
    build: !process.argv.includes('--no-build'),
    dist: arg('--dist', APP_DIST),
    ...(process.argv.includes('--save') ? { saveDir: arg('--save', '') } : {}),
    localSize: Number(arg('--local', '2000000')),
    workers: process.argv.includes('--workers') ? Number(arg('--workers', '2')) : undefined,
  }).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
