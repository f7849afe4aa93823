import type { SamplePanels } from '../domain/ingest/sample-json.ts'
import type { ThreatEvent } from '../domain/model.ts'
import { inSlices, SLICE_EVENTS } from './slices.ts'

/**
 * The sample's whole events, read once when first asked: its details' part fetched
 * (`fetchDetails`), joined with the panels' part and read in slices. The events must be those
 * the panels' part gave (`ids`, in order), or the read fails with a one-line reason; a failure
 * is the caller's, and the next ask tries again.
 */
export function wholeSampleEvents(panels: SamplePanels, ids: readonly string[], fetchDetails: () => Promise<string>): () => Promise<readonly ThreatEvent[]> {
  let pending: Promise<readonly ThreatEvent[]> | null = null
  const read = async (): Promise<readonly ThreatEvent[]> => {
    const reader = panels.withDetails(await fetchDetails())
    if (!reader.ok) throw new Error(reader.reason)
    await inSlices(() => reader.readNext(SLICE_EVENTS) > 0)
    const outcome = reader.finish()
    if (!outcome.ok) throw new Error(outcome.reason)
    const events = outcome.result.dataset.events
    const first = outcome.result.issues[0]
    if (events.length !== ids.length || events.some((e, i) => e.id !== ids[i])) {
      const why = first ? `: row ${first.row}, ${first.field}: ${first.message}` : ''
      throw new Error(`the sample's details do not match its events (${events.length} of ${ids.length} read${why})`)
    }
    return events
  }
  return () => {
    pending ??= read().catch((error: unknown) => {
      pending = null
      throw error
    })
    return pending
  }
}
