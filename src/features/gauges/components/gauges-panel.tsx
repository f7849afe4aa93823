import { useCallback, useState } from 'react'
import { regionName, selectCustomRegions } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { EmptyState } from '../../../ui/empty-state.tsx'
import { formatDay } from '../../../ui/format.ts'
import { Panel } from '../../../ui/panel.tsx'
import { useGauges } from '../hooks/use-gauges.ts'
import { Gauge } from './gauge.tsx'
import { GaugeDetail } from './gauge-detail.tsx'

const WINDOWS = [7, 30, 90, 365] as const
const OVERALL = 'overall'

/** The overall threat gauge and one per most-affected region; each opens its explanation. */
export function GaugesPanel() {
  const { overall, regions } = useGauges()
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const settings = useWatchfloor((s) => s.indexSettings)
  const setIndexSettings = useWatchfloor((s) => s.setIndexSettings)
  const custom = useWatchfloor(selectCustomRegions)
  const tableSize = useWatchfloor((s) => s.table.size)
  const [open, setOpen] = useState<string | null>(null)
  const close = useCallback(() => setOpen(null), [])
  const openGauge = open === OVERALL ? { regionId: undefined, index: overall, name: 'All matching events' } : undefined
  const openRegion = regions.find((g) => g.regionId === open)
  const detail = openGauge ?? (openRegion && { ...openRegion, name: regionName(openRegion.regionId, custom) })

  const windowPicker = (
    <label className="field field--inline">
      <span className="field__label">Window</span>
      <select
        value={settings.windowDays}
        onChange={(e) => setIndexSettings({ ...settings, windowDays: Number(e.target.value) })}
      >
        {WINDOWS.map((d) => (
          <option key={d} value={d}>
            {d === 365 ? '1 year' : `${d} days`}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <Panel
      name="gauges"
      title="Threat levels"
      subtitle={tableSize > 0 ? `As of ${formatDay(asOfMs - 1)}, last ${settings.windowDays} days` : undefined}
      actions={windowPicker}
    >
      {tableSize === 0 ? (
        <EmptyState title="No data loaded yet" />
      ) : (
        <div className="gauges">
          <Gauge regionId={OVERALL} name="All matching" index={overall} onOpen={() => setOpen(OVERALL)} />
          {regions.map((g) => (
            <Gauge
              key={g.regionId}
              regionId={g.regionId}
              name={regionName(g.regionId, custom)}
              index={g.index}
              onOpen={() => setOpen(g.regionId)}
            />
          ))}
          {regions.length === 0 && (
            <p className="muted gauges__note">
              No region has events in the {settings.windowDays} days to {formatDay(asOfMs - 1)}. Choose a longer window.
            </p>
          )}
        </div>
      )}
      {detail && (
        <GaugeDetail
          name={detail.name}
          {...(detail.regionId ? { regionId: detail.regionId } : {})}
          index={detail.index}
          asOfMs={asOfMs}
          settings={settings}
          onClose={close}
        />
      )}
    </Panel>
  )
}
