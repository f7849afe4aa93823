import { act, fireEvent, render, renderHook, screen, within } from '@testing-library/react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { useTimelineModel } from '../../src/features/timeline/hooks/use-timeline-model.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { STAGED_PART_ROWS } from '../../src/state/run-views.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents } from './load-store.ts'

// The axes (Recharts) are a chunk of their own, loaded on first draw: loaded here once, so that a
// test waits only for React to take the loaded module (a microtask), not for its transform.
beforeAll(async () => {
  await import('../../src/features/timeline/components/level-chart.tsx')
}, 60_000)

// jsdom has no PointerEvent: without one, testing-library's pointer events lose clientX.
if (typeof window.PointerEvent === 'undefined') {
  class PointerEventPolyfill extends MouseEvent {
    readonly pointerId: number
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init)
      this.pointerId = init.pointerId ?? 0
    }
  }
  window.PointerEvent = PointerEventPolyfill as unknown as typeof PointerEvent
}

// jsdom (see setup.ts) gives every element 800 × 600 px: the plot is 800 − 38 − 10 = 752 px wide,
// so the chart may draw up to 250 bars (3 px each).
const PLOT_LEFT = 38
const PLOT_WIDTH = 752

const ev = (id: string, date: string, threatLevel: number, extra: object = {}): object => ({ id, title: `Event ${id}`, date, threatLevel, countries: ['UA'], ...extra })

function chart(): HTMLElement {
  return screen.getByTestId('timeline-chart')
}

describe('timeline panel: bucketing', () => {
  it('buckets five years by month (60 bars) and ninety days by day', () => {
    loadEvents([ev('a', '2016-01-01', 3), ev('b', '2018-07-14', 4), ev('c', '2020-12-31', 2)])
    render(<TimelinePanel />)
    expect(chart()).toHaveAttribute('data-unit', 'month')
    expect(chart()).toHaveAttribute('data-bars', '60')
    expect(chart()).toHaveAttribute('data-from', '2016-01-01')
    expect(chart()).toHaveAttribute('data-to', '2020-12-31')
    expect(screen.getByText(/Events per month by level, 1 Jan 2016 – 31 Dec 2020/)).toBeInTheDocument()
    expect(chart()).toHaveAccessibleName(/^3 events per month in 60 bars/)

    act(() => useWatchfloor.getState().setTimeRange({ fromMs: Date.UTC(2018, 5, 1), toMs: Date.UTC(2018, 7, 30) }))
    expect(chart()).toHaveAttribute('data-unit', 'day')
    expect(chart()).toHaveAttribute('data-bars', '90')
    expect(chart()).toHaveAttribute('data-from', '2018-06-01')
    expect(chart()).toHaveAccessibleName(/^1 events per day in 90 bars/)
  })

  it('brushes by dragging across the plot: whole months, and the count follows', () => {
    loadEvents([ev('a', '2016-01-01', 3), ev('b', '2017-02-14', 4), ev('c', '2017-11-30', 1), ev('d', '2018-01-01', 2), ev('e', '2020-12-31', 2)])
    render(
      <>
        <Header />
        <TimelinePanel />
      </>,
    )
    expect(screen.getByTestId('event-count')).toHaveTextContent('5')
    const band = PLOT_WIDTH / 60
    // From inside January 2017 (bar 12) to inside November 2017 (bar 22).
    fireEvent.pointerDown(chart(), { button: 0, clientX: PLOT_LEFT + band * 12 + 2, pointerId: 1 })
    fireEvent.pointerMove(chart(), { clientX: PLOT_LEFT + band * 18, pointerId: 1 })
    expect(screen.getByTestId('timeline-drag')).toBeInTheDocument()
    fireEvent.pointerUp(chart(), { button: 0, clientX: PLOT_LEFT + band * 22 + 2, pointerId: 1 })
    expect(useWatchfloor.getState().filter.timeRange).toEqual({ fromMs: Date.UTC(2017, 0, 1), toMs: Date.UTC(2017, 11, 1) })
    // b (14 Feb 2017) and c (30 Nov 2017); not a (2016) nor d (1 Jan 2018).
    expect(screen.getByTestId('event-count')).toHaveTextContent('2')
    fireEvent.doubleClick(chart())
    expect(useWatchfloor.getState().filter.timeRange).toBeNull()
    expect(screen.getByTestId('event-count')).toHaveTextContent('5')
  })

  it('treats a click without a drag as no brush', () => {
    loadEvents([ev('a', '2016-01-01', 3), ev('e', '2020-12-31', 2)])
    render(<TimelinePanel />)
    fireEvent.pointerDown(chart(), { button: 0, clientX: 300, pointerId: 1 })
    fireEvent.pointerUp(chart(), { button: 0, clientX: 302, pointerId: 1 })
    expect(useWatchfloor.getState().filter.timeRange).toBeNull()
  })
})

