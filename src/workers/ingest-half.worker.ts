/// <reference lib="webworker" />
/**
 * The second thread of a long CSV import: reads the second half of the text (its header line,
 * then the half) while the ingest worker reads the first, and sends back what it read without
 * the text, which the ingest worker already has (see ingest-run.ts, csv-merge.ts).
 */
import { readCsvColumns, type CsvColumns, type CsvColumnsOutcome } from '../domain/ingest/csv-columns.ts'
import type { ColumnTarget } from '../domain/ingest/csv-headers.ts'

export interface HalfRequest {
  readonly text: string
  readonly overrides: readonly (readonly [number, ColumnTarget])[]
  readonly newline: '\n' | '\r\n'
}

function withoutText(read: CsvColumns): CsvColumns {
  const { idIndex: _idIndex, ...rest } = read
  return { ...rest, body: '' }
}

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<HalfRequest>) => {
  const read = readCsvColumns(event.data.text, { overrides: new Map(event.data.overrides), newline: event.data.newline })
  // The text and the id index stay here: the ingest worker has the one and needs the first half's of the other.
  const out: CsvColumnsOutcome = read.ok ? { ok: true, value: withoutText(read.value) } : read
  scope.postMessage(out)
}
