import { FailedPart } from './failed-part.tsx'

/**
 * What a panel drawn from a warehouse's cube says while a search's cube is still coming (its
 * content, faded, is from before the change) or when it could not be fetched (with a retry).
 * Nothing when neither.
 */
export function CubeNote({ pending, error, onRetry }: { readonly pending: boolean; readonly error: string | null; readonly onRetry: () => void }) {
  if (error !== null) return <FailedPart className="panel-note panel-note--failed" what="The counts by day, place and level" reason={error} kept onRetry={onRetry} testId="cube-failed" />
  if (!pending) return null
  return (
    <p className="panel-note" role="status" data-testid="cube-pending">
      Still counting… the matches are in the list; what is shown here is from before this change.
    </p>
  )
}
