import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import { regionName, selectCustomRegions, selectDataComing, selectHasFilters, selectCubeError, selectCubePending, selectPanelStale } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { NoDataYet, NothingMatches } from '../../../ui/next-steps.tsx'
import { formatCount, formatDay } from '../../../ui/format.ts'
import { Panel } from '../../../ui/panel.tsx'
import { CubeNote } from '../../../ui/cube-note.tsx'
import { PanelPending } from '../../../ui/panel-pending.tsx'
import { useStagedRender } from '../../../ui/use-staged-render.ts'
import { ExportButton } from '../../../ui/export-button.tsx'
import { useDragRange } from '../hooks/use-drag-range.ts'
import { useElementSize } from '../hooks/use-element-size.ts'
import { useRovingMarks } from '../hooks/use-roving-marks.ts'
import { useTimelineModel } from '../hooks/use-timeline-model.ts'
import { bucketEdges, bucketStart, nextBucket, type Span } from '../../../domain/timeline/buckets.ts'
import { DAY_MS } from '../../../domain/dates.ts'
import { describeScope } from '../../../domain/panel-captions.ts'
import type { IndexSubject, LaneMode, MarkerView, TimelineAsk } from '../../../domain/engine/views-engine.ts'
import { ChartOverlay, type HoverInfo } from './chart-overlay.tsx'
import { IndexPicker, useSubjectName } from './index-picker.tsx'
import { densityColumns, LANE_PX } from '../utils/lane-geometry.ts'
import { LanesView } from './lanes-view.tsx'
import { StackedBars } from './stacked-bars.tsx'
import { useBandChoices } from '../hooks/use-band-choices.ts'
import { LevelLegend, LevelPatternDefs } from './level-patterns.tsx'
import { OVERVIEW_PX, OverviewStrip } from './overview-strip.tsx'
import './timeline-panel.css'

// Early warning's layers come after its worker has answered: loaded then, not in the first download.
const WarningOverlay = lazy(() => import('./warning-overlay.tsx').then((m) => ({ default: m.WarningOverlay })))
const BandPicker = lazy(() => import('./band-picker.tsx').then((m) => ({ default: m.BandPicker })))
const BandLegend = lazy(() => import('./band-picker.tsx').then((m) => ({ default: m.BandLegend })))
// The axes and index lines are Recharts, about 100 KB gzip: loaded once there is a chart to draw,
// after the first painted dashboard, while the bars (our own SVG) are already on screen.
const LevelChart = lazy(() => import('./level-chart.tsx').then((m) => ({ default: m.LevelChart })))
// The table view and a bucket's card load when first shown.
const TimelineTable = lazy(() => import('./timeline-table.tsx').then((m) => ({ default: m.TimelineTable })))
const BucketCard = lazy(() => import('./bucket-card.tsx').then((m) => ({ default: m.BucketCard })))

/** Lanes in the key-developments view: as many as fit under a chart of CHART_MIN_PX, within these bounds. */
const MIN_LANES = 1
const MAX_LANES = 6
/**
 * What the chart (marker row, bars and axis) keeps at least before a lane is added, and what the
 * toolbar, legend, overview and gaps take before they are measured, px: lanes give way to the
 * bars, never the other way.
 */
const CHART_MIN_PX = 170
const CHROME_PX = 92
const NO_SUBJECTS: readonly IndexSubject[] = []
const NO_EDGES: { readonly starts: readonly number[]; readonly ends: readonly number[] } = { starts: [], ends: [] }
const NO_MARKERS: MarkerView = { marks: [], total: 0, merged: false }

/**
 * Threat over time. The chart shows the brushed time range (zoomed, in whole buckets) or, with
 * no range, the whole history; the overview strip under it always shows the whole history with
 * the range as a window. Drag across the chart to zoom the whole dashboard into that span (as in
 * Grafana or Kibana), drag the strip's handles to widen it again, double-click or "All time" to clear.
 */
