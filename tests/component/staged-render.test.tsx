import { act, render, screen, within } from '@testing-library/react'
import { useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { PanelPending } from '../../src/ui/panel-pending.tsx'
import { CONTINUE_MS, useStagedRender } from '../../src/ui/use-staged-render.ts'
import { STAGED_PART_ROWS } from '../../src/state/run-views.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'
import { titleAt } from '../../src/domain/table.ts'

/** What each staged content saw when it first committed: how many placeholders were still up. */
const seen: string[] = []

function Content({ name, token }: { readonly name: string; readonly token: { readonly id: string } }) {
  useLayoutEffect(() => {
    seen.push(`${name} ${token.id}, pending ${document.querySelectorAll('[data-testid="panel-pending"]').length}`)
  }, [name, token])
  return <p>{`${name} shows ${token.id}`}</p>
}

function Staged({ name, token, staged }: { readonly name: string; readonly token: { readonly id: string }; readonly staged: boolean }) {
  const ready = useStagedRender(token, staged)
  return <section aria-label={name}>{ready ? <Content name={name} token={token} /> : <PanelPending label={`Drawing ${name}`} />}</section>
}

describe('staged render of new data', () => {
  it('shows content at once on mount, then for a new token a busy placeholder, then each panel in turn', async () => {
    seen.length = 0
    const a = { id: 'A' }
    const b = { id: 'B' }
    const view = render(
      <>
        <Staged name="first" token={a} staged />
        <Staged name="second" token={a} staged />
      </>,
    )
    expect(screen.getByText('first shows A')).toBeInTheDocument()
    expect(screen.getByText('second shows A')).toBeInTheDocument()

    view.rerender(
      <>
        <Staged name="first" token={b} staged />
        <Staged name="second" token={b} staged />
      </>,
    )
    // Both wait, busy, in the same place as their content.
    const pending = screen.getAllByRole('status')
    expect(pending.map((p) => p.getAttribute('aria-label'))).toEqual(['Drawing first', 'Drawing second'])
    expect(pending.every((p) => p.getAttribute('aria-busy') === 'true')).toBe(true)
    expect(screen.queryByText(/shows/)).not.toBeInTheDocument()

    expect(await screen.findByText('first shows B')).toBeInTheDocument()
    expect(await screen.findByText('second shows B')).toBeInTheDocument()
    // One at a time, in tree order: the first drew while the second still waited.
    expect(seen).toEqual(['first A, pending 0', 'second A, pending 0', 'first B, pending 1', 'second B, pending 0'])
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('renders at once when staging is off (small tables) and for a re-render with the same token', () => {
    const a = { id: 'A' }
    const view = render(<Staged name="only" token={a} staged={false} />)
    view.rerender(<Staged name="only" token={{ id: 'B' }} staged={false} />)
    expect(screen.getByText('only shows B')).toBeInTheDocument()
    view.rerender(<Staged name="only" token={a} staged />)
    // A token seen at mount is already drawn.
    expect(screen.getByText('only shows A')).toBeInTheDocument()
  })

  it('lists a large new table after a placeholder, with the count in the header first and no row lost', async () => {
    loadEvents([SEED_EVENT])
    render(
      <>
        <Header />
        <EventsPanel />
      </>,
    )
    expect(await screen.findAllByTestId('event-row')).toHaveLength(1)
    const size = STAGED_PART_ROWS + 5_000
    const table = generateSyntheticTable({ size, seed: 7 })
    // The newest row: the list's first, whichever order the table keeps.
    let newest = 0
    for (let row = 1; row < size; row++) if (table.startMs[row]! > table.startMs[newest]!) newest = row
    act(() => useWatchfloor.getState().loadTable(table, { name: 'Generated', customRegions: [] }))

    expect(screen.getByTestId('event-count')).toHaveTextContent('25,000')
    const panel = screen.getByTestId('panel-events')
    expect(within(panel).getByRole('status')).toHaveAttribute('aria-busy', 'true')
    expect(within(panel).queryByTestId('event-row')).not.toBeInTheDocument()

    const rows = await within(panel).findAllByTestId('event-row')
    expect(within(panel).queryByRole('status')).not.toBeInTheDocument()
    expect(within(panel).getByText('25,000 matching, newest first')).toBeInTheDocument()
    const list = useWatchfloor.getState().views.list!
    expect(useWatchfloor.getState().views.matched).toBe(size)
    expect(list.offset).toBe(0)
    expect(table.startMs[list.rows[0]!.ref]).toBe(table.startMs[newest])
    expect(rows[0]).toHaveTextContent(titleAt(table, list.rows[0]!.ref))
  })

  it('lists the first rows an empty dashboard receives after the count, and a later small table at once', async () => {
    loadEvents([])
    render(
      <>
        <Header />
        <EventsPanel />
      </>,
    )
    expect(useWatchfloor.getState().drawInStages).toBe(false)
    const second = { id: 'b', title: 'Second event', date: '2025-10-01', threatLevel: 4, countries: ['UA'] }
    // The page's first data (the sample, a restore, a link): two events, yet drawn in stages.
    loadEvents([SEED_EVENT, second])
    expect(useWatchfloor.getState().drawInStages).toBe(true)
    expect(screen.getByTestId('event-count')).toHaveTextContent('2')
    const panel = screen.getByTestId('panel-events')
    expect(within(panel).getByRole('status')).toHaveAttribute('aria-busy', 'true')
    expect(within(panel).queryByTestId('event-row')).not.toBeInTheDocument()
    expect(await within(panel).findAllByTestId('event-row')).toHaveLength(2)

    // Data replacing data of the same small size is drawn in the same task.
    loadEvents([SEED_EVENT])
    expect(useWatchfloor.getState().drawInStages).toBe(false)
    expect(within(panel).queryByRole('status')).not.toBeInTheDocument()
    expect((await within(panel).findAllByTestId('event-row'))).toHaveLength(1)
  })
})

/** A staged panel whose content costs `costMs` on the clock the scheduler reads. */
function Timed({ name, token, costMs, clock }: { readonly name: string; readonly token: object; readonly costMs: number; readonly clock: { ms: number } }) {
  const ready = useStagedRender(token, true)
  return <section aria-label={name}>{ready ? <Cost name={name} costMs={costMs} clock={clock} /> : <PanelPending label={`Drawing ${name}`} />}</section>
}

function Cost({ name, costMs, clock }: { readonly name: string; readonly costMs: number; readonly clock: { ms: number } }) {
  useLayoutEffect(() => {
    clock.ms += costMs
  }, [clock, costMs])
  return <p>{`${name} drawn`}</p>
}

describe('staged render scheduling', () => {
  const clock = { ms: 0 }
  let frames: FrameRequestCallback[] = []
  /** Runs the requestAnimationFrame callbacks of one frame, as the browser does before it paints. */
  const paintFrame = (): void => {
    const due = frames
    frames = []
    act(() => due.forEach((f) => f(clock.ms)))
  }
  /** Runs the next task (timer) the page has queued. */
  const nextTask = (): void => {
    act(() => {
      vi.advanceTimersToNextTimer()
    })
  }
  const drawn = (): string[] => screen.queryAllByText(/ drawn$/).map((p) => p.textContent!.replace(' drawn', ''))
  const setUp = (): void => {
    clock.ms = 0
    frames = []
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.spyOn(performance, 'now').mockImplementation(() => clock.ms)
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
  }
  const panels = (token: object, costs: readonly number[]) => (
    <>
      {costs.map((costMs, i) => (
        <Timed key={i} name={`p${i}`} token={token} costMs={costMs} clock={clock} />
      ))}
    </>
  )
  afterEach(() => {
    // Leave no stage or paint watch behind for the next test.
    paintFrame()
    act(() => {
      vi.runAllTimers()
    })
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('waits for a painted frame before the first stage, then runs short stages on in the same task and yields after a long one, without waiting for another frame', () => {
    setUp()
    const view = render(panels({ id: 'A' }, [1, 10, 2, 2]))
    expect(drawn()).toEqual(['p0', 'p1', 'p2', 'p3'])
    view.rerender(panels({ id: 'B' }, [1, 10, 2, 2]))
    expect(drawn()).toEqual([])
    // No frame yet: nothing renders, however many zero-delay tasks run.
    act(() => {
      vi.advanceTimersByTime(50)
    })
    expect(drawn()).toEqual([])
    paintFrame()
    expect(drawn()).toEqual([])
    // The task after the paint: p0 (1 ms) leaves time for p1 (10 ms), which uses up the task.
    nextTask()
    expect(drawn()).toEqual(['p0', 'p1'])
    expect(clock.ms).toBeGreaterThanOrEqual(CONTINUE_MS)
    // The next task, with no frame in between: p2 and p3 together cost 4 ms, so both run.
    nextTask()
    expect(drawn()).toEqual(['p0', 'p1', 'p2', 'p3'])
    expect(frames).toHaveLength(0)
  })

  it('gives each stage a task of its own when each takes the whole budget', () => {
    setUp()
    const view = render(panels({ id: 'A' }, [CONTINUE_MS, CONTINUE_MS, CONTINUE_MS]))
    view.rerender(panels({ id: 'B' }, [CONTINUE_MS, CONTINUE_MS, CONTINUE_MS]))
    paintFrame()
    nextTask()
    expect(drawn()).toEqual(['p0'])
    nextTask()
    expect(drawn()).toEqual(['p0', 'p1'])
    nextTask()
    expect(drawn()).toEqual(['p0', 'p1', 'p2'])
  })

  it('makes the stages of a newer table wait for a frame of their own, even mid-run', () => {
    setUp()
    const view = render(panels({ id: 'A' }, [10, 10, 10]))
    view.rerender(panels({ id: 'B' }, [10, 10, 10]))
    paintFrame()
    nextTask()
    expect(drawn()).toEqual(['p0'])
    // A newer table arrives while B's stages are under way: its placeholders must paint first.
    view.rerender(panels({ id: 'C' }, [10, 10, 10]))
    expect(drawn()).toEqual([])
    nextTask()
    expect(drawn()).toEqual([])
    paintFrame()
    nextTask()
    expect(drawn()).toEqual(['p0'])
    nextTask()
    nextTask()
    expect(drawn()).toEqual(['p0', 'p1', 'p2'])
  })

  it('still draws in a hidden tab, where no frame comes: a timer stands in after 100 ms', () => {
    setUp()
    const view = render(panels({ id: 'A' }, [1, 1]))
    view.rerender(panels({ id: 'B' }, [1, 1]))
    act(() => {
      vi.advanceTimersByTime(99)
    })
    expect(drawn()).toEqual([])
    act(() => {
      vi.advanceTimersByTime(1)
    })
    nextTask()
    expect(drawn()).toEqual(['p0', 'p1'])
    // The frame that never came changes nothing when it does.
    paintFrame()
    expect(drawn()).toEqual(['p0', 'p1'])
  })
})
