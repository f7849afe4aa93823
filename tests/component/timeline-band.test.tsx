import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { computeWarning } from '../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../src/domain/warning/settings.ts'
import { DEFAULT_TIMELINE_BANDS } from '../../src/state/warning-slice.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

// Ten events a week in France for twenty weeks, Monday 6 January to Sunday 25 May 2025: the
// as-of (the latest event) closes the week of 19 May, and the band covers 26 May – 22 June.
const WEEKS = 20
const day = (week: number, i: number): string => new Date(Date.UTC(2025, 0, 6 + week * 7 + (i % 7))).toISOString().slice(0, 10)
const EVENTS = Array.from({ length: WEEKS }, (_, week) =>
  Array.from({ length: 10 }, (_, i) => ({ id: `e-${week}-${i}`, title: `Event ${week}-${i}`, date: day(week, i), threatLevel: 2, countries: ['FR'] })),
).flat()

/**
 * The band by hand. A constant 10 a week gives the intercept-only quasi-Poisson fit μ = 10 with
 * dispersion φ = 1 (no excess variance) and Var(η̂) = φ / Σμ = 1 / 200, so the predictive
 * variance is φμ + μ² Var(η̂) = 10.5: a negative binomial of size r = μ² / (10.5 − μ) = 200. Its
 * pmf by recursion, and the quantile on the continuous scale count + U(0, 1) that the model reads
 * (count-distribution.ts): v = k + (q − F(k − 1)) / P(k) for the k with F(k − 1) ≤ q < F(k).
 */
function handQuantile(q: number): number {
  const mu = 10
  const r = 200
  const p = r / (r + mu)
  let pmf = Math.pow(p, r)
  let below = 0
  for (let k = 0; ; k++) {
    if (below + pmf >= q) return k + (q - below) / pmf
    below += pmf
    pmf *= ((k + r) / (k + 1)) * (1 - p)
  }
}

function ready(): void {
  act(() => {
    const s = useWatchfloor.getState()
    s.setWarning({ status: 'ready', dataToken: s.dataToken, result: computeWarning(s.table, s.asOfMs, DEFAULT_WARNING_SETTINGS, []) })
  })
}

afterEach(() => act(() => useWatchfloor.getState().setTimelineBands(DEFAULT_TIMELINE_BANDS)))

