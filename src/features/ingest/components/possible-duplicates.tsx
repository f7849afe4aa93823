import type { DuplicateSuggestion } from '../../../domain/ingest/near-duplicates.ts'
import { formatCount } from '../../../ui/format.ts'
import { groupKey, type ImportReview } from '../hooks/use-import-review.ts'
import './import-review.css'

interface PossibleDuplicatesProps {
  readonly suggestions: readonly DuplicateSuggestion[]
  readonly review: ImportReview
  /** While the inputs are read again, the buttons wait. */
  readonly busy?: boolean
}

/**
 * Possible duplicates in an import's preview, for review: each group can be merged into one
 * event carrying the sources of all (the first event is kept), or dismissed as distinct events.
 * Groups merged so far are listed with a way back.
 */
export function PossibleDuplicates({ suggestions, review, busy = false }: PossibleDuplicatesProps) {
  const open = suggestions.filter((s) => !review.dismissed.has(groupKey(s.ids)))
  const hidden = suggestions.length - open.length
  if (suggestions.length === 0 && review.merged.length === 0) return null
  return (
    <section className="import-review" data-testid="duplicate-review" aria-labelledby="duplicate-review-title">
      <h3 className="import-review__title" id="duplicate-review-title">
        Possible duplicates: {formatCount(open.length)} {open.length === 1 ? 'group' : 'groups'} to review
      </h3>
      <p className="muted import-review__hint">
        Same date, place and actors, with near-identical titles. Merge a group into one event that carries the sources of all, or dismiss it if
        they are different events. Nothing is merged unless you say so.
      </p>
      {open.length > 0 && (
        <ul className="import-review__list">
          {open.map((s) => (
            <li key={groupKey(s.ids)} className="import-review__item" data-testid="duplicate-group">
              <ul className="import-review__events" aria-label={`${s.ids.length} events that look like one`}>
                {s.ids.map((id, i) => (
                  <li key={id}>
                    <span className="import-review__id">{id}</span> {s.titles[i]}
                    {i === 0 && <span className="muted"> (kept)</span>}
                  </li>
                ))}
              </ul>
              <div className="import-review__actions">
                <button type="button" className="button" disabled={busy} onClick={() => review.merge(s.ids)} data-testid="duplicate-merge">
                  Merge into one event
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => review.dismiss(s.ids)} data-testid="duplicate-dismiss">
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <p className="muted">
          {formatCount(hidden)} dismissed{' '}
          <button type="button" className="link-button" onClick={review.undismissAll} data-testid="duplicate-undismiss">
            Show again
          </button>
        </p>
      )}
      {review.merged.length > 0 && (
        <ul className="import-review__list" aria-label="Groups merged">
          {review.merged.map((ids) => (
            <li key={groupKey(ids)} className="import-review__item" data-testid="duplicate-merged">
              <span>
                Merged: {ids.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? ' + ' : ''}
                    <span className="import-review__id">{id}</span>
                  </span>
                ))}
              </span>
              <button type="button" className="button" disabled={busy} onClick={() => review.unmerge(ids)} data-testid="duplicate-unmerge">
                Undo merge
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
