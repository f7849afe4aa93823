import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ThreatIndex } from '../../src/domain/threat-index.ts'
import { Gauge } from '../../src/features/gauges/components/gauge.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { loadEvents, SEED_EVENT } from './load-store.ts'

describe('a gauge as text (its text alternative)', () => {
  it('reads its region, level, change, events, score and trend, starting with what is on screen', () => {
    // The seed event alone: level 3, score 33.1 in Eastern Europe (see gauges-panel.test.tsx),
    // nothing in the window before, so rising by the whole score.
    loadEvents([SEED_EVENT])
    render(<GaugesPanel />)
    const gauge = screen.getAllByTestId('gauge').find((g) => g.dataset.region === 'eastern-europe')!
    // jsdom puts a space between inline spans ("1 event ,") that Chromium does not.
    expect(gauge).toHaveAccessibleName(/^Eastern Europe 3 elevated \+33\.1 · 1 event ?, score 33, rising against the previous window\. Open details$/)
    expect(screen.getByRole('button', { name: /^Asia 3 elevated/ })).toBe(screen.getAllByTestId('gauge').find((g) => g.dataset.region === 'asia'))
  })

  it('reads "No recent activity" for a quiet window, without a score, and marks a watched gauge', () => {
    const quiet: ThreatIndex = {
      level: null,
      score: 0,
      previousLevel: 4,
      previousScore: 30,
      delta: -30,
      trend: 'falling',
      eventCount: 0,
      previousEventCount: 2,
      contributions: [],
    }
    render(<Gauge regionId="sahel" name="Sahel" index={quiet} watched onOpen={() => {}} />)
    expect(screen.getByTestId('gauge')).toHaveAccessibleName(/^Watched: Sahel No recent activity ?0 events ?\. Open details$/)
  })
})
