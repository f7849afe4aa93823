/**
 * A part of an answer that could not be fetched: what it is, the reason in the warehouse's own
 * words, and a button that asks again. The data shown before stays where it is; this only says
 * that it is not the answer to the current filters.
 */
export function FailedPart({
  what,
  reason,
  kept,
  onRetry,
  className,
  testId,
  id,
}: {
  /** The part, as the start of a sentence ("The map's events"). */
  readonly what: string
  readonly reason: string
  /** Whether data from before is still shown in its place (said, so it is not read as the answer). */
  readonly kept: boolean
  readonly onRetry: () => void
  readonly className?: string
  readonly testId: string
  readonly id?: string
}) {
  return (
    <p className={className} id={id} role="alert" data-testid={testId}>
      {what} could not be fetched: {reason.trim().replace(/\.$/, '')}
      {kept ? ' (those shown are from before this change)' : ''}.{' '}
      <button type="button" className="button" data-testid={`${testId}-retry`} onClick={onRetry}>
        Retry
      </button>
    </p>
  )
}
