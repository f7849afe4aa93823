/**
 * A long CSV read in two halves, as the import reads a text over 16 MiB on two threads, timed
 * part by part in one thread (not part of `npm test`):
 *
 *   npx tsx bench/node/csv-join-probe.ts [--rows 1000000] [--rounds 3]
 *
 * Prints, per round, the cut, each half's read, the join (csv-merge.ts) and the table's assembly,
 * with the load average. The text is the seeded synthetic table's CSV, so no id repeats across
 * the cut; its halves are read one after the other here, side by side in the app.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { readCsvColumns, type CsvColumns } from '../../src/domain/ingest/csv-columns.ts'
import { joinCsvHalves } from '../../src/domain/ingest/csv-merge.ts'
import { cutCsvInTwo } from '../../src/domain/ingest/csv-split.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { assembleTable } from '../../src/domain/table.ts'
import { csvFromTable } from './csv-ingest.ts'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const rows = Number(option('--rows') ?? 1_000_000)
const rounds = Number(option('--rounds') ?? 3)

const text = csvFromTable(generateSyntheticTable({ size: rows, seed: 20251104 }), rows)

function read(part: string, newline: '\n' | '\r\n'): CsvColumns {
  const outcome = readCsvColumns(part, { newline })
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.value
}

for (let round = 1; round <= rounds; round++) {
  const t0 = performance.now()
  const cut = cutCsvInTwo(text, 0)
  if (cut === null) throw new Error('the text has no place to cut')
  const t1 = performance.now()
  const second = read(cut.head + text.slice(cut.at), cut.newline)
  const t2 = performance.now()
  const first = read(text.slice(0, cut.at), cut.newline)
  const t3 = performance.now()
  // The second half comes from another thread without its text and id index (ingest-half.worker.ts).
  const { idIndex: _index, ...fromThread } = second
  const joined = joinCsvHalves(first, { read: { ...fromThread, body: '' }, at: cut.at, headLength: cut.head.length, newline: cut.newline }, text)
  const t4 = performance.now()
  const table = assembleTable(joined.columns, () => {
    throw new Error('not needed')
  })
  const t5 = performance.now()
  const ms = (a: number, b: number): string => `${Math.round(b - a)} ms`
  console.log(
    `round ${round} at ${rows.toLocaleString('en-GB')} rows, load ${loadavg()[0]!.toFixed(2)}: cut ${ms(t0, t1)}, second half ${ms(t1, t2)}, first half ${ms(t2, t3)}, join ${ms(t3, t4)}, table ${ms(t4, t5)} (${table.size.toLocaleString('en-GB')} events)`,
  )
}
