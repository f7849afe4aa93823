/**
 * The briefing's and the events picture's top events (not part of `npm test`):
 * `npx tsx bench/node/warehouse-top-probe.ts --dir FOLDER [--runs N] [--limit N] [--filters 0,2]` on a table made
 * by warehouse-scale.ts. For each filter, alternately: the one query that orders every match by
 * level (`ORDER BY level DESC, start_ms DESC, seq LIMIT`, `event` read under FINAL) and the
 * engine's `topEvents` (a level at a time from the newest days back, the cube's level counts),
 * each with its wall time, chdb's own time and CPU summed over its queries (the endpoint answers
 * one query at a time, in this process), its query count and the load average. Checks that both
 * give the same events.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint, type AnsweredQuery } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import type { ThreatEvent } from '../../src/domain/model.ts'
import { filterSql } from '../../src/domain/warehouse/filter-sql.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'
import { readFrom } from '../../src/domain/warehouse/source-table.ts'
import { median, round } from '../lib/measure.ts'
import { requestOf } from './warehouse-scale.ts'

const ALL_FILTERS: readonly [string, FilterSpec][] = [
  ['no filter', EMPTY_FILTER],
  ['levels 1–3', { ...EMPTY_FILTER, levels: [1, 2, 3] }],
  ['Sahel', { ...EMPTY_FILTER, regions: ['sahel'] }],
  ['2022 Q1', { ...EMPTY_FILTER, timeRange: { fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2022, 3, 1) } }],
]

/** `--filters 2,3` times those of ALL_FILTERS alone (counted from 0). */
const chosen = process.argv.indexOf('--filters')
const FILTERS = chosen > 0 ? process.argv[chosen + 1]!.split(',').map((i) => ALL_FILTERS[Number(i)]!) : ALL_FILTERS

interface Sample {
  readonly wallMs: number
  readonly chdbMs: number
  readonly cpuMs: number
  readonly queries: number
  readonly ids: string
}

async function probe(dir: string, runs: number, limit: number): Promise<void> {
  const answered: AnsweredQuery[] = []
  const endpoint = await startChdbEndpoint({ dir, onQuery: (q) => answered.push(q) })
  const connection = { url: endpoint.url, user: 'default', password: '', table: { database: 'bench', table: 'events' } }
  try {
    const engine = await ClickHouseEngine.open(connection)
    const client = new WarehouseClient(connection)
    const from = readFrom(connection.table)
    const plain = async (filter: FilterSpec): Promise<ThreatEvent[]> => {
      const where = filterSql(filter)
      const rows = await client.rows<{ event: string }>(`SELECT event FROM ${from} WHERE ${where.sql} ORDER BY level DESC, start_ms DESC, seq ASC LIMIT {limit:UInt32}`, { ...where.params, limit })
      return rows.map((r) => JSON.parse(r.event) as ThreatEvent)
    }
    const sample = async (call: () => Promise<ThreatEvent[]>): Promise<Sample> => {
      answered.length = 0
      const t0 = performance.now()
      const events = await call()
      return {
        wallMs: performance.now() - t0,
        chdbMs: answered.reduce((s, q) => s + q.ms, 0),
        cpuMs: answered.reduce((s, q) => s + q.cpuMs, 0),
        queries: answered.length,
        ids: events.map((e) => e.id).join(','),
      }
    }
    console.log(`| filter | way | wall p50 | chdb p50 | CPU p50 | queries | same events | load |\n|---|---|---:|---:|---:|---:|---|---|`)
    for (const [name, filter] of FILTERS) {
      // The cube for the filter, as the app holds it when an export starts (an export's answer: no actor facet).
      await engine.snapshot(requestOf(filter))
      const load0 = loadavg()[0]!.toFixed(2)
      const old: Sample[] = []
      const now: Sample[] = []
      for (let r = 0; r < runs; r++) {
        old.push(await sample(() => plain(filter)))
        // With a signal, so the engine's kept export answers do not answer it.
        now.push(await sample(() => engine.topEvents(requestOf(filter), limit, new AbortController().signal)))
      }
      const same = old.every((o, i) => o.ids === now[i]!.ids) ? 'yes' : 'NO'
      const load = `${load0} → ${loadavg()[0]!.toFixed(2)}`
      for (const [way, s] of [['one query by level', old], ['a level at a time', now]] as const) {
        console.log(`| ${name} | ${way} | ${round(median(s.map((x) => x.wallMs)))} ms | ${round(median(s.map((x) => x.chdbMs)))} ms | ${round(median(s.map((x) => x.cpuMs)))} ms | ${s[0]!.queries} | ${same} | ${load} |`)
      }
    }
    await client.close()
    await engine.close()
  } finally {
    await endpoint.close()
  }
}

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1]! : fallback
}
await probe(arg('--dir', '/tmp/watchfloor-warehouse-10000000'), Number(arg('--runs', '5')), Number(arg('--limit', '12')))
