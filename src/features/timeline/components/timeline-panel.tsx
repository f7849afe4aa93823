import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { LEVEL_LABELS, THREAT_LEVELS } from '../../../domain/model.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { EmptyState } from '../../../ui/empty-state.tsx'
import { formatCount } from '../../../ui/format.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { Panel } from '../../../ui/panel.tsx'
import { bucketTimeline, chooseBucketUnit, type BucketUnit } from '../utils/buckets.ts'

/** Bars the chart may draw at most: about one per 4 px of a typical panel. */
const MAX_BARS = 180

function tickFormat(unit: BucketUnit, spanDays: number): (ms: number) => string {
  return (ms) => {
    const d = new Date(ms)
    if (unit === 'year' || unit === 'quarter' || spanDays > 3 * 365) return String(d.getUTCFullYear())
    if (unit === 'month') return d.toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' })
    return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })
  }
}

/** Events over time stacked by level; imprecise dates are spread over their span and hatched. */
export function TimelinePanel() {
  const timeline = useWatchfloor((s) => s.views.timeline)
  const range = useWatchfloor((s) => s.filter.timeRange)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const unit = chooseBucketUnit(timeline.days, MAX_BARS)
  const data = useMemo(
    () =>
      bucketTimeline(timeline, unit).map((b) => {
        const row: Record<string, number> = { t: b.startMs }
        for (let l = 0; l < 5; l++) {
          row[`e${l + 1}`] = b.exact[l]!
          row[`s${l + 1}`] = Math.round(b.spread[l]! * 100) / 100
        }
        return row
      }),
    [timeline, unit],
  )
  const total = useMemo(() => data.reduce((sum, row) => sum + THREAT_LEVELS.reduce((s, l) => s + row[`e${l}`]! + row[`s${l}`]!, 0), 0), [data])
  const format = tickFormat(unit, timeline.days)
  const starts = data.map((row) => row.t!)
  const snap = (ms: number): number | undefined => {
    let found: number | undefined
    for (const t of starts) if (t <= ms) found = t
    return found
  }
  const asOfBucket = snap(asOfMs - 1)
  // Over long spans, label the first bucket of each year (every other year past 12 years).
  const yearTicks = useMemo(() => {
    if (timeline.days <= 3 * 365) return undefined
    const starts = data.map((row) => row.t!).filter((t) => new Date(t).getUTCMonth() < (unit === 'year' ? 12 : 1) && new Date(t).getUTCDate() === 1)
    const firsts = starts.filter((t, i) => i === 0 || new Date(t).getUTCFullYear() !== new Date(starts[i - 1]!).getUTCFullYear())
    return firsts.length > 12 ? firsts.filter((_, i) => i % 2 === 0) : firsts
  }, [data, timeline.days, unit])
  const rangeBuckets = range ? ([snap(range.fromMs) ?? starts[0], snap(range.toMs - 1) ?? starts[0]] as const) : null

  return (
    <Panel
      name="timeline"
      title="Threat over time"
      subtitle={`Events per ${unit} by level; hatched: dates known only to the month or year, spread over their span`}
    >
      {data.length === 0 ? (
        <EmptyState title="No dated events to draw" />
      ) : (
        <div className="chart" role="img" aria-label={`Bar chart of ${formatCount(Math.round(total))} events per ${unit}, stacked by threat level`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={0}>
              <defs>
                {THREAT_LEVELS.map((l) => (
                  <pattern key={l} id={`hatch-${l}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill={LEVEL_COLOURS[l]} fillOpacity="0.25" />
                    <line x1="0" y1="0" x2="0" y2="6" stroke={LEVEL_COLOURS[l]} strokeWidth="3" />
                  </pattern>
                ))}
              </defs>
              <CartesianGrid vertical={false} stroke="var(--grid)" />
              <XAxis
                dataKey="t"
                tickFormatter={format}
                stroke="var(--muted)"
                minTickGap={24}
                fontSize={11}
                {...(yearTicks ? { ticks: yearTicks, interval: 0 } : {})}
              />
              <YAxis stroke="var(--muted)" fontSize={11} width={36} allowDecimals={false} />
              <Tooltip
                labelFormatter={(v) => format(Number(v))}
                formatter={(value, name) => [Number(value).toLocaleString('en-GB', { maximumFractionDigits: 2 }), String(name)]}
                contentStyle={{ background: 'var(--surface-2)', border: '1px solid var(--border)' }}
                isAnimationActive={false}
              />
              {rangeBuckets && (
                <ReferenceArea x1={rangeBuckets[0]} x2={rangeBuckets[1]} fill="var(--accent)" fillOpacity={0.15} />
              )}
              {THREAT_LEVELS.map((l) => (
                <Bar key={`e${l}`} dataKey={`e${l}`} name={`${l} ${LEVEL_LABELS[l]}`} stackId="a" fill={LEVEL_COLOURS[l]} isAnimationActive={false} />
              ))}
              {THREAT_LEVELS.map((l) => (
                <Bar key={`s${l}`} dataKey={`s${l}`} name={`${l} ${LEVEL_LABELS[l]} (imprecise date)`} stackId="a" fill={`url(#hatch-${l})`} isAnimationActive={false} />
              ))}
              {asOfBucket !== undefined && (
                <ReferenceLine x={asOfBucket} stroke="var(--accent)" strokeDasharray="4 3" label={{ value: 'as of', fill: 'var(--muted)', fontSize: 10, position: 'insideTopRight' }} />
              )}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Panel>
  )
}
