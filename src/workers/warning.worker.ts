/// <reference lib="webworker" />
/**
 * The early-warning worker: every place's surges and the expected bands, off the main thread
 * (a million events take about a second). It keeps the table last sent and answers one
 * computation at a time, in the order asked; the app sends a computation only once the one
 * before has answered.
 */
import { computeWarning, warningFrom } from '../domain/warning/dashboard-warning.ts'
import { warningSourceOf } from '../domain/warning/warning-counts.ts'
import type { WarningMessage, WarningResponse } from '../domain/warning/warning-protocol.ts'
import type { WeeklyInput } from '../domain/warning/weekly-counts.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope
let table: WeeklyInput | null = null

scope.onmessage = (event: MessageEvent<WarningMessage>) => {
  const message = event.data
  if (message.type === 'table') {
    table = message.table
    return
  }
  const { id, counts, asOfMs, settings, bandPlaces } = message
  const post = (response: WarningResponse): void => scope.postMessage(response)
  const onProgress = (fraction: number): void => post({ type: 'progress', id, fraction })
  try {
    if (counts === undefined && table === null) throw new Error('no table was sent to the early-warning worker')
    const result =
      counts !== undefined
        ? warningFrom(warningSourceOf(counts), asOfMs, settings, bandPlaces, onProgress)
        : computeWarning(table!, asOfMs, settings, bandPlaces, onProgress)
    post({ type: 'done', id, result })
  } catch (error) {
    post({ type: 'failed', id, reason: error instanceof Error ? error.message : String(error) })
  }
}
