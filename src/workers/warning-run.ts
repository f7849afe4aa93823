/**
 * What the early-warning worker does with each message, apart from the worker plumbing so that
 * it runs in Node tests too. A `table` is counted and the counts posted back, transferred: the
 * worker keeps nothing of it (the app ends it, and the copy of the columns goes with it). Counts
 * handed over (`counts`) are kept, and each computation reads them stretched to its as-of.
 */
import { warningSteps } from '../domain/warning/dashboard-warning.ts'
import { countsBuffers } from '../domain/warning/counts-buffers.ts'
import { countsThrough, warningCountsOf, warningSourceOf, type WarningCounts } from '../domain/warning/warning-counts.ts'
import type { WarningMessage, WarningResponse } from '../domain/warning/warning-protocol.ts'

export type WarningPost = (response: WarningResponse, transfer?: Transferable[]) => void

/** How long a computation runs before it lets messages in (a newer computation). */
const SLICE_MS = 12

/**
 * A worker's answerer: one per worker, holding the counts it was last handed. With `later` (the
 * worker's), a computation runs in slices of about SLICE_MS, handing `later` the rest between
 * them, so that a newer computation's message is read meanwhile: the newer one then starts (its
 * bands come at once) and the older one stops at its next slice, answering nothing more (the app
 * has dropped it). Without `later`, each computation runs whole when asked.
 */
export function warningAnswerer(post: WarningPost, later?: (rest: () => void) => void): (message: WarningMessage) => void {
  let kept: WarningCounts | null = null
  // The newest computation asked for: an older one still running stops.
  let newest = 0
  return (message) => {
    if (message.type === 'counts') {
      kept = message.counts
      return
    }
    const { id } = message
    const failed = (error: unknown): void => post({ type: 'failed', id, reason: error instanceof Error ? error.message : String(error) })
    try {
      if (message.type === 'table') {
        // The data's own frame: any as-of is then a stretch of it (countsThrough).
        const counts = warningCountsOf(message.table, -Infinity)
        post({ type: 'counted', id, counts }, countsBuffers(counts))
        return
      }
      const { counts, asOfMs, settings, bandPlaces } = message
      if (counts === undefined && kept === null) throw new Error('no counts were sent to the early-warning worker')
      const source = counts ?? countsThrough(kept!, asOfMs)
      const steps = warningSteps(warningSourceOf(source), asOfMs, settings, bandPlaces)
      newest = id
      const run = (): void => {
        if (id !== newest) return
        const sliceEnd = performance.now() + SLICE_MS
        try {
          for (;;) {
            const step = steps.next()
            if (step.done === true) return post({ type: 'done', id, result: step.value })
            post('bands' in step.value ? { type: 'bands', id, bands: step.value.bands } : { type: 'progress', id, fraction: step.value.fraction })
            if (later !== undefined && performance.now() >= sliceEnd) return later(run)
          }
        } catch (error) {
          failed(error)
        }
      }
      run()
    } catch (error) {
      failed(error)
    }
  }
}
