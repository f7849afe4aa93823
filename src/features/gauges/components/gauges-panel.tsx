import { lazy, type ReactNode } from 'react'
import type { GaugesTab } from '../../../state/alerts-slice.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { NoDataYet } from '../../../ui/next-steps.tsx'
import { describeScope, describeScored } from '../../../domain/panel-captions.ts'
import { selectCustomRegions, selectDataComing, selectCubeError, selectCubePending, selectPanelStale } from '../../../state/selectors.ts'
import { Panel } from '../../../ui/panel.tsx'
import { CubeNote } from '../../../ui/cube-note.tsx'
import { PanelPending } from '../../../ui/panel-pending.tsx'
import { useStagedRender } from '../../../ui/use-staged-render.ts'
import { ExportButton } from '../../../ui/export-button.tsx'
import { GaugesView } from './gauges-view.tsx'
import './gauges-panel.css'
import { PanelTabs, type TabSpec } from './panel-tabs.tsx'

const WINDOWS = [7, 30, 90, 365] as const

// Not on screen at first paint: loaded when the tab is opened, to keep the first download small.
const CompareView = lazy(() => import('./compare-view.tsx').then((m) => ({ default: m.CompareView })))
const SurgesView = lazy(() => import('./surges-view.tsx').then((m) => ({ default: m.SurgesView })))

interface GaugesPanelProps {
  /** Content of the Watchlist and Alerts tabs, composed by the app (they belong to another feature). */
  readonly watchlist?: ReactNode
  readonly alerts?: ReactNode
  /** Shown beside the Alerts tab's name: how many alerts wait for acknowledgement. */
  readonly alertsBadge?: ReactNode
}

/** Threat levels: gauges (overall, watched, most-affected regions), watchlist, alerts and the period comparison. */
export function GaugesPanel({ watchlist, alerts, alertsBadge }: GaugesPanelProps) {
  const stale = useWatchfloor(selectPanelStale.gauges)
  // A warehouse's search whose cube is still coming (or failed): said over the faded content.
  const cubePending = useWatchfloor(selectCubePending)
  const cubeError = useWatchfloor(selectCubeError)
  const retryRemote = useWatchfloor((s) => s.retryRemote)
  const openExport = useWatchfloor((s) => s.openExport)
  const settings = useWatchfloor((s) => s.indexSettings)
  const setIndexSettings = useWatchfloor((s) => s.setIndexSettings)
  const indexWindow = useWatchfloor((s) => s.views.indexWindow)
  const setIndexWindow = useWatchfloor((s) => s.setIndexWindow)
  // The time range can be the window while a range is set and the as-of follows the data.
  const rangeOffered = useWatchfloor((s) => s.filter.timeRange !== null && s.asOfSetting.mode === 'latest')
  const filter = useWatchfloor((s) => s.filter)
  const custom = useWatchfloor(selectCustomRegions)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const tableSize = useWatchfloor((s) => s.views.size)
  const drawInStages = useWatchfloor((s) => s.drawInStages)
  // A large new table (or the page's first) draws its gauges in a later task, after the count has painted.
  const ready = useStagedRender(dataToken, drawInStages)
  const tab = useWatchfloor((s) => s.gaugesTab)
  const setTab = useWatchfloor((s) => s.setGaugesTab)
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  const coming = useWatchfloor(selectDataComing)
  const surgeCount = useWatchfloor((s) => (s.warning.status === 'ready' ? s.warning.result.surges.length : 0))
  const surgesBadge = surgeCount > 0 ? <span className="alert-count" data-testid="surges-count" aria-label={`${surgeCount} surges`}>{surgeCount}</span> : null

  const windowPicker = (
    <label className="field field--inline">
      <span className="field__label">Window</span>
      <select
        data-testid="index-window"
        value={indexWindow.byRange ? 'range' : settings.windowDays}
        onChange={(e) => {
          if (e.target.value === 'range') return setIndexWindow('range')
          // Days chosen beside a time range mean the rolling window; without one the range stays the default.
          if (rangeOffered) setIndexWindow('rolling')
          setIndexSettings({ ...settings, windowDays: Number(e.target.value) })
        }}
      >
        {rangeOffered && <option value="range">Time range</option>}
        {WINDOWS.map((d) => (
          <option key={d} value={d}>
            {d === 365 ? '1 year' : `${d} days`}
          </option>
        ))}
      </select>
    </label>
  )

  const tabs: TabSpec[] = [
    {
      id: 'gauges',
      label: 'Gauges',
      content:
        tableSize === 0 ? (
          <NoDataYet coming={coming} onImport={() => setImportOpen(true)} />
        ) : ready ? (
          <GaugesView />
        ) : (
          <PanelPending label="Computing the gauges" />
        ),
    },
  ]
  tabs.push({ id: 'surges', label: <>Surges{surgesBadge}</>, content: <SurgesView /> })
  if (watchlist) tabs.push({ id: 'watchlist', label: 'Watchlist', content: watchlist })
  if (alerts) tabs.push({ id: 'alerts', label: <>Alerts{alertsBadge}</>, content: alerts })
  tabs.push({ id: 'compare', label: 'Compare', content: <CompareView /> })
  const active: GaugesTab = tabs.some((t) => t.id === tab) ? tab : 'gauges'

  return (
    <Panel
      name="gauges"
      busy={stale}
      note={<CubeNote pending={cubePending} error={cubeError} onRetry={retryRemote} />}
      title="Threat levels"
      subtitle={tableSize > 0 ? describeScored('Highest level and score', indexWindow, describeScope(filter, custom)) : undefined}
      actions={
        <>
          {windowPicker}
          <ExportButton panel="gauges" onExport={openExport} />
        </>
      }
    >
      <PanelTabs tabs={tabs} active={active} onSelect={setTab} />
    </Panel>
  )
}
