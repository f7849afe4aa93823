/**
 * The main thread's door to the early-warning worker. Where there is no Worker (jsdom,
 * component tests) the same computation runs here after a tick instead.
 */
import type { EpochMs } from '../../domain/model.ts'
import type { EventTable } from '../../domain/table-types.ts'
import type { BandRequest, WarningResult } from '../../domain/warning/dashboard-warning.ts'
import type { WarningSettings } from '../../domain/warning/settings.ts'
import type { WarningCounts } from '../../domain/warning/warning-counts.ts'
import type { WarningRequest, WarningResponse } from '../../domain/warning/warning-protocol.ts'
import type { WeeklyInput } from '../../domain/warning/weekly-counts.ts'

export interface WarningJob {
  readonly result: Promise<WarningResult>
  /** Stops the work; the promise then never settles. */
  cancel(): void
}

function inputOf(table: EventTable): WeeklyInput {
  const { size, startMs, endMs, level, place, places, actors, extentMs } = table
  return { size, startMs, endMs, level, place, places, actors, extentMs }
}

/**
 * Computes early warning for `data` at `asOfMs`, reporting progress (0–1): from a table's
 * rows, or from the weekly counts a warehouse made of its own.
 */
export function startWarning(
  data: EventTable | WarningCounts,
  asOfMs: EpochMs,
  settings: WarningSettings,
  bandPlaces: readonly BandRequest[],
  onProgress: (fraction: number) => void,
): WarningJob {
  if (typeof Worker === 'undefined') {
    let cancelled = false
    // Loaded on demand: the model stays out of the first download.
    const result = Promise.all([import('../../domain/warning/dashboard-warning.ts'), import('../../domain/warning/warning-counts.ts')]).then(
      ([{ computeWarning, warningFrom }, { warningSourceOf }]) =>
        new Promise<WarningResult>((resolve, reject) => {
          setTimeout(() => {
            if (cancelled) return
            try {
              resolve(
                'all' in data
                  ? warningFrom(warningSourceOf(data), asOfMs, settings, bandPlaces, onProgress)
                  : computeWarning(inputOf(data), asOfMs, settings, bandPlaces, onProgress),
              )
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)))
            }
          }, 0)
        }),
    )
    return { result, cancel: () => (cancelled = true) }
  }
  const worker = new Worker(new URL('../../workers/warning.worker.ts', import.meta.url), { type: 'module', name: 'warning' })
  const result = new Promise<WarningResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WarningResponse>) => {
      const message = event.data
      if (message.type === 'progress') onProgress(message.fraction)
      else if (message.type === 'done') {
        worker.terminate()
        resolve(message.result)
      } else {
        worker.terminate()
        reject(new Error(message.reason))
      }
    }
    worker.onerror = (event) => {
      event.preventDefault()
      worker.terminate()
      reject(new Error(`the early-warning worker failed: ${event.message || 'unknown error'}`))
    }
  })
  const input = 'all' in data ? { counts: data } : { table: inputOf(data) }
  const request: WarningRequest = { type: 'compute', input, asOfMs, settings, bandPlaces }
  worker.postMessage(request)
  return { result, cancel: () => worker.terminate() }
}
