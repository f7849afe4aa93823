/// <reference lib="webworker" />
/**
 * The early-warning worker: every place's surges and the expected bands, off the main thread
 * (a million events take about a second). One request per worker; the app ends a worker whose
 * answer is no longer wanted.
 */
import { computeWarning } from '../domain/warning/dashboard-warning.ts'
import type { WarningRequest, WarningResponse } from '../domain/warning/warning-protocol.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<WarningRequest>) => {
  const post = (message: WarningResponse): void => scope.postMessage(message)
  const { table, asOfMs, settings, bandPlaces } = event.data
  try {
    const result = computeWarning(table, asOfMs, settings, bandPlaces, (fraction) => post({ type: 'progress', fraction }))
    post({ type: 'done', result })
  } catch (error) {
    post({ type: 'failed', reason: error instanceof Error ? error.message : String(error) })
  }
}
