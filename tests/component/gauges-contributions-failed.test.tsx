import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/**
 * A warehouse answers early: the gauges scored from its cube, their contributions (the events
 * behind them) in a later part. When that part fails, the gauges stay drawn and the panel and
 * the gauge's detail say why its events are missing, instead of "finding" them for ever.
 */
const REASON = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30 seconds. (TIMEOUT_EXCEEDED)'

/** The local engine's answers, given early as a warehouse gives them, its later part failing. */
function failingLater(local: LocalEngine): ViewsEngine {
  const engine = Object.create(local) as ViewsEngine & { kind: string }
  Object.defineProperty(engine, 'kind', { value: 'clickhouse' })
  engine.run = async (request: ViewRequest): Promise<Views> => {
    const views = await local.run(request)
    if (views.gauges === null) return views
    const noEvents = (i: typeof views.gauges.overall) => ({ ...i, contributions: [] })
    const later = Promise.reject(new Error(REASON))
    later.catch(() => undefined)
    return {
      ...views,
      gauges: { overall: noEvents(views.gauges.overall), regions: views.gauges.regions.map((g) => ({ ...g, index: noEvents(g.index) })), contributionsPending: true },
      later,
    }
  }
  return engine
}

// Loading data leaves the warehouse, as the app does.
afterEach(() => loadEvents([SEED_EVENT]))

describe('gauges whose events could not be found', () => {
  it('stay drawn, and the panel and the detail say why their events are missing', async () => {
    loadEvents([SEED_EVENT])
    const local = new LocalEngine(useWatchfloor.getState().table)
    render(<GaugesPanel />)
    act(() => useWatchfloor.getState().connectWarehouse(failingLater(local), { kind: 'clickhouse', url: 'http://warehouse.test', table: 't.events' }, { name: 'Warehouse', source: 'test', customRegions: [] }))
    expect(await screen.findByTestId('gauges-contributions-failed')).toHaveTextContent(`The events behind the gauges could not be found: ${REASON}`)
    expect(screen.queryByTestId('gauges-contributions-pending')).not.toBeInTheDocument()
    const asia = screen.getAllByTestId('gauge').find((g) => g.dataset.region === 'asia')!
    expect(asia).toHaveAttribute('data-level', '3')
    fireEvent.click(asia)
    const detail = await screen.findByTestId('gauge-detail')
    expect(within(detail).getByTestId('gauge-contributions-failed')).toHaveTextContent(REASON)
    expect(within(detail).queryByTestId('gauge-contributions-pending')).not.toBeInTheDocument()
  })
})
