/**
 * The timeline peer: plain Recharts drawing the same bars as our timeline panel — the buckets of
 * the same unit over the same span (`?unit=month`, read from our panel's data-unit by the driver;
 * bucketTimeline over the same 100k synthetic events), stacked by level, with a time axis, a grid
 * and a tooltip. An update drops or restores level 1, as a level toggle does in the app, and is
 * rendered synchronously (flushSync) then painted. The buckets are made before the clock starts:
 * an update only draws; the first render includes them, as ours includes its views.
 */
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { computeMask } from '../../src/domain/engine/local/mask.ts'
import { computeViews } from '../../src/domain/engine/local/views.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { bucketTimeline, type BucketUnit } from '../../src/domain/timeline/buckets.ts'
import { afterFrame } from './after-frame.ts'

const LEVELS = [1, 2, 3, 4, 5] as const
const COLOURS = ['#4f8f5a', '#3f7fbf', '#d9a21b', '#e0672a', '#c62828']
const unit = (new URLSearchParams(location.search).get('unit') ?? 'month') as BucketUnit

interface Row {
  readonly t: number
  readonly l1: number
  readonly l2: number
  readonly l3: number
  readonly l4: number
  readonly l5: number
}

const t0 = performance.now()
const table = generateSyntheticTable({ size: 100_000, seed: 20251104 })
const buckets = bucketTimeline(computeViews(table, computeMask(table, EMPTY_FILTER)).timeline, unit)

function series(withLevel1: boolean): Row[] {
  const at = (b: (typeof buckets)[number], l: number): number => b.exact[l]! + b.spread[l]!
  return buckets.map((b) => ({ t: b.startMs, l1: withLevel1 ? at(b, 0) : 0, l2: at(b, 1), l3: at(b, 2), l4: at(b, 3), l5: at(b, 4) }))
}

const ALL = series(true)
const WITHOUT_1 = series(false)
let setData: (d: Row[]) => void = () => undefined

function Chart() {
  const [data, set] = useState(ALL)
  setData = set
  return (
    <BarChart width={1200} height={320} data={data} barCategoryGap={0}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => new Date(t).getUTCFullYear().toString()} />
      <YAxis />
      <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)} />
      {LEVELS.map((l) => (
        <Bar key={l} dataKey={`l${l}`} stackId="a" fill={COLOURS[l - 1]} isAnimationActive={false} />
      ))}
    </BarChart>
  )
}

const root = createRoot(document.getElementById('root')!)
flushSync(() => root.render(<Chart />))
let toggled = false
window.__bench = {
  ready: afterFrame().then(() => performance.now() - t0),
  bars: buckets.length,
  unit,
  async update() {
    const start = performance.now()
    toggled = !toggled
    flushSync(() => setData(toggled ? WITHOUT_1 : ALL))
    await afterFrame()
    return performance.now() - start
  },
}
