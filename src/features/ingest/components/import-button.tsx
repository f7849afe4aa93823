import { useWatchfloor } from '../../../state/store.ts'
import { DataFreshness } from './data-freshness.tsx'

/** Opens the import dialog; beside it, how fresh the data on screen is. */
export function ImportButton() {
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  return (
    <>
      <DataFreshness />
      <button type="button" className="button" data-testid="import-open" onClick={() => setImportOpen(true)}>
        Import…
      </button>
    </>
  )
}
