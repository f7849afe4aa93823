/**
 * Warehouse rows (`npm run bench -- --warehouse [--warehouse-size N]`): generated events loaded
 * into chdb behind the test endpoint (scripts/warehouse/chdb-endpoint.ts), then the ClickHouse
 * engine as the app drives it: load rate, the cube's first fetch, a level toggle and a time brush
 * on the cube in the tab, and p50/p95 of the remote calls (list window, detail, text search).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LATEST_AS_OF, type ViewRequest } from '../../src/domain/engine/views-engine.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../src/domain/threat-index.ts'
import { createDatabaseSql, createTableSql, quotedTable, warehouseRowsOf } from '../../src/domain/warehouse/table-layout.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { cubeCounts, cubeMask } from '../../src/lib/clickhouse/cube-counts.ts'
import { fetchCube } from '../../src/lib/clickhouse/cube.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'
import { median, round, timeMedian, type BenchRow } from '../lib/measure.ts'

const BATCH = 5_000

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

async function timed(runs: number, call: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  await call()
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await call()
    out.push(performance.now() - t0)
  }
  return out
}

export async function benchWarehouse(size: number, seed: number, runs: number, log: (m: string) => void): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'watchfloor-bench-warehouse-'))
  const endpoint = await startChdbEndpoint({ dir })
  const table = { database: 'bench', table: 'events' }
  const connection = { url: endpoint.url, user: 'default', password: '', table }
  const client = new WarehouseClient(connection)
  try {
    log(`warehouse: generating ${size} events`)
    const events = generateSyntheticTable({ size, seed })
    await client.command(createDatabaseSql(table))
    await client.command(createTableSql(table))
    log('warehouse: loading')
    const t0 = performance.now()
    for (let from = 0; from < size; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, size - from) }, (_, i) => events.eventAt(from + i))
      await client.insert(quotedTable(table), warehouseRowsOf({ regions: [], events: batch }, from, 1))
    }
    const loadMs = performance.now() - t0
    const request: ViewRequest = {
      filter: EMPTY_FILTER,
      asOf: LATEST_AS_OF,
      nowMs: Date.UTC(2026, 0, 1),
      index: DEFAULT_INDEX_SETTINGS,
      customRegions: [],
      timeline: null,
      gauges: { limit: 5 },
      map: { shadeBy: 'countries' },
      list: { offset: 0, length: 60 },
      watchlist: [],
      points: null,
      indexWindow: 'rolling',
      compare: null,
    }
    log('warehouse: cube and views')
    const cubeMs = await timed(3, () => fetchCube(client, table, EMPTY_FILTER))
    const cube = await fetchCube(client, table, EMPTY_FILTER)
    const stats = { size, minStartMs: events.extentMs[0], maxEndMs: events.extentMs[1], maxStartMs: events.extentMs[1] }
    const toggle = { ...EMPTY_FILTER, levels: [4, 5] as const }
    const brush = { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2020, 0, 1), toMs: Date.UTC(2021, 0, 1) } }
    const toggleMs = timeMedian(() => cubeCounts(cube, cubeMask(cube, { ...toggle, levels: [...toggle.levels] }), stats), runs)
    const brushMs = timeMedian(() => cubeCounts(cube, cubeMask(cube, brush), stats, brush.timeRange), runs)
    const engine = await ClickHouseEngine.open(connection)
    const first = await timed(1, () => engine.run(request))
    const listMs = await timed(runs, () => engine.run({ ...request, list: { offset: Math.floor(size / 2), length: 60 } }))
    const views = await engine.run(request)
    const ref = views.list!.rows[0]!.ref
    const detailMs = await timed(runs, () => engine.events([ref]))
    const searchMs = await timed(runs, () => engine.run({ ...request, filter: { ...EMPTY_FILTER, text: 'strike' } }))
    await engine.close()
    const note = (ms: readonly number[]): string => `p50 ${round(median(ms))} ms, p95 ${round(percentile(ms, 0.95))} ms`
    return [
      { name: 'warehouse load (chdb endpoint, JSONEachRow batches)', n: size, ours_ms: round(loadMs), peer: null, peer_ms: null, note: `${Math.round(size / (loadMs / 1000)).toLocaleString('en-GB')} events/s` },
      { name: 'warehouse cube fetch (no coarse filter)', n: size, ours_ms: round(median(cubeMs)), peer: null, peer_ms: null, note: `${cube.size.toLocaleString('en-GB')} cells` },
      { name: 'warehouse level toggle on the cube (in the tab)', n: size, ours_ms: round(toggleMs), peer: null, peer_ms: null },
      { name: 'warehouse time brush on the cube (in the tab)', n: size, ours_ms: round(brushMs), peer: null, peer_ms: null },
      { name: 'warehouse first answer (cube cached)', n: size, ours_ms: round(first[0]!), peer: null, peer_ms: null, note: 'list, actor facet, gauges with contributions' },
      { name: 'warehouse list window far down (whole run)', n: size, ours_ms: round(median(listMs)), peer: null, peer_ms: null, note: note(listMs) },
      { name: 'warehouse event detail by ref', n: size, ours_ms: round(median(detailMs)), peer: null, peer_ms: null, note: note(detailMs) },
      { name: 'warehouse text search (new cube + views)', n: size, ours_ms: round(median(searchMs)), peer: null, peer_ms: null, note: note(searchMs) },
    ]
  } finally {
    await client.close()
    await endpoint.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
