import { render, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { LevelChart, type ChartRow } from '../../src/features/timeline/components/level-chart.tsx'
import type { EpochMs } from '../../src/domain/model.ts'

const MONTH_MS = 30 * 86_400_000
const rows: ChartRow[] = Array.from({ length: 24 }, (_, k) => ({ t: k * MONTH_MS, c: 10 + k, i0: k < 2 ? null : 40 + k }))
const axis = {
  ticks: [0, 12 * MONTH_MS] as EpochMs[],
  format: (ms: number): string => (ms === 0 ? 'first year' : 'second year'),
}
const line = { key: 'region:europe', label: 'Europe', colour: '#123456', dash: '4 2' }

/** The tick labels drawn, by axis ('xAxis', 'yAxis'): Recharts draws them in a layer of their own. */
function labels(container: HTMLElement, axis: string): string[] {
  return [...container.querySelectorAll(`.recharts-${axis}-tick-labels text`)].map((t) => t.textContent ?? '')
}

describe('LevelChart', () => {
  it("draws the time axis' labels as the axis formats them, and the index axis' 0, 50 and 100 with an index line", async () => {
    const { container } = render(<LevelChart width={600} height={200} data={rows} lines={[line]} axis={axis} />)
    // Recharts draws its axes once it has laid the chart out, in an effect after the first render.
    await waitFor(() => expect(labels(container, 'xAxis')).toEqual(['first year', 'second year']))
    await waitFor(() => expect(labels(container, 'yAxis')).toEqual(['0', '50', '100']))
    const first = container.querySelector('.recharts-xAxis-tick-labels text')!
    expect(first.getAttribute('font-size')).toBe('11')
    expect(first.getAttribute('fill')).toBe('var(--muted)')
    expect(first.getAttribute('text-anchor')).toBe('middle')
  })

  it('draws no index axis without index lines', async () => {
    const { container } = render(<LevelChart width={600} height={200} data={rows} lines={[]} axis={axis} />)
    await waitFor(() => expect(labels(container, 'xAxis')).toEqual(['first year', 'second year']))
    expect(labels(container, 'yAxis')).toEqual([])
  })

  it('measures no label in the DOM: a one-line label needs no wrapping, and a measurement forces a layout of the page', async () => {
    document.getElementById('recharts_measurement_span')?.remove()
    const { container } = render(<LevelChart width={600} height={200} data={rows} lines={[line]} axis={{ ...axis, format: (ms: number) => `label ${ms / MONTH_MS} of a long axis` }} />)
    await waitFor(() => expect(labels(container, 'xAxis')).toEqual(['label 0 of a long axis', 'label 12 of a long axis']))
    await waitFor(() => expect(labels(container, 'yAxis')).toHaveLength(3))
    expect(document.getElementById('recharts_measurement_span')).toBeNull()
  })
})
