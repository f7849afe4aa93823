import { lazy, Suspense, useMemo, useRef } from 'react'
import type { EventRef } from '../../../domain/engine/views-engine.ts'
import type { ThreatEvent } from '../../../domain/model.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { PanelPending } from '../../../ui/panel-pending.tsx'
import { useAnswer } from '../../../ui/use-answer.ts'
import { useDismiss } from '../../../ui/use-dismiss.ts'

// Opened on a click, not at first paint: loaded then, to keep the first download small.
const EventDetail = lazy(() => import('./event-detail.tsx').then((m) => ({ default: m.EventDetail })))

interface SelectedEventProps {
  readonly row: EventRef
  readonly onClose: () => void
}

/**
 * The detail of the selected event: its text is read when it is opened (the engine answers
 * asynchronously), with the detail's frame saying so meanwhile. A row selected before the last
 * one answered never shows: only the current row's event is drawn.
 */
export function SelectedEvent({ row, onClose }: SelectedEventProps) {
  const fetchEvents = useWatchfloor((s) => s.fetchEvents)
  const dataToken = useWatchfloor((s) => s.dataToken)
  // A new key for a new row or new data: an answer for another is dropped.
  const key = useMemo(() => ({ row, dataToken }), [row, dataToken])
  const answer = useAnswer<ThreatEvent | undefined>(key, (signal) => fetchEvents([row], signal).then((events) => events[0]))
  if (answer.state === 'busy') return <EventNotShown onClose={onClose} busy message="Reading the event…" />
  if (answer.state === 'failed') return <EventNotShown onClose={onClose} message={`The event could not be read: ${answer.message}`} />
  if (answer.value === undefined) return <EventNotShown onClose={onClose} message="This event is not in the data on screen." />
  return (
    <Suspense fallback={<PanelPending label="Opening the event" />}>
      <EventDetail event={answer.value} onClose={onClose} />
    </Suspense>
  )
}

function EventNotShown({ message, busy = false, onClose }: { readonly message: string; readonly busy?: boolean; readonly onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null)
  useDismiss(onClose, closeRef)
  return (
    <div className="detail" role="dialog" aria-modal="false" aria-label="Event detail" aria-busy={busy} data-testid={busy ? 'event-detail-busy' : 'event-detail-missing'}>
      <header className="detail__header">
        <p className={busy ? 'muted' : undefined} role={busy ? 'status' : 'alert'}>
          {message}
        </p>
        <button ref={closeRef} type="button" className="icon-button" aria-label="Close event detail" onClick={onClose}>
          ×
        </button>
      </header>
    </div>
  )
}
