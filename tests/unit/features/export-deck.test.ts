import { describe, expect, it } from 'vitest'
import type { ComparisonRow } from '../../../src/domain/period-comparison.ts'
import { biggestMovers, changesTable, timelineChart } from '../../../src/features/export/utils/deck-slides.ts'
import { DAYS } from '../domain/export/picture/days.ts'

describe('the deck’s timeline chart', () => {
  it('has a column per day and a series per level holding that level’s counts', () => {
    const { chart, unit } = timelineChart({ counts: DAYS, span: { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 0, 4) } })
    expect(unit).toBe('day')
    expect(chart.categories).toEqual(['1 Jan 2025', '2 Jan 2025', '3 Jan 2025'])
    expect(chart.series.map((s) => s.name)).toEqual(['1 low', '2 guarded', '3 elevated', '4 high', '5 critical'])
    expect(chart.series.map((s) => s.values)).toEqual([[0, 0, 1], [0, 0, 0], [0, 0, 0], [2, 0, 0], [0, 0, 0.5]])
    expect(chart.stacked).toBe(true)
  })
})

const row = (label: string, score: number, previousScore: number, events: number, previousEvents: number): ComparisonRow => ({
  target: { kind: 'region', value: label },
  label,
  level: 4,
  previousLevel: 3,
  score,
  previousScore,
  events,
  previousEvents,
  delta: Math.round((score - previousScore) * 10) / 10,
})

describe('What changed', () => {
  it('puts the largest moves first, either way, and leaves out places that did not change', () => {
    const movers = biggestMovers([row('A', 40, 35, 3, 2), row('B', 10, 30, 1, 4), row('C', 20, 20, 2, 2), row('D', 50, 20, 5, 1)])
    expect(movers.map((r) => r.label)).toEqual(['D', 'B', 'A'])
  })
  it('writes the change signed, with a true minus', () => {
    const table = changesTable([row('B', 10, 30, 1, 4)])
    expect(table.rows[0]).toEqual(['B', '4 high', '3 elevated', '10.0', '30.0', '−20.0', '1', '4'])
  })
})
