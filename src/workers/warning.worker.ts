/// <reference lib="webworker" />
/**
 * The early-warning worker: every place's surges and the expected bands, off the main thread
 * (a million events take about a second). One request per worker; the app ends a worker whose
 * answer is no longer wanted.
 */
import { computeWarning, warningFrom } from '../domain/warning/dashboard-warning.ts'
import { warningSourceOf } from '../domain/warning/warning-counts.ts'
import type { WarningRequest, WarningResponse } from '../domain/warning/warning-protocol.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<WarningRequest>) => {
  const post = (message: WarningResponse): void => scope.postMessage(message)
  const { input, asOfMs, settings, bandPlaces } = event.data
  const onProgress = (fraction: number): void => post({ type: 'progress', fraction })
  try {
    const result =
      'table' in input
        ? computeWarning(input.table, asOfMs, settings, bandPlaces, onProgress)
        : warningFrom(warningSourceOf(input.counts), asOfMs, settings, bandPlaces, onProgress)
    post({ type: 'done', result })
  } catch (error) {
    post({ type: 'failed', reason: error instanceof Error ? error.message : String(error) })
  }
}
