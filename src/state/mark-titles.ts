/**
 * The titles of the timeline's marks (a few hundred at most) for a table whose titles are kept by
 * an import's worker: the engine answers marks with empty titles, and the titles are asked of the
 * worker and put into the answer on screen when they come. Titles read are kept per table, so a
 * mark seen before is filled in the same task.
 */
import type { EventMarkData, TimelineView } from '../domain/engine/views-engine.ts'
import type { RemoteTitles } from '../domain/table-types.ts'
import type { WatchfloorState } from './store-types.ts'

/** Titles kept per table; past this many the oldest half goes. */
const KEPT_TITLES = 4_000

const known = new WeakMap<RemoteTitles, Map<number, string>>()

function marksOf(timeline: TimelineView): EventMarkData[] {
  return [...(timeline.markers?.marks ?? []), ...(timeline.lanes?.lanes.flatMap((lane) => lane.marks) ?? [])]
}

/** The marks' rows whose title is not known (empty in the answer and not read before). */
export function untitledMarkRows(timeline: TimelineView, titles: ReadonlyMap<number, string>): number[] {
  const rows = new Set<number>()
  for (const mark of marksOf(timeline)) if (mark.title === '' && !titles.has(mark.ref)) rows.add(mark.ref)
  return [...rows]
}

/** `timeline` with each untitled mark given its title from `titles`; the same object when none changes. */
export function withMarkTitles(timeline: TimelineView, titles: ReadonlyMap<number, string>): TimelineView {
  let changed = false
  const fill = (mark: EventMarkData): EventMarkData => {
    const title = mark.title === '' ? titles.get(mark.ref) : undefined
    if (title === undefined || title === '') return mark
    changed = true
    return { ...mark, title }
  }
  const markers = timeline.markers && { ...timeline.markers, marks: timeline.markers.marks.map(fill) }
  const lanes = timeline.lanes && { ...timeline.lanes, lanes: timeline.lanes.lanes.map((lane) => ({ ...lane, marks: lane.marks.map(fill) })) }
  return changed ? { ...timeline, markers, lanes } : timeline
}

interface Store {
  getState(): WatchfloorState
  setState(patch: Partial<WatchfloorState>): void
  subscribe(listener: (state: WatchfloorState, previous: WatchfloorState) => void): () => void
}

/** Fills the marks' titles of every timeline answer the store shows for a table whose titles are in a worker. Returns the unsubscribe. */
export function fillMarkTitles(store: Store): () => void {
  const fillFrom = (state: WatchfloorState): void => {
    const timeline = state.views.timeline
    const remote = state.table.remoteTitles
    if (timeline === null || remote === undefined || state.remote !== null) return
    let titles = known.get(remote)
    if (titles === undefined) known.set(remote, (titles = new Map()))
    const kept = titles
    const show = (): void => {
      const now = store.getState()
      if (now.views.timeline !== timeline) return
      const filled = withMarkTitles(timeline, kept)
      if (filled !== timeline) store.setState({ views: { ...now.views, timeline: filled } })
    }
    const missing = untitledMarkRows(timeline, kept)
    if (missing.length === 0) return show()
    remote.read(missing).then(
      (read) => {
        if (kept.size + read.length > KEPT_TITLES) for (const row of [...kept.keys()].slice(0, kept.size >> 1)) kept.delete(row)
        missing.forEach((row, i) => kept.set(row, read[i]!))
        show()
      },
      // A worker that cannot answer leaves the marks untitled (their date and level still drawn).
      () => {},
    )
  }
  return store.subscribe((state, previous) => {
    if (state.views.timeline !== previous.views.timeline || state.table !== previous.table) fillFrom(state)
  })
}