describe('timeline: the expected band', () => {
  it('draws the bands early warning makes first while it still looks for the surges, for the as-of on screen only', async () => {
    loadEvents(EVENTS)
    const s = useWatchfloor.getState()
    const { bands } = computeWarning(s.table, s.asOfMs, DEFAULT_WARNING_SETTINGS, [])
    // Made for another as-of (a brush moved since): not drawn.
    act(() => useWatchfloor.getState().setWarning({ status: 'computing', fraction: 0.1, early: { dataToken: s.dataToken, asOfMs: s.asOfMs - 7 * 86_400_000, bands } }))
    render(<TimelinePanel />)
    const chart = screen.getByTestId('timeline-chart')
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(screen.queryByTestId('timeline-band')).toBeNull()
    act(() => useWatchfloor.getState().setWarning({ status: 'computing', fraction: 0.2, early: { dataToken: s.dataToken, asOfMs: s.asOfMs, bands } }))
    const band = await screen.findByTestId('timeline-band', undefined, { timeout: 10_000 })
    expect(band).toHaveAttribute('data-key', 'all')
    expect(within(band).getAllByTestId('timeline-band-week').map((w) => w.dataset.week)).toEqual(['2025-05-26', '2025-06-02', '2025-06-09', '2025-06-16'])
    expect(screen.getByTestId('timeline-band-legend')).toHaveTextContent('All events')
    // Early warning is still at work: the chart says so.
    expect(chart).toHaveAttribute('data-warning', 'computing')
    // Another data load's bands are not drawn either.
    act(() => useWatchfloor.getState().setWarning({ status: 'computing', fraction: 0.3, early: { dataToken: {}, asOfMs: s.asOfMs, bands } }))
    expect(screen.queryByTestId('timeline-band')).toBeNull()
  })

  it('draws the band of all events for the four weeks after the as-of date, with the model’s 80 % bounds', async () => {
    const lo = handQuantile(0.1)
    const hi = handQuantile(0.9)
    expect(lo).toBeCloseTo(6.437, 3)
    expect(hi).toBeCloseTo(14.781, 3)
    loadEvents(EVENTS)
    act(() => useWatchfloor.getState().setWarning({ status: 'computing', fraction: 0.5 }))
    render(<TimelinePanel />)
    // The chart says where early warning stands, for scripts that wait for the page to be at rest.
    const chart = screen.getByTestId('timeline-chart')
    expect(chart).toHaveAttribute('data-warning', 'computing')
    ready()
    expect(chart).toHaveAttribute('data-warning', 'ready')
    // The chart runs on past the data to the band's last day.
    expect(chart).toHaveAttribute('data-from', '2025-01-06')
    expect(chart).toHaveAttribute('data-to', '2025-06-22')
    // The band's layer loads once early warning has answered.
    const band = await screen.findByTestId('timeline-band', undefined, { timeout: 10_000 })
    expect(band).toHaveAttribute('data-key', 'all')
    const weeks = within(band).getAllByTestId('timeline-band-week')
    expect(weeks.map((w) => w.dataset.week)).toEqual(['2025-05-26', '2025-06-02', '2025-06-09', '2025-06-16'])
    // Past the as-of line.
    const asOfX = Number(screen.getByTestId('timeline-asof').querySelector('line')!.getAttribute('x1'))
    expect(Number(weeks[0]!.dataset.x0)).toBeGreaterThanOrEqual(asOfX)
    // What the pointer reads: the weekly figures, rounded as the chart rounds (one decimal under 10).
    expect(weeks[0]!.querySelector('title')).toHaveTextContent(
      `All events, week of 26 May 2025: expected 10 events (80 %: ${lo.toFixed(1)}–${Math.round(hi)}) (drawn as a rate per day)`,
    )
    // Drawn to scale: (hi − lo) / (expected − lo), whatever the axis, from the shade and the line.
    const rect = weeks[0]!.querySelector('rect')!
    const top = Number(rect.getAttribute('y'))
    const bottom = top + Number(rect.getAttribute('height'))
    const line = Number(weeks[0]!.querySelector('line')!.getAttribute('y1'))
    expect((bottom - top) / (bottom - line)).toBeCloseTo((hi - lo) / (10 - lo), 2)
    expect(await screen.findByTestId('timeline-band-legend')).toHaveTextContent('expected, 80 % · All events')
  }, 30_000)

  it('lets the user choose the bands: a gauge’s region added, all events taken away', async () => {
    loadEvents(EVENTS)
    ready()
    render(<TimelinePanel />)
    fireEvent.click(await screen.findByTestId('timeline-band-picker', undefined, { timeout: 10_000 }))
    const options = screen.getAllByTestId('timeline-band-option')
    const region = options.find((o) => o.dataset.key === 'region:western-europe')!
    expect(region).toBeDefined()
    fireEvent.click(region)
    expect(screen.getAllByTestId('timeline-band').map((b) => b.dataset.key)).toEqual(['all', 'region:western-europe'])
    expect(screen.getByTestId('timeline-band-legend')).toHaveTextContent('expected, 80 % · Western Europe')
    fireEvent.click(options.find((o) => o.dataset.key === 'all')!)
    expect(screen.getAllByTestId('timeline-band').map((b) => b.dataset.key)).toEqual(['region:western-europe'])
    fireEvent.click(screen.getAllByTestId('timeline-band-option').find((o) => o.dataset.key === 'region:western-europe')!)
    expect(screen.queryByTestId('timeline-band')).toBeNull()
    expect(screen.queryByTestId('timeline-band-legend')).toBeNull()
    // Escape closes the menu and gives the focus back to its button.
    const picker = screen.getByTestId('timeline-band-picker')
    expect(picker.closest('details')).toHaveProperty('open', true)
    fireEvent.keyDown(screen.getAllByTestId('timeline-band-option')[0]!, { key: 'Escape' })
    expect(picker.closest('details')).toHaveProperty('open', false)
    expect(picker).toHaveFocus()
    // With no band the chart ends with the data again.
    expect(screen.getByTestId('timeline-chart')).toHaveAttribute('data-to', '2025-05-25')
  }, 30_000)

  it('keeps the band where it was when those weeks’ data is in, and marks the actual counts', async () => {
    loadEvents(EVENTS)
    // As of Sunday 13 April: the band covers 14 April – 11 May, weeks the data holds (10 each).
    act(() => useWatchfloor.getState().setAsOf({ mode: 'fixed', ms: Date.UTC(2025, 3, 14) }))
    ready()
    render(<TimelinePanel />)
    expect(screen.getByTestId('timeline-chart')).toHaveAttribute('data-to', '2025-05-25')
    const weeks = await screen.findAllByTestId('timeline-band-week', undefined, { timeout: 10_000 })
    expect(weeks.map((w) => w.dataset.week)).toEqual(['2025-04-14', '2025-04-21', '2025-04-28', '2025-05-05'])
    expect(weeks.every((w) => w.querySelector('circle') !== null)).toBe(true)
    expect(weeks[0]!.querySelector('title')).toHaveTextContent(/expected 10 events \(80 %: 6\.\d–1[45]\); actual 10 /)
    expect(screen.getByTestId('timeline-band-legend')).toHaveTextContent('actual')
  }, 30_000)
})
