/**
 * A text search's whole dashboard query by query (not part of `npm test`):
 * `npx tsx bench/node/warehouse-search-probe.ts --dir FOLDER [--words strike,militia] [--runs N] [--early]`
 * on a table made by warehouse-scale.ts. Opens a ClickHouseEngine, answers the first dashboard,
 * then for each word answers the dashboard's request with that text filter (as warehouse-scale.ts
 * times "text search, the whole dashboard"), and prints each query the engine asked with chdb's
 * own time, the rows it read and the process's CPU time while it ran (the endpoint answers one
 * query at a time, in the same process), the whole answer's wall time and the load average.
 * With `--early` the request asks as the app does (ViewRequest.early) and the staged answers'
 * times are printed as they come.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint, type AnsweredQuery } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import type { Views } from '../../src/domain/engine/views-engine.ts'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import { round } from '../lib/measure.ts'
import { requestOf } from './warehouse-scale.ts'

function shortSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 140)
}

async function probe(dir: string, words: readonly string[], runs: number, early: boolean): Promise<void> {
  const answered: AnsweredQuery[] = []
  const endpoint = await startChdbEndpoint({ dir, onQuery: (q) => answered.push(q) })
  const connection = { url: endpoint.url, user: 'default', password: '', table: { database: 'bench', table: 'events' } }
  try {
    const engine = await ClickHouseEngine.open(connection)
    await engine.run(requestOf(EMPTY_FILTER))
    for (let r = 0; r < runs; r++) {
      for (const word of words) {
        // A filter of no text between searches, so each search fetches its own cube.
        await engine.run(requestOf(EMPTY_FILTER))
        answered.length = 0
        const load = loadavg()[0]!.toFixed(2)
        const cpu = process.cpuUsage()
        const t0 = performance.now()
        let views: Views = await engine.run({ ...requestOf({ ...EMPTY_FILTER, text: word }), early })
        const stages = [`first answer ${round(performance.now() - t0)} ms`]
        while (views.later !== undefined) {
          views = await views.later
          stages.push(`then ${round(performance.now() - t0)} ms`)
        }
        const used = process.cpuUsage(cpu)
        console.log(`\n"${word}" run ${r + 1}: ${stages.join(', ')}; CPU ${round((used.user + used.system) / 1000)} ms; ${views.matched.toLocaleString('en-GB')} matches; load ${load} → ${loadavg()[0]!.toFixed(2)}`)
        console.log('| chdb ms | CPU ms | rows read | query |\n|---:|---:|---:|---|')
        for (const q of answered) console.log(`| ${round(q.ms)} | ${round(q.cpuMs)} | ${q.rows.toLocaleString('en-GB')} | \`${shortSql(q.sql)}\` |`)
        console.log(`| **${round(answered.reduce((s, q) => s + q.ms, 0))}** | **${round(answered.reduce((s, q) => s + q.cpuMs, 0))}** | | ${answered.length} queries |`)
      }
    }
    await engine.close()
  } finally {
    await endpoint.close()
  }
}

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1]! : fallback
}
probe(arg('--dir', '/tmp/watchfloor-warehouse-10000000'), arg('--words', 'strike,militia').split(','), Number(arg('--runs', '1')), process.argv.includes('--early')).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