describe('timeline panel: the count axis', () => {
  // Twelve events in January 2016 (ten of level 1, two of level 3) and one in December 2020.
  const events = [
    ...Array.from({ length: 10 }, (_, i) => ev(`low-${i}`, '2016-01-05', 1)),
    ev('elevated-1', '2016-01-06', 3),
    ev('elevated-2', '2016-01-07', 3),
    ev('late', '2020-12-31', 3),
  ]

  it('labels the count axis with the bars, and follows a level toggle', () => {
    loadEvents(events)
    render(<TimelinePanel />)
    const labels = (): (string | null)[] => [...chart().querySelectorAll('[data-testid="timeline-count-axis"] text')].map((t) => t.textContent)
    // The tallest bar holds 12: steps of 5 up to 15. Level 3 alone: 2 at most, steps of 1.
    expect(labels()).toEqual(['0', '5', '10', '15'])
    act(() => useWatchfloor.getState().toggleLevel(3))
    expect(labels()).toEqual(['0', '1', '2'])
  })

  it('keeps the rows and time axis that the axes layer draws while only the counts change', () => {
    loadEvents(events)
    const subjects: never[] = []
    const nameOf = (): string => ''
    const { result } = renderHook(() => useTimelineModel(800, 300, subjects, nameOf))
    const before = result.current
    act(() => useWatchfloor.getState().toggleLevel(3))
    const after = result.current
    expect(after.countTicks).toEqual([0, 1, 2])
    expect(before.countTicks).toEqual([0, 5, 10, 15])
    expect(after.buckets).not.toBe(before.buckets)
    // Same buckets' edges: the same rows and axis objects, so the memoised chart is not drawn again.
    expect(after.data).toBe(before.data)
    expect(after.axis).toBe(before.axis)
    // A brush moves the edges: new rows.
    act(() => useWatchfloor.getState().setTimeRange({ fromMs: Date.UTC(2016, 0, 1), toMs: Date.UTC(2016, 2, 1) }))
    expect(result.current.data).not.toBe(before.data)
  })
})

