import { memo, useMemo } from 'react'
import type { ThreatLevel } from '../../../domain/model.ts'
import type { EventTable } from '../../../domain/table.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import type { Span } from '../utils/buckets.ts'
import { rowDate, rowLabel } from '../utils/describe.ts'
import { gridLanes, regionGrid, type RegionGrid } from '../utils/lane-grid.ts'
import { laneDensity, selectLanes, type LaneMode } from '../utils/lanes.ts'
import type { TimeScale } from '../utils/time-scale.ts'
import type { HoverInfo } from './chart-overlay.tsx'
import { useNewRows } from '../hooks/use-new-rows.ts'
import { EventMark } from './event-mark.tsx'

/** Height of one lane, px. */
export const LANE_PX = 18
/** Width of one density column, px. */
const DENSITY_COLUMN_PX = 3

interface LanesViewProps {
  readonly table: EventTable
  readonly mask: Uint8Array
  readonly scale: TimeScale
  readonly width: number
  readonly mode: LaneMode
  readonly laneRegions: readonly Uint32Array[]
  readonly labelOf: (code: number) => string
  readonly maxLanes: number
  readonly onSelectRow: (row: number) => void
  readonly onHover: (hover: HoverInfo | null) => void
}

/** Density columns across the plot: one per DENSITY_COLUMN_PX. */
function densityColumns(scale: TimeScale): number {
  return Math.max(1, Math.floor(scale.widthPx / DENSITY_COLUMN_PX))
}

/** The density column of an instant, for `columns` equal columns across the plot. */
function columnOfScale(scale: TimeScale, columns: number): (ms: number) => number {
  const colWidth = scale.widthPx / columns
  return (ms) => Math.floor((scale.x(ms) - scale.leftPx) / colWidth)
}

function DensityLanes({ table, mask, scale, mode, laneRegions, lanes, grid }: Pick<LanesViewProps, 'table' | 'mask' | 'scale' | 'mode' | 'laneRegions'> & { lanes: ReturnType<typeof selectLanes>['lanes']; grid: RegionGrid | null }) {
  const paths = useMemo(() => {
    const columns = densityColumns(scale)
    const colWidth = scale.widthPx / columns
    const span: Span = { fromMs: scale.fromMs, toMs: scale.toMs }
    const { counts, maxLevel } = grid
      ? gridLanes(grid, lanes.map((l) => l.code))
      : laneDensity(table, mask, lanes, mode, laneRegions, columns, columnOfScale(scale, columns), span)
    let max = 0
    for (const c of counts) if (c > max) max = c
    // How many: four opacity steps of one hue, on a square-root scale so that sparse lanes still
    // show. How bad: a thin cap in the colour of the highest level in the column. One path per
    // group (n-0…n-3, l-1…l-5), in the order the groups first occur, built as strings directly.
    const keys: string[] = []
    const paths = new Map<string, string>()
    const add = (key: string, x: number, y: number, h: number): void => {
      const d = paths.get(key)
      if (d === undefined) keys.push(key)
      paths.set(key, `${d ?? ''}M${x},${y}h${colWidth}v${h}h${-colWidth}Z`)
    }
    const steps = ['n-0', 'n-1', 'n-2', 'n-3']
    const levels = ['l-0', 'l-1', 'l-2', 'l-3', 'l-4', 'l-5']
    for (let lane = 0; lane < lanes.length; lane++) {
      for (let c = 0; c < columns; c++) {
        const n = counts[lane * columns + c]!
        if (n <= 0) continue
        const x = scale.leftPx + c * colWidth
        add(steps[Math.min(3, Math.floor(Math.sqrt(n / max) * 4))]!, x, lane * LANE_PX + 5, LANE_PX - 8)
        add(levels[maxLevel[lane * columns + c]!]!, x, lane * LANE_PX + 2, 3)
      }
    }
    return keys.map((key) => {
      const [kind, value] = key.split('-') as [string, string]
      const d = paths.get(key)!
      return kind === 'n'
        ? { key, d, colour: 'var(--accent)', opacity: 0.2 + Number(value) * 0.25 }
        : { key, d, colour: LEVEL_COLOURS[Number(value) as ThreatLevel], opacity: 1 }
    })
  }, [table, mask, scale, mode, laneRegions, lanes, grid])
  return (
    <g data-testid="timeline-density">
      {paths.map((p) => (
        <path key={p.key} d={p.d} fill={p.colour} fillOpacity={p.opacity} />
      ))}
    </g>
  )
}

