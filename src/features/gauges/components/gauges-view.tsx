import { lazy, Suspense, useCallback, useState } from 'react'
import { regionName, selectCustomRegions, selectNarrowsBeyondTime } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { describeIndexWindow } from '../../../domain/panel-captions.ts'
import { PanelPending } from '../../../ui/panel-pending.tsx'
import { useGauges } from '../hooks/use-gauges.ts'
import { useWatchedGauges } from '../hooks/use-watched-gauges.ts'
import { Gauge } from './gauge.tsx'
import { IndexSettingsBar } from './index-settings.tsx'

const OVERALL = 'overall'
const GAUGE_NAMES = ['gauge', 'gauges'] as const

// The list that announces gauges out of sight: fetched as this module loads (it is ready by the
// time there are gauges to show) but outside the first download; until then a plain list.
const scrollCue = import('../../../ui/scroll-cue.tsx')
const ScrollCueList = lazy(() => scrollCue.then((m) => ({ default: m.ScrollCueList })))

// Opened on a click, not at first paint: loaded then, to keep the first download small.
const GaugeDetail = lazy(() => import('./gauge-detail.tsx').then((m) => ({ default: m.GaugeDetail })))

/**
 * The gauges: overall, one per watchlist item, then the most-affected regions not already
 * watched. A gauge's `data-region` is the region slug, `overall`, or `kind:value` for a watched
 * country or actor.
 */
export function GaugesView() {
  const gauges = useGauges()
  const watched = useWatchedGauges()
  const indexWindow = useWatchfloor((s) => s.views.indexWindow)
  const settings = useWatchfloor((s) => s.indexSettings)
  const retryRemote = useWatchfloor((s) => s.retryRemote)
  const custom = useWatchfloor(selectCustomRegions)
  const narrowed = useWatchfloor(selectNarrowsBeyondTime)
  const [open, setOpen] = useState<string | null>(null)
  const close = useCallback(() => setOpen(null), [])

  if (gauges === null) return <PanelPending label="Computing the gauges" />
  const { overall, regions } = gauges
  const gaugeIdOf = (kind: string, value: string): string => (kind === 'region' ? value : `${kind}:${value}`)
  const watchedRegionIds = new Set(watched.filter((w) => w.item.kind === 'region').map((w) => w.item.value))
  const others = regions.filter((g) => !watchedRegionIds.has(g.regionId))
  const all = [
    { id: OVERALL, name: 'All matching', detailName: 'All matching events', index: overall, regionId: undefined, watched: false },
    ...watched.map((w) => ({
      id: gaugeIdOf(w.item.kind, w.item.value),
      name: w.item.label,
      detailName: w.item.label,
      index: w.index,
      regionId: w.item.kind === 'region' ? w.item.value : undefined,
      watched: true,
    })),
    ...others.map((g) => {
      const name = regionName(g.regionId, custom)
      return { id: g.regionId, name, detailName: name, index: g.index, regionId: g.regionId, watched: false }
    }),
  ]
  const detail = all.find((g) => g.id === open)
  const cards = (
    <>
      {all.map((g) => (
        <Gauge key={g.id} regionId={g.id} name={g.name} index={g.index} watched={g.watched} onOpen={() => setOpen(g.id)} />
      ))}
      {others.length === 0 && watched.length === 0 && (
        <p className="muted gauges__note" data-testid="gauges-empty">
          {narrowed
            ? `No event matching the filters falls in ${describeIndexWindow(indexWindow)}. Remove a filter or choose a longer window.`
            : `No region has events in ${describeIndexWindow(indexWindow)}. Choose a longer window.`}
        </p>
      )}
    </>
  )

  return (
    <>
      <IndexSettingsBar />
      {gauges.contributionsError !== undefined && (
        <p className="muted gauges__note" role="alert" data-testid="gauges-contributions-failed">
          The events behind the gauges could not be found: {gauges.contributionsError}{' '}
          <button type="button" className="button" data-testid="gauges-contributions-retry" onClick={retryRemote}>
            Retry
          </button>
        </p>
      )}
      {gauges.contributionsPending === true && (
        <p className="muted gauges__note" role="status" aria-busy="true" data-testid="gauges-contributions-pending">
          Finding the events behind the gauges…
        </p>
      )}
      <Suspense fallback={<div className="gauges">{cards}</div>}>
        <ScrollCueList className="gauges" itemName={GAUGE_NAMES}>
          {cards}
        </ScrollCueList>
      </Suspense>
      {detail && (
        <Suspense fallback={<PanelPending label="Opening the detail" />}>
          <GaugeDetail
            name={detail.detailName}
            {...(detail.regionId ? { regionId: detail.regionId } : {})}
            index={detail.index}
            window={indexWindow}
            settings={settings}
            pending={!detail.watched && gauges.contributionsPending === true}
            {...(!detail.watched && gauges.contributionsError !== undefined ? { failed: gauges.contributionsError } : {})}
            onClose={close}
          />
        </Suspense>
      )}
    </>
  )
}