describe('timeline panel: dates as they are', () => {
  it('spreads a year-only event over the twelve bars of its year on the chart, not a spike in January', () => {
    loadEvents([ev('d1', '2017-01-01', 3), ev('y', '2019', 5), ev('d2', '2021-12-31', 3)])
    const { container } = render(<TimelinePanel />)
    expect(chart()).toHaveAttribute('data-bars', '60')
    const spread = container.querySelector('[data-series="s5"]')!
    const rects = spread.getAttribute('d')!.split('M').filter(Boolean)
    expect(rects).toHaveLength(12)
    const band = PLOT_WIDTH / 60
    // The first rectangle starts at bar 24 (January 2019) and all have the same small height.
    expect(Number(rects[0]!.split(',')[0])).toBeCloseTo(PLOT_LEFT + 24 * band, 1)
    expect(container.querySelector('[data-series="e5"]')).toBeNull()
    // Its fill is the faded (imprecise) one; day-precise events use the solid level fill.
    expect(spread).toHaveAttribute('fill', 'url(#wf-tl-spread-5)')
    expect(container.querySelector('[data-series="e3"]')).toHaveAttribute('fill', 'url(#wf-tl-level-3)')
  })

  it('names the hovered bar with its counts, exact and spread', async () => {
    loadEvents([ev('d1', '2017-01-01', 3), ev('y', '2019', 5), ev('d2', '2019-03-03', 4), ev('d3', '2021-12-31', 3)])
    render(<TimelinePanel />)
    const band = PLOT_WIDTH / 60
    fireEvent.pointerMove(chart(), { clientX: PLOT_LEFT + 26 * band + 2, pointerId: 1 })
    // The card loads when first shown.
    const card = await screen.findByTestId('timeline-bucket-card')
    expect(card).toHaveTextContent('Mar 2019')
    expect(card).toHaveTextContent('4 high: 1')
    // 31/365 of the year-only event falls in March: 0.08, shown to one decimal.
    expect(card).toHaveTextContent('5 critical: 0 + 0.1 spread')
    expect(card).toHaveTextContent('1.1 events')
  })

  it('draws a year-only event as a dashed span over its year, marked imprecise, never a point', () => {
    loadEvents([ev('y', '2019', 5), ev('d', '2019-06-15', 3)])
    render(<TimelinePanel />)
    // 365 days on 752 px → weeks, widened to whole weeks: Mon 31 Dec 2018 – Sun 5 Jan 2020, 53 bars.
    expect(chart()).toHaveAttribute('data-unit', 'week')
    expect(chart()).toHaveAttribute('data-bars', '53')
    const lanes = screen.getByTestId('timeline-lanes')
    const yearMark = within(lanes).getByRole('button', { name: /Event y — 2019 \(date known only to the year\) — level 5 critical/ })
    expect(yearMark).toHaveAttribute('data-imprecise', 'true')
    expect(yearMark).toHaveAttribute('data-span', 'true')
    const rect = yearMark.querySelector('rect')!
    const band = PLOT_WIDTH / 53
    // From 1 Jan 2019 (1/7 into the first week) to 1 Jan 2020 (2/7 into the last): 52 + 1/7 bands.
    expect(Number(rect.getAttribute('x'))).toBeCloseTo(PLOT_LEFT + band / 7, 6)
    expect(Number(rect.getAttribute('width'))).toBeCloseTo(band * (52 + 1 / 7), 6)
    expect(rect).toHaveAttribute('stroke-dasharray', '3 2')
    // The day-precise event is a point, and is not marked imprecise.
    const dayMark = within(lanes).getByRole('button', { name: /Event d — 15 Jun 2019 — level 3/ })
    expect(dayMark).not.toHaveAttribute('data-span')
    expect(dayMark.querySelector('path')).not.toBeNull()
    // On the chart the level-5 year-only event is a span marker too.
    const marker = screen.getAllByTestId('timeline-marker')
    expect(marker).toHaveLength(1)
    expect(marker[0]).toHaveAttribute('data-imprecise', 'true')
  })

  it('draws an event with an end date as a solid span', () => {
    loadEvents([ev('s', '2022-03-01', 4, { endDate: '2022-03-10' }), ev('t', '2022-04-30', 2)])
    render(<TimelinePanel />)
    const mark = within(screen.getByTestId('timeline-lanes')).getByRole('button', { name: /Event s — 1 Mar 2022 – 10 Mar 2022 — level 4 high/ })
    expect(mark).toHaveAttribute('data-span', 'true')
    expect(mark).not.toHaveAttribute('data-imprecise')
    expect(mark.querySelector('rect')).not.toHaveAttribute('stroke-dasharray')
  })
})

describe('timeline panel: overview strip', () => {
  it('narrows the range by dragging the start handle, in whole days', () => {
    loadEvents([ev('a', '2016-01-01', 3), ev('b', '2018-06-01', 4), ev('c', '2020-12-31', 2)])
    render(<TimelinePanel />)
    const strip = screen.getByTestId('timeline-overview')
    const handle = screen.getByTestId('timeline-handle-from')
    // The strip uses bars of at least 6 px (125 on 752 px): 2016–2020 is 60 months.
    fireEvent.pointerDown(handle, { button: 0, clientX: PLOT_LEFT, pointerId: 2 })
    fireEvent.pointerMove(strip, { clientX: PLOT_LEFT + PLOT_WIDTH / 2, pointerId: 2 })
    fireEvent.pointerUp(strip, { clientX: PLOT_LEFT + PLOT_WIDTH / 2, pointerId: 2 })
    const range = useWatchfloor.getState().filter.timeRange!
    // Half-way along 60 months is the start of July 2018; the end stays at the data's end.
    expect(new Date(range.fromMs).toISOString().slice(0, 10)).toBe('2018-07-01')
    expect(new Date(range.toMs).toISOString().slice(0, 10)).toBe('2021-01-01')
    expect(handle).toHaveAttribute('aria-valuetext', '1 Jul 2018')
  })
})

