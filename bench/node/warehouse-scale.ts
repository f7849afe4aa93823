/**
 * The warehouse at scale (not part of `npm test`; `npm run bench:warehouse-scale -- --rows N`):
 * N generated events made inside chdb (warehouse-generate.ts, kept in a folder so a second run
 * skips making them), then what the tab pays in warehouse mode: the cube's fetch, its cells and
 * bytes, a level toggle and a time brush on it in the tab, the first dashboard answer, and the
 * events list's window (first page and far down). Prints the rows and the load average.
 */
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LATEST_AS_OF, type ViewRequest } from '../../src/domain/engine/views-engine.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../src/domain/threat-index.ts'
import { quotedTable } from '../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { cubeCounts, cubeMask } from '../../src/lib/clickhouse/cube-counts.ts'
import { fetchCube, type Cube } from '../../src/lib/clickhouse/cube.ts'
import { RemoteRows } from '../../src/lib/clickhouse/remote-rows.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'
import { median, round, timeMedian } from '../lib/measure.ts'
import { generateInWarehouse } from './warehouse-generate.ts'

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1]! : fallback
}
const rows = Number(arg('--rows', '10000000'))
const dir = arg('--dir', `/tmp/watchfloor-warehouse-${rows}`)
const log = (m: string): void => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`)

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function timed(runs: number, call: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await call()
    out.push(performance.now() - t0)
  }
  return out
}

/** The bytes the cube's columns and place sets hold in the tab. */
function cubeBytes(cube: Cube): number {
  const columns = [cube.startMs, cube.endMs, cube.level, cube.category, cube.place, cube.weight].reduce((n, a) => n + a.byteLength, 0)
  const { places } = cube
  const sets = [...places.countries, ...places.regions, ...places.named].reduce((n, a) => n + a.byteLength + 64, 0)
  return columns + sets
}

async function main(): Promise<void> {
  const existed = existsSync(dir)
  const endpoint = await startChdbEndpoint({ dir })
  const table = { database: 'bench', table: 'events' }
  const connection = { url: endpoint.url, user: 'default', password: '', table }
  const client = new WarehouseClient(connection)
  try {
    const held = existed ? Number(endpoint.session.query(`SELECT count() FROM ${quotedTable(table)}`, 'CSV').trim() || 0) : 0
    let makeMs: number | null = null
    if (held !== rows) {
      if (held > 0) endpoint.session.query(`DROP TABLE ${quotedTable(table)}`)
      log(`making ${rows.toLocaleString('en-GB')} events in ${dir}`)
      makeMs = generateInWarehouse((sql) => endpoint.session.query(sql), table, rows, log)
      log('merging parts')
      endpoint.session.query(`OPTIMIZE TABLE ${quotedTable(table)} FINAL`)
    }
    if (process.argv.includes('--make-only')) return
    log('cube')
    const cubeMs = await timed(3, () => fetchCube(client, table, EMPTY_FILTER))
    const cube = await fetchCube(client, table, EMPTY_FILTER)
    const engine = await ClickHouseEngine.open(connection)
    const toggle = { ...EMPTY_FILTER, levels: [4, 5] as const }
    const brush = { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2022, 3, 1) } }
    const toggleMs = timeMedian(() => cubeCounts(cube, cubeMask(cube, { ...toggle, levels: [...toggle.levels] }), engine.stats), 20)
    const brushMs = timeMedian(() => cubeCounts(cube, cubeMask(cube, brush), engine.stats), 20)
    const request: ViewRequest = {
      filter: EMPTY_FILTER,
      asOf: LATEST_AS_OF,
      nowMs: Date.UTC(2026, 0, 1),
      index: DEFAULT_INDEX_SETTINGS,
      indexWindow: 'range',
      customRegions: [],
      timeline: null,
      gauges: { limit: 5 },
      map: { shadeBy: 'countries' },
      points: null,
      list: { offset: 0, length: 60 },
      watchlist: [],
      compare: null,
    }
    log('first answer and list windows')
    const first = await timed(1, () => engine.run(request))
    const remote = new RemoteRows(client, table)
    const top = await timed(10, () => remote.listWindow(EMPTY_FILTER, 0, 60))
    const far = await timed(10, () => remote.listWindow(EMPTY_FILTER, Math.floor(rows / 2), 60))
    await engine.close()
    const note = (ms: readonly number[]): string => `p50 ${round(median(ms))} ms, p95 ${round(percentile(ms, 0.95))} ms`
    const out = [
      ['events made in chdb (INSERT … SELECT FROM numbers())', makeMs === null ? 'kept from an earlier run' : `${round(makeMs / 1000)} s (${Math.round(rows / (makeMs / 1000)).toLocaleString('en-GB')} events/s)`],
      ['cube fetch, no coarse filter (median of 3)', `${round(median(cubeMs))} ms`],
      ['cube size', `${cube.size.toLocaleString('en-GB')} cells, ${cube.places.size} place sets, ${round(cubeBytes(cube) / 1e6)} MB in the tab`],
      ['level toggle on the cube, in the tab', `${round(toggleMs)} ms`],
      ['time brush on the cube, in the tab', `${round(brushMs)} ms`],
      ['first dashboard answer (cube cached: list, actor facet, gauges with contributions, map)', `${round(first[0]!)} ms`],
      ['list window, first 60', note(top)],
      [`list window, 60 at ${Math.floor(rows / 2).toLocaleString('en-GB')}`, note(far)],
    ]
    console.log(`warehouse scale: ${rows.toLocaleString('en-GB')} events; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
    for (const [name, value] of out) console.log(`| ${name} | ${value} |`)
  } finally {
    await client.close()
    await endpoint.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
