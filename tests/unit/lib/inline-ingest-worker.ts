/**
 * A stand-in for the browser's ingest Worker that does what ingest.worker.ts does, in this
 * thread: runs the import, then keeps its reader and titles and answers asks for events and titles
 * (a task later, as a message would), and a picked file's copy when asked; or, handed a CSV's titles and rows ('keep-titles', 'keep'), answers from them. Records each
 * import's source and size limit.
 */
import type { IngestRequest, IngestWorkerRequest } from '../../../src/domain/ingest/ingest-protocol.ts'
import { answerCopy, answerEvents, answerTitles, keptRowsReader, keptTitlesOf, runIngest, type EventReader, type TitleKeeper } from '../../../src/workers/ingest-run.ts'

export class InlineIngestWorker {
  static started = 0
  static made: InlineIngestWorker[] = []
  static sources: IngestRequest['source'][] = []
  static maxBytes: number[] = []
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  /** Asks for events received. */
  asks = 0
  /** Was handed a CSV's rows to read events from (a 'keep' request), not an import. */
  keeper = false
  /** Leaves asks unanswered (a worker that has stopped without a word). */
  silent = false
  private kept: EventReader | null = null
  private titles: Promise<TitleKeeper | null> | TitleKeeper | null = null
  /** Asks of the kept titles received. */
  titleAsks = 0
  /** Asks for a picked file's copy received. */
  copyAsks = 0

  constructor() {
    InlineIngestWorker.started++
    InlineIngestWorker.made.push(this)
  }

  static reset(): void {
    InlineIngestWorker.started = 0
    InlineIngestWorker.made = []
    InlineIngestWorker.sources = []
    InlineIngestWorker.maxBytes = []
  }

  /** The worker started last. */
  static last(): InlineIngestWorker {
    return InlineIngestWorker.made[InlineIngestWorker.made.length - 1]!
  }

  postMessage(request: IngestWorkerRequest): void {
    if (this.terminated) return
    const reply = (message: unknown): void => {
      if (!this.terminated) this.onmessage?.({ data: message } as MessageEvent)
    }
    if (request.type === 'events') {
      this.asks++
      if (!this.silent) setTimeout(() => void answerEvents(request, this.kept, reply), 0)
      return
    }
    if (request.type === 'search-titles' || request.type === 'read-titles' || request.type === 'hash-titles') {
      this.titleAsks++
      if (!this.silent) setTimeout(() => void answerTitles(request, this.titles, reply), 0)
      return
    }
    if (request.type === 'copy-file') {
      this.copyAsks++
      if (!this.silent) setTimeout(() => void answerCopy(request, reply), 0)
      return
    }
    if (request.type === 'keep-titles') {
      this.keeper = true
      this.titles = keptTitlesOf(request.titles)
      return
    }
    if (request.type === 'keep') {
      this.keeper = true
      this.kept = keptRowsReader(request.rows)
      return
    }
    InlineIngestWorker.sources.push(request.source)
    InlineIngestWorker.maxBytes.push(request.maxBytes)
    void runIngest(request, reply).then((done) => {
      this.kept = done?.read ?? null
      this.titles = done?.titles ?? null
    })
  }

  terminate(): void {
    this.terminated = true
  }

  /** Fails as a thread does (out of memory, a crash): an error event. */
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent)
  }
}
