import { useId, useState } from 'react'
import type { RemovedUpstreamList } from '../../../domain/ingest/acled-update.ts'
import { formatCount } from '../../../ui/format.ts'
import type { ImportReview } from '../hooks/use-import-review.ts'
import './import-review.css'

/** Dropping the events removed upstream and undoing it: in an import's preview, or on the data on screen. */
export type RemovedUpstreamActions = Pick<ImportReview, 'dropped' | 'drop' | 'undoDrop'>

interface RemovedUpstreamProps {
  /** The events the newer export no longer has; absent once they are dropped. */
  readonly removed: RemovedUpstreamList | undefined
  readonly review: RemovedUpstreamActions
  /** 'preview' (the default): before the import; 'done': the data on screen, after it. */
  readonly stage?: 'preview' | 'done'
  /** While the inputs are read again, the buttons wait. */
  readonly busy?: boolean
}

/** What dropping means, said before and after: the events leave the import, or the data on screen and its saved copy. */
const WORDS = {
  preview: { dropped: 'they will not be imported', confirm: 'will not be imported (you can undo this until you import)' },
  done: { dropped: 'they are gone from the data on screen and its saved copy', confirm: 'will leave the data on screen and its saved copy (you can undo this)' },
} as const

function events(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'event' : 'events'}`
}

/**
 * ACLED events removed upstream, in an import's preview or on the data on screen: listed, kept
 * (tagged) until the analyst drops them. Dropping loses data, so it asks first, and can be undone
 * (in a preview until the import; after it, until other data is put on screen).
 */
export function RemovedUpstream({ removed, review, stage = 'preview', busy = false }: RemovedUpstreamProps) {
  const [asking, setAsking] = useState(false)
  const titleId = useId()
  const words = WORDS[stage]
  if (review.dropped !== null) {
    return (
      <section className="import-review" data-testid="removed-upstream" data-dropped={review.dropped} data-stage={stage}>
        <p className="import-review__done" role="status">
          {review.dropped > 0 ? `${events(review.dropped)} removed upstream dropped` : 'Events removed upstream dropped'}: {words.dropped}.{' '}
          <button type="button" className="button" disabled={busy} onClick={review.undoDrop} data-testid="removed-upstream-undo">
            Undo
          </button>
        </p>
      </section>
    )
  }
  if (!removed || removed.count === 0) return null
  const more = removed.count - removed.listed.length
  return (
    <section className="import-review" data-testid="removed-upstream" data-count={removed.count} data-stage={stage} aria-labelledby={titleId}>
      <h3 className="import-review__title" id={titleId}>
        {events(removed.count)} removed upstream
      </h3>
      <p className="muted import-review__hint">
        The newer export no longer has {removed.count === 1 ? 'this event' : 'these events'}, though it covers {removed.count === 1 ? 'its' : 'their'} countries
        and dates: ACLED may have deleted {removed.count === 1 ? 'it' : 'them'}. {removed.count === 1 ? 'It is' : 'They are'} kept, tagged “removed upstream”, until you drop{' '}
        {removed.count === 1 ? 'it' : 'them'}.
      </p>
      <ul className="import-review__events import-review__scroll">
        {removed.listed.map((e) => (
          <li key={e.id} data-testid="removed-upstream-event">
            <span className="import-review__id">{e.id}</span> {e.date}
            {e.country ? ` · ${e.country}` : ''} · {e.title}
          </li>
        ))}
        {more > 0 && <li className="muted">and {formatCount(more)} more</li>}
      </ul>
      {asking ? (
        <div className="import-review__confirm" role="alertdialog" aria-label="Drop events removed upstream?">
          <span>
            Drop {events(removed.count)}? {removed.count === 1 ? 'It' : 'They'} {words.confirm}.
          </span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => {
              setAsking(false)
              review.drop(removed.count)
            }}
            data-testid="removed-upstream-confirm"
          >
            Drop {events(removed.count)}
          </button>
          <button type="button" className="button" onClick={() => setAsking(false)} data-testid="removed-upstream-keep">
            Keep them
          </button>
        </div>
      ) : (
        <button type="button" className="button import-review__drop" disabled={busy} onClick={() => setAsking(true)} data-testid="removed-upstream-drop">
          Drop {events(removed.count)}…
        </button>
      )}
    </section>
  )
}
