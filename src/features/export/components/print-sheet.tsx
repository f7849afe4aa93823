import { describeAsOf, describeFilters, describeSource } from '../../../domain/export/captions.ts'
import { regionName, selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import './print-sheet.css'

/**
 * What a printed brief carries above and below the dashboard: as-of with zone, filters in words,
 * data source and attribution. Hidden on screen; shown in print mode and when printing.
 */
export function PrintSheet() {
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const filter = useWatchfloor((s) => s.filter)
  const meta = useWatchfloor((s) => s.meta)
  const custom = useWatchfloor(selectCustomRegions)
  return (
    <div className="print-sheet" data-testid="print-sheet" aria-hidden="true">
      <div className="print-sheet__head">
        <strong>Watchfloor brief — {meta?.name ?? 'No data'}</strong>
        <span>{describeAsOf(asOfMs)}</span>
      </div>
      <div className="print-sheet__filters">{describeFilters(filter, (id) => regionName(id, custom))}</div>
      <div className="print-sheet__source">{describeSource(meta?.name ?? 'No data', meta?.source, true)}</div>
    </div>
  )
}
