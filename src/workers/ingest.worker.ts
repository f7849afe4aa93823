/// <reference lib="webworker" />
/**
 * The ingest worker: parses what the app hands it off the main thread (see protocol.ts and
 * ingest-run.ts). papaparse runs here as a plain library; its own `worker: true` mode is not used.
 */
import type { IngestRequest, IngestResponse } from '../domain/ingest/ingest-protocol.ts'
import { runIngest } from './ingest-run.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<IngestRequest>) => {
  void runIngest(event.data, (message: IngestResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer))
}
