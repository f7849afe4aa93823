import { useId } from 'react'
import type { DraftReview as DraftReviewState } from '../hooks/use-draft-review.ts'
import { formatCount } from '../../../ui/format.ts'
import { DraftCard } from './draft-review-card.tsx'
import './draft-review.css'

interface DraftReviewProps {
  readonly review: DraftReviewState
}

/**
 * The review step of an import whose events are drafts (read from an article): each draft with
 * its editable fields and a checkbox to include it. Nothing joins the data until the import is
 * confirmed, and then only the included drafts, as edited.
 */
export function DraftReview({ review }: DraftReviewProps) {
  const { drafts, fields, included, checks } = review
  const titleId = useId()
  const includedCount = included.filter(Boolean).length
  const invalid = checks.filter((c, i) => included[i] && c.event === null).length
  return (
    <section className="draft-review" aria-labelledby={titleId} data-testid="draft-review">
      <h3 id={titleId} className="draft-review__title">
        Review the drafts before they join the data
      </h3>
      <p className="muted draft-review__summary">
        {formatCount(drafts.length)} draft {drafts.length === 1 ? 'event' : 'events'} read from the text; {formatCount(includedCount)} included.
        {invalid > 0 && <strong className="draft-review__blocked"> Fix or leave out {invalid === 1 ? 'the draft' : `${invalid} drafts`} marked in red to import.</strong>}
      </p>
      {drafts.map((draft, i) => (
        <DraftCard
          key={draft.id}
          draft={draft}
          index={i}
          count={drafts.length}
          fields={fields[i] ?? draft.fields}
          included={included[i] ?? true}
          check={checks[i]!}
          onEdit={(patch) => review.edit(i, patch)}
          onInclude={(on) => review.include(i, on)}
        />
      ))}
    </section>
  )
}
