/**
 * `npm run warehouse:dev`: a ClickHouse endpoint on this machine, over chdb, for trying warehouse
 * mode without a server. Data is kept in .warehouse/ (or --dir DIR) between runs.
 *
 *   npm run warehouse:dev -- [--port 8123] [--dir .warehouse] [--user U]   (password: WATCHFLOOR_CLICKHOUSE_PASSWORD)
 *   npx watchfloor push events.csv --clickhouse http://127.0.0.1:8123 --table watchfloor.events
 *   open the app with ?source=clickhouse&url=http://127.0.0.1:8123&table=watchfloor.events
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startChdbEndpoint } from './chdb-endpoint.ts'

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8123' }, dir: { type: 'string', default: '.warehouse' }, user: { type: 'string', default: 'default' }, host: { type: 'string', default: '127.0.0.1' } },
})
const dir = resolve(values.dir)
mkdirSync(dir, { recursive: true })
const endpoint = await startChdbEndpoint({
  dir,
  host: values.host,
  port: Number(values.port),
  user: values.user,
  password: process.env.WATCHFLOOR_CLICKHOUSE_PASSWORD ?? '',
})
process.stdout.write(`ClickHouse HTTP interface (chdb) at ${endpoint.url}, data in ${dir}. Ctrl-C stops it.\n`)
const stop = (): void => void endpoint.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
