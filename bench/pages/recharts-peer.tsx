/**
 * The timeline peer: plain Recharts, one bar per day for ten years (3,653 points) stacked by
 * level, with a time axis, a grid and a tooltip. An update drops or restores level 1, as a level
 * toggle does in the app, and is rendered synchronously (flushSync) then painted.
 */
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { flushSync } from 'react-dom'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { afterFrame } from './after-frame.ts'

const DAY_MS = 86_400_000
const LEVELS = [1, 2, 3, 4, 5] as const
const COLOURS = ['#4f8f5a', '#3f7fbf', '#d9a21b', '#e0672a', '#c62828']

interface Day {
  readonly t: number
  readonly l1: number
  readonly l2: number
  readonly l3: number
  readonly l4: number
  readonly l5: number
}

function series(withLevel1: boolean): Day[] {
  const table = generateSyntheticTable({ size: 100_000, seed: 20251104 })
  const first = Math.floor(table.extentMs[0] / DAY_MS)
  const days = 3653
  const counts = new Float64Array(days * 5)
  for (let row = 0; row < table.size; row++) {
    const d = Math.floor(table.startMs[row]! / DAY_MS) - first
    if (d >= 0 && d < days) counts[d * 5 + table.level[row]! - 1]!++
  }
  return Array.from({ length: days }, (_, d) => ({
    t: (first + d) * DAY_MS,
    l1: withLevel1 ? counts[d * 5]! : 0,
    l2: counts[d * 5 + 1]!,
    l3: counts[d * 5 + 2]!,
    l4: counts[d * 5 + 3]!,
    l5: counts[d * 5 + 4]!,
  }))
}

const ALL = series(true)
const WITHOUT_1 = series(false)
let setData: (d: Day[]) => void = () => undefined

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

const t0 = performance.now()
const root = createRoot(document.getElementById('root')!)
flushSync(() => root.render(<Chart />))
let toggled = false
window.__bench = {
  ready: afterFrame().then(() => performance.now() - t0),
  async update() {
    const start = performance.now()
    toggled = !toggled
    flushSync(() => setData(toggled ? WITHOUT_1 : ALL))
    await afterFrame()
    return performance.now() - start
  },
}
