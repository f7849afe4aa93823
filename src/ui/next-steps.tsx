import { EmptyState } from './empty-state.tsx'

interface NoDataYetProps {
  /** Data is on its way (a load, a warehouse's first answer): what to say instead of "no data". */
  readonly coming?: string | null
  /** Opens the import dialog. */
  readonly onImport: () => void
}

/** A panel with no data at all: say how to get some (the import dialog). */
export function NoDataYet({ coming = null, onImport }: NoDataYetProps) {
  if (coming !== null) return <EmptyState title={coming} />
  return (
    <EmptyState title="No data loaded yet">
      <p>Import a file (JSON, CSV, ACLED, GDELT, STIX or an article), paste rows, or load a URL.</p>
      <button type="button" className="button" data-testid="empty-import" onClick={onImport}>
        Import…
      </button>
    </EmptyState>
  )
}

interface NothingMatchesProps {
  /** What the panel lists: "events", "places". */
  readonly what?: string
  /** Clears every filter; without it (no filter is set) no button shows. */
  readonly onClear?: () => void
}

/** A panel whose data the filters exclude: say so and offer to clear them. */
export function NothingMatches({ what = 'events', onClear }: NothingMatchesProps) {
  return (
    <EmptyState title="Nothing matches the filters">
      {onClear ? (
        <>
          <p>No {what} pass the filters above. Widen the time range, drop a level or region, or clear them all.</p>
          <button type="button" className="button" data-testid="empty-clear-filters" onClick={onClear}>
            Clear filters
          </button>
        </>
      ) : (
        <p>The data holds no {what} to show here.</p>
      )}
    </EmptyState>
  )
}
