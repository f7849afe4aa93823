/**
 * The main thread's door to the ingest worker: start an import, follow its progress, cancel it.
 * Each import runs in a fresh module worker, so cancelling is terminating: nothing half-parsed
 * can reach the app.
 */
import type { ColumnTarget } from '../../domain/ingest/csv-headers.ts'
import type { ImportFormat } from '../../domain/ingest/detect.ts'
import type { EventTable } from '../../domain/table.ts'
import {
  DEFAULT_MAX_BYTES,
  type IngestMeta,
  type IngestPhase,
  type IngestReport,
  type IngestRequest,
  type IngestResponse,
  type IngestSource,
  type Validators,
} from '../../domain/ingest/ingest-protocol.ts'

export interface ImportedData {
  readonly table: EventTable
  readonly ids: readonly string[]
  readonly meta: IngestMeta
  readonly report: IngestReport
  readonly validators: Validators
  /** The input's text as read (BOM removed for CSV): what the workspace saves to rebuild it. */
  readonly text: string
  /** When the import finished, ms since the epoch; the data's "updated" time. */
  readonly receivedAtMs: number
}

export type IngestOutcome =
  | { readonly kind: 'done'; readonly data: ImportedData }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'cancelled' }
  | {
      readonly kind: 'failed'
      readonly reason: string
      readonly headers?: readonly string[]
      readonly mapping?: readonly ColumnTarget[]
    }

export interface IngestOptions {
  readonly format?: ImportFormat | 'auto'
  readonly overrides?: ReadonlyMap<number, ColumnTarget>
  /** Refuse inputs larger than this many bytes (default 512 MB). */
  readonly maxBytes?: number
  readonly onProgress?: (phase: IngestPhase, fraction: number) => void
}

export interface IngestJob {
  readonly done: Promise<IngestOutcome>
  cancel(): void
}

/** Starts importing `source` in a worker. The job's promise never rejects. */
export function startIngest(source: IngestSource, options: IngestOptions = {}): IngestJob {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (source.kind === 'file' && source.file.size > maxBytes) {
    const mb = (n: number): string => `${Math.round(n / (1024 * 1024)).toLocaleString('en-GB')} MB`
    const reason = `the file is ${mb(source.file.size)}, over the ${mb(maxBytes)} limit: split it, or raise the limit`
    return { done: Promise.resolve({ kind: 'failed', reason }), cancel: () => {} }
  }
  const worker = new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' })
  let settle: (outcome: IngestOutcome) => void = () => {}
  const done = new Promise<IngestOutcome>((resolve) => {
    settle = (outcome) => {
      worker.terminate()
      resolve(outcome)
      settle = () => {}
    }
  })
  worker.onmessage = (event: MessageEvent<IngestResponse>) => {
    const message = event.data
    switch (message.type) {
      case 'progress':
        options.onProgress?.(message.phase, message.fraction)
        return
      case 'unchanged':
        settle({ kind: 'unchanged' })
        return
      case 'failed':
        settle({ kind: 'failed', reason: message.reason, ...(message.headers ? { headers: message.headers } : {}), ...(message.mapping ? { mapping: message.mapping } : {}) })
        return
      case 'done': {
        // User-timing marks: benchmarks read them to split worker time from main-thread time.
        performance.mark('watchfloor:ingest-received')
        const { table, ids, events, meta, report, validators } = message.payload
        const text = events.kind === 'csv' ? events.body : (message.payload.text ?? '')
        // The CSV row reader (papaparse, the normaliser and zod) loads only once data arrives.
        void import('./events-for.ts').then(
          ({ eventsFor }) => {
            const eventAt = eventsFor(events)
            settle({ kind: 'done', data: { table: { ...table, eventAt }, ids, meta, report, validators, text, receivedAtMs: Date.now() } })
          },
          (error: unknown) => settle({ kind: 'failed', reason: `could not load the event reader: ${String(error)}` }),
        )
        return
      }
    }
  }
  worker.onerror = (event) => {
    event.preventDefault()
    settle({ kind: 'failed', reason: `the import worker failed: ${event.message || 'unknown error'}` })
  }
  const request: IngestRequest = {
    type: 'ingest',
    source,
    format: options.format ?? 'auto',
    overrides: [...(options.overrides ?? new Map<number, ColumnTarget>())],
    maxBytes,
  }
  worker.postMessage(request)
  return { done, cancel: () => settle({ kind: 'cancelled' }) }
}
