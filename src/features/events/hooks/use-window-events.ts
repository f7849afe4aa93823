import { useEffect, useState } from 'react'
import type { EventRef, ListView } from '../../../domain/engine/views-engine.ts'
import type { ThreatEvent } from '../../../domain/model.ts'
import { useWatchfloor } from '../../../state/store.ts'

/** Most events kept read for rows scrolled past (a few windows' worth); beyond, only the window's. */
const MAX_KEPT = 2_000

const NONE: ReadonlyMap<EventRef, ThreatEvent> = new Map()

interface Read {
  /** The data load the events belong to (the store's dataToken). */
  readonly data: object
  readonly events: ReadonlyMap<EventRef, ThreatEvent>
  readonly error: string | null
}

export interface WindowEvents {
  /** The events read so far for the data on screen, by ref. */
  readonly events: ReadonlyMap<EventRef, ThreatEvent>
  /** Why the last window's events could not be read; null when they could. */
  readonly error: string | null
}

/**
 * The events of the list window's rows: the engine's answer lists rows, not their text, so the
 * rows shown are read when the window changes, and a row not read yet is drawn as a placeholder.
 * Events already read for this data are kept (a row scrolled back to shows at once); events read
 * for earlier data are never returned, however late they come.
 */
export function useWindowEvents(list: ListView | null): WindowEvents {
  const fetchEvents = useWatchfloor((s) => s.fetchEvents)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const [read, setRead] = useState<Read>(() => ({ data: dataToken, events: NONE, error: null }))
  const known = read.data === dataToken ? read.events : NONE
  // The rows to read, as a key: a new answer listing the same rows (another filter, the same
  // window) neither asks again nor drops a read on its way.
  const wanted = (list?.rows ?? []).flatMap((r) => (r.event === null && !known.has(r.ref) ? [r.ref] : [])).join(',')
  useEffect(() => {
    if (wanted === '') return
    const missing = wanted.split(',').map(Number)
    const controller = new AbortController()
    fetchEvents(missing, controller.signal).then(
      (events) => {
        if (controller.signal.aborted) return
        setRead((last) => {
          const kept = last.data === dataToken && last.events.size + events.length <= MAX_KEPT ? last.events : NONE
          const next = new Map(kept)
          missing.forEach((ref, i) => {
            const event = events[i]
            if (event !== undefined) next.set(ref, event)
          })
          return { data: dataToken, events: next, error: null }
        })
      },
      (error: unknown) => {
        if (controller.signal.aborted || (error instanceof Error && error.name === 'AbortError')) return
        setRead((last) => ({ data: dataToken, events: last.data === dataToken ? last.events : NONE, error: error instanceof Error ? error.message : String(error) }))
      },
    )
    return () => controller.abort()
  }, [wanted, dataToken, fetchEvents])
  return { events: known, error: read.data === dataToken ? read.error : null }
}