describe('timeline panel: markers and lanes', () => {
  it('opens the event detail from a level 4–5 marker and shows its title, date and level on hover', async () => {
    loadEvents([ev('x', '2023-05-02', 5), ev('l', '2023-05-20', 2), ev('h', '2023-06-01', 4)])
    render(
      <>
        <TimelinePanel />
        <EventsPanel />
      </>,
    )
    const markers = screen.getAllByTestId('timeline-marker')
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual([
      'Event x — 2 May 2023 — level 5 critical',
      'Event h — 1 Jun 2023 — level 4 high',
    ])
    fireEvent.pointerEnter(markers[0]!)
    expect(screen.getByRole('tooltip')).toHaveTextContent('Event x — 2 May 2023 — level 5 critical')
    fireEvent.click(markers[0]!)
    expect(within(await screen.findByTestId('event-detail')).getByText('Event x')).toBeInTheDocument()
  })

  it('merges markers past 300 high or critical events into counted runs of bars that never touch; one zooms into its run', async () => {
    // 310 high events over 2023 (every day but a few), one critical in March.
    const days = Array.from({ length: 310 }, (_, i) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10))
    loadEvents([...days.map((d, i) => ev(`h${i}`, d, i === 70 ? 5 : 4))])
    render(<TimelinePanel />)
    expect(screen.queryAllByTestId('timeline-marker')).toHaveLength(0)
    const groups = await screen.findAllByTestId('timeline-marker-group') // loaded when first needed
    // 310 days on 752 px → weeks: Mon 26 Dec 2022 to Sun 12 Nov 2023 is 46 weeks of 16.3 px. A run
    // needs 48 px, so three weeks (49 px) make one: 15 runs, the 46th week joining the last.
    expect(chart()).toHaveAttribute('data-unit', 'week')
    expect(groups).toHaveLength(15)
    // The first run: 1 event in the week of 26 Dec, 7 in each of the next two.
    expect(groups[0]).toHaveAccessibleName('15 high or critical events, 26 Dec 2022 – 15 Jan 2023; select to zoom in')
    expect(groups[0]).toHaveTextContent('×15')
    // The last run: three full weeks from 16 Oct (21 events) and the 46th week, of 6 Nov, which holds
    // only 6 Nov (the 310th day): 22 events, to the end of that week.
    expect(groups[14]).toHaveAccessibleName('22 high or critical events, 16 Oct 2023 – 12 Nov 2023; select to zoom in')
    const counts = groups.map((g) => Number(/^×(\d+)$/.exec(g.textContent!)![1]))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(310)
    // Neighbours stand at least a run's width apart: shapes and counts never touch.
    const xs = groups.map((g) => Number(g.dataset.x))
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(48)
    fireEvent.click(groups[0]!)
    expect(useWatchfloor.getState().filter.timeRange).toEqual({ fromMs: Date.UTC(2022, 11, 26), toMs: Date.UTC(2023, 0, 16) })
  })

  it('switches lanes between regions and actors, and shows density past 300 marks', async () => {
    loadEvents([
      ev('a', '2024-01-02', 3, { actors: ['Russia'] }),
      ev('b', '2024-01-05', 3, { countries: ['FR'], actors: ['France', 'Russia'] }),
    ])
    render(<TimelinePanel />)
    const labels = (): string[] => Array.from(screen.getByTestId('timeline-lanes').querySelectorAll('.timeline-lanes__label')).map((l) => l.textContent!)
    expect(labels()).toEqual(['Eastern Europe', 'Western Europe'])
    fireEvent.click(screen.getByTestId('timeline-lanes-actor'))
    expect(labels()).toEqual(['Russia', 'France'])

    const many = Array.from({ length: 320 }, (_, i) => ev(`m${i}`, `2024-0${1 + (i % 9)}-1${i % 10}`, 1 + (i % 5), { actors: ['Navy'] }))
    loadEvents(many)
    expect(screen.getByTestId('timeline-lanes')).toHaveAttribute('data-density', 'true')
    // Density is loaded when first needed.
    expect((await screen.findByTestId('timeline-density')).querySelectorAll('path').length).toBeGreaterThan(0)
    expect(screen.queryAllByTestId('timeline-lane-mark')).toHaveLength(0)
    // Cells of 28 px carry their counts, and the counts of a lane add up to its events (a short
    // label, "Navy", covers no cell).
    const lane0Cells = (): Element[] => screen.getAllByTestId('timeline-density-count').filter((c) => (c as HTMLElement).dataset.lane === '0')
    const lane0Label = (): Element => screen.getByTestId('timeline-lanes').querySelector('.timeline-lanes__label')!
    expect(lane0Label().textContent).toBe('Navy')
    expect(lane0Cells().reduce((sum, c) => sum + Number(c.textContent), 0)).toBe(320)
    const xs = lane0Cells().map((c) => Number(c.getAttribute('x')))
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(26)
    // A long label ("Eastern Europe": 8 + 14 × 6.4 = 97.6 px from the left) covers the cells that
    // start before it ends (a cell starts 13 px left of its count): they are drawn without a
    // count, which would run into the label. The lane holds the same events as Navy's.
    const starts = xs.map((x) => x - 13)
    expect(starts.filter((x) => x < 97.6).length).toBeGreaterThan(0)
    fireEvent.click(screen.getByTestId('timeline-lanes-region'))
    expect(lane0Label().textContent).toBe('Eastern Europe')
    expect(lane0Cells().map((c) => Number(c.getAttribute('x')) - 13)).toEqual(starts.filter((x) => x >= 97.6))
  })

  it('adds and removes a threat-index line for a region, up to five', () => {
    loadEvents([ev('a', '2024-01-02', 3), ev('b', '2024-02-05', 4, { countries: ['FR'] })])
    render(<TimelinePanel />)
    const picker = screen.getByTestId('timeline-index-add')
    fireEvent.focus(picker)
    fireEvent.change(picker, { target: { value: 'region:eastern-europe' } })
    const chips = screen.getByRole('list', { name: 'Index lines' })
    expect(within(chips).getByText('Eastern Europe')).toBeInTheDocument()
    expect(within(picker).getByRole('option', { name: 'Eastern Europe' })).toBeDisabled()
    fireEvent.click(within(chips).getByRole('button', { name: 'Remove index line Eastern Europe' }))
    expect(screen.queryByRole('list', { name: 'Index lines' })).toBeNull()
  })
})