/**
 * Key developments: one lane per region (or actor) with each event in view as a mark — a shape
 * for a day, a bar for a span, dashed for an imprecise date. Past MAX_LANE_MARKS marks the lanes
 * show density per few pixels instead (strength: how many; a cap in the colour of the highest level).
 */
export const LanesView = memo(function LanesView(props: LanesViewProps) {
  const { table, mask, scale, width, mode, laneRegions, labelOf, maxLanes, onSelectRow, onHover } = props
  // Region lanes: one pass over the rows counts every region and its density; the lanes are
  // chosen from those counts and drawn from their cells (actor lanes count, then draw).
  const grid = useMemo(() => {
    if (mode !== 'region') return null
    const columns = densityColumns(scale)
    return regionGrid(table, mask, { fromMs: scale.fromMs, toMs: scale.toMs }, laneRegions, columns, columnOfScale(scale, columns))
  }, [table, mask, scale, mode, laneRegions])
  const laneSet = useMemo(
    () => selectLanes(table, mask, { fromMs: scale.fromMs, toMs: scale.toMs }, mode, laneRegions, labelOf, maxLanes, grid?.inView),
    [table, mask, scale, mode, laneRegions, labelOf, maxLanes, grid],
  )
  const { lanes, density } = laneSet
  const newRows = useNewRows(table)
  const height = Math.max(1, lanes.length) * LANE_PX
  return (
    <div className="timeline-lanes" data-testid="timeline-lanes" data-density={density ? 'true' : 'false'} style={{ height }}>
      {lanes.length === 0 && <p className="timeline-lanes__empty muted">No events in view</p>}
      <svg width={width} height={height} role="group" aria-label={`Key developments by ${mode}${density ? ', as density' : ''}`}>
        {lanes.map((lane, i) => (
          <line key={lane.code} className="timeline-lanes__rule" x1={scale.leftPx} x2={scale.leftPx + scale.widthPx} y1={i * LANE_PX + LANE_PX / 2} y2={i * LANE_PX + LANE_PX / 2} />
        ))}
        {density ? (
          <DensityLanes table={table} mask={mask} scale={scale} mode={mode} laneRegions={laneRegions} lanes={lanes} grid={grid} />
        ) : (
          lanes.map((lane, i) => (
            <g key={lane.code} data-testid="timeline-lane" data-lane={lane.label}>
              {lane.rows.map((row) => {
                const date = rowDate(table, row)
                const label = rowLabel(table, row)
                return (
                  <EventMark
                    key={row}
                    x0={scale.x(table.startMs[row]!)}
                    x1={scale.x(table.endMs[row]!)}
                    y={i * LANE_PX + LANE_PX / 2}
                    level={table.level[row] as ThreatLevel}
                    imprecise={date.imprecise}
                    span={date.span}
                    size={date.span ? 6 : 7}
                    label={label}
                    testId="timeline-lane-mark"
                    fresh={newRows !== null && newRows[row] === 1}
                    onSelect={() => onSelectRow(row)}
                    onHover={(x) => onHover(x === null ? null : { xPx: x, row, text: label })}
                  />
                )
              })}
            </g>
          ))
        )}
      </svg>
      {lanes.map((lane, i) => (
        <span key={lane.code} className="timeline-lanes__label" style={{ top: i * LANE_PX }} title={`${lane.label}: ${lane.count} events in view`}>
          {lane.label}
        </span>
      ))}
    </div>
  )
})
