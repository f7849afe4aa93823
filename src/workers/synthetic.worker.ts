/// <reference lib="webworker" />
/**
 * The synthetic-data worker: generates `?synthetic=N` tables off the main thread (see
 * synthetic-run.ts and domain/synthetic-protocol.ts). One request per worker.
 */
import type { SyntheticRequest, SyntheticResponse } from '../domain/synthetic-protocol.ts'
import { runSynthetic } from './synthetic-run.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<SyntheticRequest>) => {
  runSynthetic(event.data, (message: SyntheticResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer))
}