describe('timeline panel: a large new table', () => {
  it('draws in five stages after the count, each in a task of its own, keeping every part in place and busy until its turn', async () => {
    loadEvents([ev('a', '2024-01-02', 3)])
    const frames: FrameRequestCallback[] = []
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
    // Every stage seems to take 5 ms, more than a task may run on for: one stage per task.
    let clockMs = 0
    vi.spyOn(performance, 'now').mockImplementation(() => (clockMs += 5))
    try {
      render(
        <>
          <Header />
          <TimelinePanel />
        </>,
      )
      const panel = screen.getByTestId('panel-timeline')
      const nextTask = (): void => {
        act(() => {
          vi.advanceTimersToNextTimer()
        })
      }
      const size = STAGED_PART_ROWS + 5_000
      act(() => useWatchfloor.getState().loadTable(generateSyntheticTable({ size, seed: 7 }), { name: 'Generated', customRegions: [] }))
      // The count first; the whole panel waits behind one busy placeholder.
      expect(screen.getByTestId('event-count')).toHaveTextContent('25,000')
      expect(within(panel).getByRole('status')).toHaveAttribute('aria-busy', 'true')
      expect(within(panel).queryByTestId('timeline-chart')).toBeNull()

      // The frame painted: the panel's frame, with the chart, lanes and strip busy in their places.
      // (No later frame is run: the stages after the first wait for a task each, not a frame.)
      act(() => frames.splice(0).forEach((f) => f(0)))
      nextTask()
      expect(within(panel).queryByRole('status')).toBeNull()
      expect(within(panel).getByTestId('timeline-lanes-region')).toHaveAttribute('aria-pressed', 'true')
      expect(within(panel).getByText('Events per day, week, month or quarter by level')).toBeInTheDocument()
      expect(chart()).toHaveAttribute('aria-busy', 'true')
      expect(chart().querySelector('.recharts-surface')).toBeNull()
      expect(screen.getByTestId('timeline-lanes-pending')).toHaveAttribute('aria-busy', 'true')
      expect(panel.querySelector('.timeline-overview[aria-busy="true"]')).not.toBeNull()

      // The axes (Recharts), then the bars and marks: ten years by month.
      nextTask()
      await act(async () => {})
      expect(chart().querySelector('.recharts-surface')).not.toBeNull()
      expect(within(panel).getByText(/^Events per month by level, 1 Jan 2016 – 31 Dec 2025 ·/)).toBeInTheDocument()
      expect(chart().querySelector('.timeline-bars')).toBeNull()
      expect(chart()).toHaveAttribute('aria-busy', 'true')
      nextTask()
      expect(chart()).not.toHaveAttribute('aria-busy')
      expect(chart().querySelectorAll('.timeline-bars path[data-series]').length).toBeGreaterThan(0)
      expect(chart()).toHaveAttribute('data-bars', '120')
      expect(chart()).toHaveAccessibleName(/^25,000 events per month in 120 bars, stacked by threat level; \d+ high or critical events marked$/)

      // The lanes, drawn as density, then the overview strip: nothing is busy any more.
      nextTask()
      expect(screen.queryByTestId('timeline-lanes-pending')).toBeNull()
      expect(screen.getByTestId('timeline-lanes')).toHaveAttribute('data-density', 'true')
      expect(screen.queryByTestId('timeline-overview')).toBeNull()
      nextTask()
      expect(screen.getByTestId('timeline-overview')).toBeInTheDocument()
      expect(panel.querySelector('[aria-busy="true"]')).toBeNull()
    } finally {
      act(() => {
        vi.runAllTimers()
      })
      vi.useRealTimers()
      vi.unstubAllGlobals()
      vi.restoreAllMocks()
    }
  })
})
