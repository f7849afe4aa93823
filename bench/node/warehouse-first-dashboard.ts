/**
 * The first dashboard query by query (not part of `npm test`):
 * `npx tsx bench/node/warehouse-first-dashboard.ts --dir FOLDER [--runs N]` on a table made by
 * warehouse-scale.ts. Each run opens a new ClickHouseEngine and answers the first dashboard's
 * request (every panel, as warehouse-scale.ts asks it); it prints the whole run's time, and chdb's
 * own time and the rows and bytes it answered for each query the engine asked, in the order they were answered
 * (the endpoint answers one at a time), and the load average. `--without-map` leaves the map's
 * points out of the request (the rest is the first dashboard's); `--early` asks as the app does
 * (ViewRequest.early: the gauges' contributions follow the first answer) and prints when each came.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint, type AnsweredQuery } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { round } from '../lib/measure.ts'
import { requestOf } from './warehouse-scale.ts'

/** The query's first line, its whitespace folded, cut to a width a table row holds. */
function shortSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 150)
}

async function probe(dir: string, runs: number, withMap: boolean, early: boolean): Promise<void> {
  const answered: AnsweredQuery[] = []
  const endpoint = await startChdbEndpoint({ dir, onQuery: (q) => answered.push(q) })
  const connection = { url: endpoint.url, user: 'default', password: '', table: { database: 'bench', table: 'events' } }
  try {
    for (let i = 0; i < runs; i++) {
      answered.length = 0
      const load = loadavg()[0]!.toFixed(2)
      const cpu = process.cpuUsage()
      const t0 = performance.now()
      const engine = await ClickHouseEngine.open(connection)
      const opened = performance.now() - t0
      const request = requestOf(EMPTY_FILTER)
      const first = await engine.run({ ...request, ...(withMap ? {} : { points: null }), early })
      const firstMs = performance.now() - t0
      const views = await (first.later ?? Promise.resolve(first)).finally(() => printQueries(answered))
      const ms = performance.now() - t0
      if (first.later !== undefined) console.log(`first paint (early answer, gauges without their contributions) ${round(firstMs)} ms; contributions after ${round(ms)} ms`)
      const used = process.cpuUsage(cpu)
      await engine.close()
      console.log(`run ${i + 1}: first dashboard ${round(ms)} ms (open ${round(opened)} ms), CPU ${round((used.user + used.system) / 1000)} ms, load ${load} → ${loadavg()[0]!.toFixed(2)}; ${views.matched.toLocaleString('en-GB')} events, kept cube ${engine.keptCube ? 'read' : 'not used'}, kept actor facet ${engine.keptFacet ? 'read' : 'not used'}`)
    }
  } finally {
    await endpoint.close()
  }
}

function printQueries(answered: readonly AnsweredQuery[]): void {
  console.log('\n| chdb ms | rows out | MB out | query |\n|---:|---:|---:|---|')
  for (const q of answered) console.log(`| ${round(q.ms)} | ${q.rows.toLocaleString('en-GB')} | ${round(q.bytes / 1e6)} | \`${shortSql(q.sql)}\` |`)
  console.log(`| **${round(answered.reduce((s, q) => s + q.ms, 0))}** | | | ${answered.length} queries |`)
}

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1]! : fallback
}
probe(arg('--dir', '/tmp/watchfloor-warehouse-10000000'), Number(arg('--runs', '2')), !process.argv.includes('--without-map'), process.argv.includes('--early')).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
