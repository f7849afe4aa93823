import { Suspense, type KeyboardEvent, type ReactNode } from 'react'
import type { GaugesTab } from '../../../state/alerts-slice.ts'

export interface TabSpec {
  readonly id: GaugesTab
  readonly label: ReactNode
  readonly content: ReactNode
}

interface PanelTabsProps {
  readonly tabs: readonly TabSpec[]
  readonly active: GaugesTab
  readonly onSelect: (tab: GaugesTab) => void
}

/** Tabs inside a panel (WAI-ARIA tabs pattern: arrow keys move between tabs). */
export function PanelTabs({ tabs, active, onSelect }: PanelTabsProps) {
  const current = tabs.find((t) => t.id === active) ?? tabs[0]
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return
    const at = tabs.findIndex((t) => t.id === current?.id)
    const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]
    if (next) {
      onSelect(next.id)
      document.getElementById(`gauges-tab-${next.id}`)?.focus()
    }
  }
  return (
    <>
      <div className="panel-tabs" role="tablist" aria-label="Threat levels views" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`gauges-tab-${t.id}`}
            type="button"
            role="tab"
            data-testid={`gauges-tab-${t.id}`}
            aria-selected={t.id === current?.id}
            aria-controls={`gauges-tabpanel-${t.id}`}
            tabIndex={t.id === current?.id ? 0 : -1}
            className="panel-tabs__tab"
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {current && (
        <div
          className="panel-tabs__panel"
          role="tabpanel"
          id={`gauges-tabpanel-${current.id}`}
          aria-labelledby={`gauges-tab-${current.id}`}
        >
          <Suspense fallback={<p className="muted">Loading…</p>}>{current.content}</Suspense>
        </div>
      )}
    </>
  )
}