export function TimelinePanel() {
  const stale = useWatchfloor(selectPanelStale.timeline)
  // A warehouse's search whose cube is still coming (or failed): said over the faded content.
  const cubePending = useWatchfloor(selectCubePending)
  const cubeError = useWatchfloor(selectCubeError)
  const retryRemote = useWatchfloor((s) => s.retryRemote)
  const openExport = useWatchfloor((s) => s.openExport)
  const timeline = useWatchfloor((s) => s.views.days)
  const answer = useWatchfloor((s) => s.views.timeline)
  const setAsk = useWatchfloor((s) => s.setAsk)
  const range = useWatchfloor((s) => s.filter.timeRange)
  const filterForScope = useWatchfloor((s) => s.filter)
  const dataToken = useWatchfloor((s) => s.dataToken)
  // Early warning's state, on the chart for scripts that wait for the page to be at rest.
  const warningStatus = useWatchfloor((s) => s.warning.status)
  const tableSize = useWatchfloor((s) => s.views.size)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const windowDays = useWatchfloor((s) => s.indexSettings.windowDays)
  const custom = useWatchfloor(selectCustomRegions)
  const setTimeRange = useWatchfloor((s) => s.setTimeRange)
  const selectRow = useWatchfloor((s) => s.selectRow)
  const hasFilters = useWatchfloor(selectHasFilters)
  const clearFilters = useWatchfloor((s) => s.clearFilters)
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  const coming = useWatchfloor(selectDataComing)
  // A large new table (or the page's first) draws the panel in later tasks, after the count has painted: its frame
  // (toolbar, legend, the chart's box measured), the chart's axes (Recharts, the costliest
  // part), the bars and marks, the lanes, the overview strip, each in a task of its own.
  const staged = useWatchfloor((s) => s.drawInStages)
  const ready = useStagedRender(dataToken, staged)
  const axesReady = useStagedRender(dataToken, staged)
  const chartReady = useStagedRender(dataToken, staged)
  const lanesReady = useStagedRender(dataToken, staged)
  const stripReady = useStagedRender(dataToken, staged)
  const [laneMode, setLaneMode] = useState<LaneMode>('region')
  const [compare, setCompare] = useState(false)
  const [asTable, setAsTable] = useState(false)
  const [subjects, setSubjects] = useState<readonly IndexSubject[]>(NO_SUBJECTS)
  const [hover, setHover] = useState<HoverInfo | null>(null)
  const [chartRef, size] = useElementSize<HTMLDivElement>()
  const [bodySizeRef, bodySize] = useElementSize<HTMLDivElement>()
  const bodyEl = useRef<HTMLDivElement | null>(null)
  const bodyRef = useCallback(
    (el: HTMLDivElement | null) => {
      bodyEl.current = el
      bodySizeRef(el)
    },
    [bodySizeRef],
  )
  const marksRef = useRovingMarks<HTMLDivElement>()
  // What the toolbar, legend, overview and gaps take, measured once laid out: on a narrow panel
  // they wrap onto more lines, and the lanes, not the bars, give up the room.
  const [chromePx, setChromePx] = useState(CHROME_PX)
  useLayoutEffect(() => {
    const body = bodyEl.current
    const chart = body?.querySelector<HTMLElement>(':scope > .timeline-chart')
    if (!body || !chart || bodySize.height === 0) return
    let lanesPx = 0
    for (const el of body.querySelectorAll<HTMLElement>(':scope > .timeline-lanes')) lanesPx += el.offsetHeight
    const measured = Math.round(body.clientHeight - chart.offsetHeight - lanesPx)
    if (Math.abs(measured - chromePx) > 2) setChromePx(measured)
  }, [bodySize.height, size.width, size.height, chromePx])
  const maxLanes = Math.min(MAX_LANES, Math.max(MIN_LANES, Math.floor((bodySize.height - CHART_MIN_PX - chromePx) / LANE_PX)))
  const nameOf = useSubjectName()
  // Buckets are made once the axes' turn has come and the chart's box is measured; marks with the bars.
  const bandChoices = useBandChoices(nameOf)
  const model = useTimelineModel(size.width, size.height, subjects, nameOf, axesReady && size.width > 0, bandChoices.shown)
  const drawnBands = useMemo(
    () => bandChoices.shown.map((b, i) => ({ key: bandChoices.keys[i]!, label: bandChoices.labels[i]!, colour: i, segments: model.bandSegments[i] ?? [] })),
    [bandChoices.shown, bandChoices.keys, bandChoices.labels, model.bandSegments],
  )
  const drawn = chartReady && size.width > 0
  const { span, box, unit, buckets, scale } = model

  // Nothing to draw once the other panels' filters exclude every event (the time filter is ours and ignored).
  const anyCounted = useMemo(() => timeline.exact.some((n) => n > 0) || timeline.spread.some((n) => n > 0), [timeline])
  // What the chart asks the engine for: the index lines at its buckets' ends, the markers over
  // its span once the bars are drawn, and the lanes once their turn has come.
  // Bucket edges depend on the span and unit only, not on the counts: a filter that leaves the
  // span as it is leaves the ask as it is, and the engine answers it once.
  const lanesShown = lanesReady && size.width > 0 && buckets.length > 0
  const spanFrom = span?.fromMs ?? 0
  const spanTo = span?.toMs ?? 0
  const hasBuckets = buckets.length > 0
  const edges = useMemo(() => (hasBuckets ? bucketEdges({ fromMs: spanFrom, toMs: spanTo }, unit) : NO_EDGES), [hasBuckets, spanFrom, spanTo, unit])
  const ask = useMemo<TimelineAsk | null>(() => {
    if (edges.starts.length === 0) return null
    const spanOfChart = { fromMs: scale.fromMs, toMs: scale.toMs }
    return {
      madeFor: range,
      indexTimes: subjects.length > 0 ? edges.ends.map((end) => Math.min(end, asOfMs)) : [],
      indexLines: subjects,
      markers: drawn ? spanOfChart : null,
      lanes: lanesShown
        ? {
            mode: laneMode,
            limit: maxLanes,
            span: spanOfChart,
            columns: densityColumns(scale.widthPx),
            bucketStarts: edges.starts,
            bucketEnd: edges.ends[edges.ends.length - 1]!,
          }
        : null,
    }
  }, [edges, scale.fromMs, scale.toMs, scale.widthPx, subjects, asOfMs, drawn, lanesShown, laneMode, maxLanes, range])
  useEffect(() => setAsk('timeline', ask), [ask, setAsk])
  useEffect(() => () => setAsk('timeline', null), [setAsk])
  // Parts answered for an earlier ask are not drawn against this chart's scale.
  const current = answer !== null && ask !== null
  const markers = (drawn && current ? answer.markers : null) ?? NO_MARKERS
  const lanes = lanesShown && current && answer.lanes !== null && answer.lanes.mode === laneMode ? answer.lanes : null
  const laneLabel = useCallback((value: string) => (laneMode === 'region' ? regionName(value, custom) : value), [laneMode, custom])
  const zoomTo = useCallback((s: Span) => setTimeRange({ fromMs: s.fromMs, toMs: s.toMs }), [setTimeRange])
  const canStart = useCallback(
    (x: number, target: EventTarget) =>
      x >= box.leftPx && x <= box.leftPx + box.widthPx && !(target instanceof Element && target.closest('.timeline-mark')),
    [box],
  )
  const onBrush = useCallback(
    (x0: number, x1: number) => {
      // Snap to whole buckets: a drag across March–May means 1 March to 31 May.
      const fromMs = bucketStart(scale.time(x0), unit)
      const toMs = nextBucket(bucketStart(scale.time(x1) - 1, unit), unit)
      if (toMs > fromMs) setTimeRange({ fromMs, toMs })
    },
    [scale, unit, setTimeRange],
  )
  const drag = useDragRange(canStart, onBrush)
  const [hoverBucket, setHoverBucket] = useState<number | null>(null)
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>): void => {
    drag.onPointerMove(e)
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left
    const inside = x >= box.leftPx && x < box.leftPx + box.widthPx && buckets.length > 0 && !drag.dragPx
    const i = inside ? Math.floor(((x - box.leftPx) / box.widthPx) * buckets.length) : null
    if (i !== hoverBucket) setHoverBucket(i)
  }
  const trendWindows = compare
    ? {
        current: { fromMs: asOfMs - windowDays * DAY_MS, toMs: asOfMs },
        previous: { fromMs: asOfMs - 2 * windowDays * DAY_MS, toMs: asOfMs - windowDays * DAY_MS },
      }
    : null

  const toolbar = (
    <div className="timeline-toolbar">
      <IndexPicker subjects={subjects} lines={model.lines} onChange={setSubjects} />
      <div className="timeline-toolbar__right">
        {bandChoices.available.length > 0 && (
          <Suspense fallback={null}>
            <BandPicker options={bandChoices.options} available={bandChoices.available} chosen={bandChoices.chosen} onChange={bandChoices.setChosen} />
          </Suspense>
        )}
        <div className="segmented" role="group" aria-label="Key-development lanes by">
          {(['region', 'actor'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={laneMode === m} data-testid={`timeline-lanes-${m}`} onClick={() => setLaneMode(m)}>
              {m === 'region' ? 'Regions' : 'Actors'}
            </button>
          ))}
        </div>
        <label className="timeline-toolbar__check" title={`Shade the ${windowDays}-day window the trend uses and the one before it`}>
          <input type="checkbox" checked={compare} data-testid="timeline-compare" onChange={(e) => setCompare(e.target.checked)} /> Trend windows
        </label>
        <button type="button" className="button" data-testid="timeline-table-toggle" aria-pressed={asTable} onClick={() => setAsTable((t) => !t)}>
          Table
        </button>
        <button type="button" className="button" data-testid="timeline-reset" disabled={range === null} onClick={() => setTimeRange(null)}>
          All time
        </button>
      </div>
    </div>
  )

  const scope = describeScope(filterForScope, custom)
  // The dates come from the buckets, so the generic line stands until the axes' stage makes them.
  const subtitle =
    span && buckets.length > 0
      ? `Events per ${unit} by level, ${formatDay(scale.fromMs)} – ${formatDay(scale.toMs - 1)}${range ? ' (the time filter)' : ''}${scope === '' ? '' : ` · ${scope}`} · drag to zoom, double-click for all`
      : 'Events per day, week, month or quarter by level'

  return (
    <Panel name="timeline" busy={stale}
      note={<CubeNote pending={cubePending} error={cubeError} onRetry={retryRemote} />} title="Threat over time" subtitle={subtitle} className="timeline-panel" actions={<ExportButton panel="timeline" onExport={openExport} />}>
      <LevelPatternDefs />
      {/* display: contents — no box of its own; it only scopes the marks' single Tab stop. */}
      <div ref={marksRef} className="timeline-roving">
        {!ready ? (
          <PanelPending label="Drawing the timeline" />
        ) : timeline.days === 0 || !anyCounted ? (
          tableSize === 0 ? (
            <NoDataYet coming={coming} onImport={() => setImportOpen(true)} />
          ) : (
            <NothingMatches onClear={hasFilters ? clearFilters : undefined} />
          )
        ) : (
          <div ref={bodyRef} className="timeline-body">
            {toolbar}
            {asTable && (
              <Suspense fallback={null}>
                <TimelineTable buckets={buckets} unit={unit} />
              </Suspense>
            )}
            <div
              ref={chartRef}
              className="timeline-chart"
              data-testid="timeline-chart"
              data-unit={unit}
              data-bars={buckets.length}
              data-warning={warningStatus}
              data-from={span ? new Date(scale.fromMs).toISOString().slice(0, 10) : undefined}
              data-to={span ? new Date(scale.toMs - 1).toISOString().slice(0, 10) : undefined}
              role="group"
              aria-label={`${formatCount(Math.round(model.total))} events per ${unit} in ${buckets.length} bars, stacked by threat level; ${markers.total} high or critical events marked`}
              onPointerDown={drag.onPointerDown}
              onPointerMove={onPointerMove}
              onPointerLeave={() => setHoverBucket(null)}
              onPointerUp={drag.onPointerUp}
              onPointerCancel={drag.onPointerCancel}
              onDoubleClick={() => setTimeRange(null)}
              aria-busy={chartReady ? undefined : true}
            >
              {size.width > 0 && size.height > 0 && (
                <>
                  {chartReady && <StackedBars width={size.width} height={size.height} box={box} buckets={buckets} countTicks={model.countTicks} />}
                  {axesReady && (
                    <Suspense fallback={null}>
                      <LevelChart
                        width={size.width}
                        height={size.height}
                        data={model.data}
                        lines={model.lines}
                        axis={model.axis}
                      />
                    </Suspense>
                  )}
                  {chartReady && (bandChoices.ready || bandChoices.available.length > 0) && (
                    <Suspense fallback={null}>
                    <WarningOverlay
                      width={size.width}
                      height={size.height}
                      box={box}
                      scale={scale}
                      unit={unit}
                      countTop={model.countTicks[model.countTicks.length - 1] ?? 0}
                      bands={drawnBands}
                    />
                    </Suspense>
                  )}
                  {chartReady && (
                    <ChartOverlay
                      width={size.width}
                      height={size.height}
                      box={box}
                      scale={scale}
                      buckets={buckets}
                      markers={markers}
                      asOfMs={asOfMs}
                      range={range}
                      trendWindows={trendWindows}
                      dragPx={drag.dragPx}
                      onSelectRow={selectRow}
                      onZoom={zoomTo}
                      onHover={setHover}
                    />
                  )}
                </>
              )}
              {chartReady && drawnBands.length > 0 && (
                <Suspense fallback={null}>
                  <BandLegend
                    bands={drawnBands}
                    outside={drawnBands.every((b) => b.segments.length === 0)}
                    style={{ left: box.leftPx + 4, top: box.topPx + 2 }}
                  />
                </Suspense>
              )}
              {!hover && hoverBucket !== null && buckets[hoverBucket] && (
                <Suspense fallback={null}>
                  <BucketCard bucket={buckets[hoverBucket]} unit={unit} box={box} index={hoverBucket} count={buckets.length} width={size.width} lines={model.lines} row={model.data[hoverBucket]} />
                </Suspense>
              )}
              {hover && (
                <div className="timeline-hover" role="tooltip" style={{ left: Math.min(Math.max(0, hover.xPx - 120), Math.max(0, size.width - 260)) }}>
                  {hover.text}
                </div>
              )}
            </div>
            <LevelLegend />
            {size.width > 0 && (!lanesReady || lanes === null) && (
              <div className="timeline-lanes" style={{ height: maxLanes * LANE_PX }} aria-busy="true" data-testid="timeline-lanes-pending" />
            )}
            {size.width > 0 && lanes !== null && (
              <LanesView answer={lanes} scale={scale} width={size.width} labelOf={laneLabel} onSelectRow={selectRow} onHover={setHover} />
            )}
            {size.width > 0 && !stripReady && <div className="timeline-overview" style={{ height: OVERVIEW_PX }} aria-busy="true" />}
            {size.width > 0 && stripReady && (
              <OverviewStrip timeline={timeline} width={size.width} leftPx={box.leftPx} plotWidthPx={box.widthPx} range={range} onChange={setTimeRange} />
            )}
          </div>
        )}
      </div>
    </Panel>
  )
}
