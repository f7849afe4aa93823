import type { ExportTarget } from '../state/export-slice.ts'
import { useWatchfloor } from '../state/store.ts'

interface ExportButtonProps {
  readonly panel: Exclude<ExportTarget, 'dashboard'>
}

/**
 * A panel's "Export" button (`export-<panel>`). It only asks the store to open the export
 * dialog for the panel; the export feature, mounted by the app, listens and loads lazily.
 */
export function ExportButton({ panel }: ExportButtonProps) {
  const openExport = useWatchfloor((s) => s.openExport)
  return (
    <button
      type="button"
      className="icon-button export-button"
      data-testid={`export-${panel}`}
      aria-label="Export this panel"
      title="Export: picture, briefing pack, data"
      onClick={() => openExport(panel)}
    >
      ⤓
    </button>
  )
}
