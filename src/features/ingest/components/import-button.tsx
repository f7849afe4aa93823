import { useWatchfloor } from '../../../state/store.ts'

/** Opens the import dialog. */
export function ImportButton() {
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  return (
    <button type="button" className="button" data-testid="import-open" onClick={() => setImportOpen(true)}>
      Import…
    </button>
  )
}
