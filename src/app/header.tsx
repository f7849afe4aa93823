import { AlertBadge } from '../features/alerts/components/alert-badge.tsx'
import { DashboardExportButton } from '../features/export/components/export-root.tsx'
import { DataFreshness } from '../features/ingest/components/data-freshness.tsx'
import { ImportButton } from '../features/ingest/components/import-button.tsx'
import { WarehouseButton } from '../features/warehouse/components/warehouse-button.tsx'
import { useWatchfloor } from '../state/store.ts'
import { useThemeChoice } from './theme.ts'
import { formatCount, formatDay } from '../ui/format.ts'

const THEME_LABELS = { system: 'Theme: system', dark: 'Theme: dark', light: 'Theme: light' } as const

interface HeaderProps {
  /** Opens the keyboard help; without it there is no help button. */
  readonly onHelp?: () => void
  /** Kiosk mode: the editing tools (import, warehouse, export, theme) give way to a way out of kiosk; how fresh the data is stays. */
  readonly kiosk?: boolean
}

/**
 * The top bar: product, dataset, as-of, how many events match, how fresh the data is (said here
 * once for the whole page, not on every panel), theme and help.
 */
export function Header({ onHelp, kiosk = false }: HeaderProps) {
  const [theme, cycleTheme] = useThemeChoice()
  const meta = useWatchfloor((s) => s.meta)
  const matched = useWatchfloor((s) => s.views.matched)
  const size = useWatchfloor((s) => s.views.size)
  // A warehouse's first answer is on its way: no count is known yet (none of the data before is shown).
  const counting = useWatchfloor((s) => s.remote !== null && s.remoteStatus?.lastMs === null && s.views.size === 0)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const asOfMode = useWatchfloor((s) => s.asOfSetting.mode)
  const rangeEndMs = useWatchfloor((s) => s.filter.timeRange?.toMs ?? null)
  const setAlertSettings = useWatchfloor((s) => s.setAlertSettings)
  // Why the as-of is where it is, said next to it (and announced when it moves): a time range
  // that ends before the data's latest day moves it to the range's end.
  const asOfReason =
    asOfMode === 'today' ? 'today' : asOfMode === 'fixed' ? 'fixed' : rangeEndMs === asOfMs ? 'end of the time range' : 'latest in the data'
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          ◈
        </span>
        <h1>Watchfloor</h1>
      </div>
      <div className="app-header__dataset" title={meta?.description}>
        <span className="muted">Dataset</span> <strong>{meta?.name ?? '—'}</strong>
        {meta?.source && <span className="muted"> · {meta.source}</span>}
      </div>
      <div className="app-header__asof" data-testid="as-of" aria-live="polite">
        <span className="muted">As of</span>{' '}
        <strong>{size > 0 ? formatDay(asOfMs - 1) : '—'}</strong>
        <span className="muted"> ({asOfReason}, UTC)</span>
      </div>
      <div className="app-header__count" aria-live="polite">
        {counting ? (
          <>
            <strong data-testid="event-count" data-counting="">
              —
            </strong>
            <span className="muted"> events: counting in the warehouse</span>
          </>
        ) : (
          <>
            <strong data-testid="event-count">{formatCount(matched)}</strong>
            <span className="muted"> of {formatCount(size)} events</span>
          </>
        )}
      </div>
      <div className="app-header__tools">
        {kiosk ? (
          <>
            <DataFreshness />
            <AlertBadge />
            <button
              type="button"
              className="button"
              data-testid="kiosk-exit"
              onClick={() => setAlertSettings({ kiosk: false })}
            >
              Exit kiosk
            </button>
          </>
        ) : (
          <>
            <DataFreshness />
            <ImportButton />
            <WarehouseButton />
            <DashboardExportButton />
            <AlertBadge />
            <button type="button" className="button" onClick={cycleTheme} data-testid="theme-toggle" title="Switch between the system theme, dark and light">
              {THEME_LABELS[theme]}
            </button>
          </>
        )}
        {onHelp && (
          <button type="button" className="icon-button" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
            ?
          </button>
        )}
      </div>
    </header>
  )
}
