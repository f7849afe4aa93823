import type { PanelName } from '../domain/panels.ts'

interface ExportButtonProps {
  readonly panel: PanelName
  /** Opens the export dialog for the panel (the store's openExport). */
  readonly onExport: (panel: PanelName) => void
}

/**
 * A panel's "Export" button. It only reports the click; the panel passes the store's
 * openExport, and the export feature (mounted by the app) opens its dialog, loaded lazily.
 */
export function ExportButton({ panel, onExport }: ExportButtonProps) {
  return (
    <button
      type="button"
      className="icon-button export-button"
      data-testid={`export-${panel}`}
      aria-label="Export this panel"
      title="Export: picture, briefing pack, data"
      onClick={() => onExport(panel)}
    >
      ⤓
    </button>
  )
}
