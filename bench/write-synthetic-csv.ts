/**
 * Writes a generated dataset as CSV in the app's native columns, for the memory and load
 * benchmarks or to try the app on a large file:
 *
 *   npx tsx bench/write-synthetic-csv.ts N -o OUT.csv [--seed S] [--text real|short]
 *
 * `--text real` (the default) gives every row a unique title and a summary of realistic length
 * (src/domain/synthetic-text.ts); `short` the generator's few thousand shared titles and no
 * summary. Same N, seed and text: the same file, byte for byte. Prints rows, bytes and seconds.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { generateSyntheticTable } from '../src/domain/synthetic.ts'
import { syntheticCsvLines } from './lib/synthetic-csv.ts'

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}

const size = Number(process.argv[2])
const out = option('-o')
const seed = Number(option('--seed') ?? 20251104)
const text = option('--text') ?? 'real'
if (!Number.isInteger(size) || size <= 0 || out === undefined || !Number.isFinite(seed) || (text !== 'real' && text !== 'short')) {
  console.error('usage: npx tsx bench/write-synthetic-csv.ts N -o OUT.csv [--seed S] [--text real|short]')
  process.exit(2)
}

const started = performance.now()
const table = generateSyntheticTable({ size, seed, text })
const stream = createWriteStream(out)
let bytes = 0
let batch: string[] = []
const flush = async (): Promise<void> => {
  const chunk = batch.join('\n') + '\n'
  batch = []
  bytes += Buffer.byteLength(chunk)
  if (!stream.write(chunk)) await once(stream, 'drain')
}
for (const line of syntheticCsvLines(table, size, { summaries: text === 'real' })) {
  batch.push(line)
  if (batch.length === 10_000) await flush()
}
if (batch.length > 0) await flush()
stream.end()
await once(stream, 'finish')
console.log(`${out}: ${size.toLocaleString('en-GB')} rows, ${(bytes / 1048576).toFixed(1)} MiB, ${((performance.now() - started) / 1000).toFixed(1)} s`)
