import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ThreatIndex } from '../../src/domain/threat-index.ts'
import { Gauge } from '../../src/features/gauges/components/gauge.tsx'
import { LEVEL_COLOURS } from '../../src/ui/level-style.ts'
import { SCORE_COLOURS } from '../../src/ui/score-style.ts'

function indexOf(level: ThreatIndex['level'], score: number, eventCount: number): ThreatIndex {
  return { level, score, previousLevel: null, previousScore: 0, delta: score, trend: 'rising', eventCount, previousEventCount: 0, contributions: [] }
}

describe('gauge encoding', () => {
  it('colours the arc by the score’s band, never by the level: a 38 at “5 critical” reads as a 38', () => {
    render(<Gauge regionId="sahel" name="Sahel" index={indexOf(5, 38, 1)} onOpen={() => {}} />)
    const arc = screen.getByTestId('gauge-arc')
    expect(arc.style.stroke).toBe(SCORE_COLOURS[1])
    expect(arc.style.stroke).not.toBe(LEVEL_COLOURS[5])
    const gauge = screen.getByTestId('gauge')
    expect(within(gauge).getByText('5 critical')).toBeInTheDocument()
    expect(screen.getByTestId('gauge-count')).toHaveTextContent('1 event')
    expect(within(gauge).getByText('score 0–100')).toBeInTheDocument()
  })

  it('always shows the event count, "no recent activity" included, with thousands separators', () => {
    const { rerender } = render(<Gauge regionId="europe" name="Europe" index={indexOf(null, 0, 0)} onOpen={() => {}} />)
    expect(screen.getByTestId('gauge-count')).toHaveTextContent('0 events')
    rerender(<Gauge regionId="europe" name="Europe" index={indexOf(4, 91, 12345)} onOpen={() => {}} />)
    expect(screen.getByTestId('gauge-count')).toHaveTextContent('12,345 events')
    expect(screen.getByTestId('gauge-arc').style.stroke).toBe(SCORE_COLOURS[4])
  })
})
