/**
 * What the early-warning worker does with each message, apart from the worker plumbing so that
 * it runs in Node tests too. A `table` is counted and the counts posted back, transferred: the
 * worker keeps nothing of it (the app ends it, and the copy of the columns goes with it). Counts
 * handed over (`counts`) are kept, and each computation reads them stretched to its as-of.
 */
import { warningFrom } from '../domain/warning/dashboard-warning.ts'
import { countsBuffers } from '../domain/warning/counts-buffers.ts'
import { countsThrough, warningCountsOf, warningSourceOf, type WarningCounts } from '../domain/warning/warning-counts.ts'
import type { WarningMessage, WarningResponse } from '../domain/warning/warning-protocol.ts'

export type WarningPost = (response: WarningResponse, transfer?: Transferable[]) => void

/** A worker's answerer: one per worker, holding the counts it was last handed. */
export function warningAnswerer(post: WarningPost): (message: WarningMessage) => void {
  let kept: WarningCounts | null = null
  return (message) => {
    if (message.type === 'counts') {
      kept = message.counts
      return
    }
    const { id } = message
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
      const result = warningFrom(
        warningSourceOf(source),
        asOfMs,
        settings,
        bandPlaces,
        (fraction) => post({ type: 'progress', id, fraction }),
        (bands) => post({ type: 'bands', id, bands }),
      )
      post({ type: 'done', id, result })
    } catch (error) {
      post({ type: 'failed', id, reason: error instanceof Error ? error.message : String(error) })
    }
  }
}
