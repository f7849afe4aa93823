import type { IngestSource } from '../../domain/ingest/ingest-protocol.ts'
import { inputKind, readTogether, type InputKind } from '../../domain/ingest/input-kind.ts'

/** Enough of a file's start to tell its kind. */
const HEAD_BYTES = 64 * 1024

async function kindOf(source: IngestSource): Promise<InputKind> {
  if (source.kind === 'url') return null
  const head = source.kind === 'text' ? source.text.slice(0, HEAD_BYTES) : await source.file.slice(0, HEAD_BYTES).text()
  // The head may end inside a row: judge its whole lines only.
  const whole = head.length === HEAD_BYTES ? head.slice(0, head.lastIndexOf('\n') + 1) : head
  return inputKind(whole, source.name)
}

/**
 * The jobs to run for `sources`: one per source, or, when they belong together (GDELT events
 * files and their mentions tables), one job whose source is the first events file and whose
 * companions are the others, so that the worker joins them.
 */
export async function groupSources(sources: readonly IngestSource[]): Promise<{ source: IngestSource; companions: IngestSource[] }[]> {
  const alone = sources.map((source) => ({ source, companions: [] }))
  if (sources.length < 2) return alone
  const kinds = await Promise.all(sources.map(kindOf))
  if (!readTogether(kinds)) return alone
  const main = Math.max(0, kinds.indexOf('gdelt'))
  return [{ source: sources[main]!, companions: sources.filter((_, i) => i !== main) }]
}
