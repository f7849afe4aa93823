/**
 * The main thread's door to the synthetic-data worker: `?synthetic=N` tables are generated off
 * the main thread with progress, and arrive as transferred buffers. Where there is no Worker
 * (jsdom, component tests) the same generator runs here instead: same seed, same table.
 */
import type { SyntheticPhase, SyntheticRequest, SyntheticResponse, SyntheticTransfer } from '../../domain/synthetic-protocol.ts'
import { generateSyntheticTable, syntheticEvent } from '../../domain/synthetic.ts'
import type { EventTable } from '../../domain/table-types.ts'

/**
 * The share of the worker's time spent making rows; the rest builds dictionaries, orders rows
 * by date and finds the extent (measured at 1M rows in Node: about 55 % / 45 %).
 */
const GENERATING_SHARE = 0.55

/** Progress over the whole generation (0–1) from a phase and the fraction done within it. */
export function overallProgress(phase: SyntheticPhase, fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction))
  return phase === 'generating' ? f * GENERATING_SHARE : GENERATING_SHARE + f * (1 - GENERATING_SHARE)
}

export interface GenerateOptions {
  readonly size: number
  readonly seed: number
  /** Overall progress (0–1) and the current phase. */
  readonly onProgress?: (fraction: number, phase: SyntheticPhase) => void
}

/** A usable table from what the worker sent: titles decoded, eventAt built from the columns. */
export function tableFromTransfer({ table, titleCodes, titleValues }: SyntheticTransfer): EventTable {
  const titles = new Array<string>(titleCodes.length)
  for (let i = 0; i < titleCodes.length; i++) titles[i] = titleValues[titleCodes[i]!]!
  const built: EventTable = { ...table, titles, eventAt: (row) => syntheticEvent(built, row) }
  return built
}

function generateHere({ size, seed, onProgress }: GenerateOptions): EventTable {
  return generateSyntheticTable({
    size,
    seed,
    ...(onProgress ? { onProgress: (f: number) => onProgress(overallProgress('generating', f), 'generating') } : {}),
  })
}

function generateInWorker(options: GenerateOptions): Promise<EventTable> {
  const worker = new Worker(new URL('../../workers/synthetic.worker.ts', import.meta.url), { type: 'module', name: 'synthetic' })
  return new Promise<EventTable>((resolve, reject) => {
    const finish = (): void => worker.terminate()
    worker.onmessage = (event: MessageEvent<SyntheticResponse>) => {
      const message = event.data
      switch (message.type) {
        case 'progress':
          options.onProgress?.(overallProgress(message.phase, message.fraction), message.phase)
          return
        case 'done':
          // A user-timing mark: benchmarks read it to split worker time from main-thread time.
          performance.mark('watchfloor:synthetic-received')
          finish()
          resolve(tableFromTransfer(message.transfer))
          return
        case 'failed':
          finish()
          reject(new Error(message.reason))
          return
      }
    }
    worker.onerror = (event) => {
      event.preventDefault()
      finish()
      reject(new Error(`the generator worker failed: ${event.message || 'unknown error'}`))
    }
    const request: SyntheticRequest = { type: 'generate', size: options.size, seed: options.seed }
    worker.postMessage(request)
  })
}

/**
 * Generates `size` events from `seed`: in a module worker when the platform has one, else on
 * this thread. Rejects with a one-line reason when generation fails.
 */
export function generateSynthetic(options: GenerateOptions): Promise<EventTable> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => generateHere(options))
  return generateInWorker(options)
}
