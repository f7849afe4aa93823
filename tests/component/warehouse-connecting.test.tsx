import { act, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Header } from '../../src/app/header.tsx'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import type { ViewRequest, Views, ViewsEngine } from '../../src/domain/engine/views-engine.ts'
import { EventsPanel } from '../../src/features/events/components/events-panel.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { TimelinePanel } from '../../src/features/timeline/components/timeline-panel.tsx'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'

/**
 * Between connecting to a warehouse and its first answer, nothing of the data before is shown
 * under the warehouse's name: the count is not known yet, and each panel says it is querying
 * (before, the panels kept the file's numbers, and the list named warehouse events by the file's
 * row numbers).
 */
const FILE_EVENTS = [
  SEED_EVENT,
  { id: 'kyiv', title: 'Strike on Kyiv', date: '2025-11-01', threatLevel: 5, countries: ['UA'] },
  { id: 'paris', title: 'Protest in Paris', date: '2025-10-20', threatLevel: 2, countries: ['FR'] },
]
const WAREHOUSE_EVENTS = [{ id: 'w1', title: 'Port closure in Odesa', date: '2025-11-03', threatLevel: 4, countries: ['UA'] }]

afterEach(() => loadEvents([SEED_EVENT]))

/** A warehouse whose answers wait for `answer()` (or fail with `fail(reason)`); it answers with `local`'s views. */
function heldWarehouse(local: LocalEngine) {
  const held: { resolve: () => void; reject: (e: Error) => void }[] = []
  const engine = Object.create(local) as ViewsEngine
  Object.defineProperty(engine, 'kind', { value: 'clickhouse' })
  engine.run = (request: ViewRequest): Promise<Views> =>
    new Promise<Views>((resolve, reject) => held.push({ resolve: () => void local.run(request).then(resolve), reject }))
  return {
    engine,
    answer: () => held.splice(0).forEach((h) => h.resolve()),
    fail: (reason: string) => held.splice(0).forEach((h) => h.reject(new Error(reason))),
  }
}

function connect(engine: ViewsEngine): void {
  act(() => useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url: 'http://warehouse.test', table: 'w.events' }, { name: 'Warehouse table w.events', source: 'test', customRegions: [] }))
}

/** The warehouse's own engine: a local one over its events (read by ref from it, as the ClickHouse engine reads its table). */
function warehouseEngine(): LocalEngine {
  loadEvents(WAREHOUSE_EVENTS)
  const local = new LocalEngine(useWatchfloor.getState().table)
  loadEvents(FILE_EVENTS)
  return local
}

function renderDashboard(): void {
  render(
    <>
      <Header />
      <TimelinePanel />
      <GaugesPanel />
      <EventsPanel />
    </>,
  )
}

describe('connecting to a warehouse', () => {
  it('shows no count and no panel of the data before until the warehouse answers, then the warehouse’s', async () => {
    const warehouse = heldWarehouse(warehouseEngine())
    renderDashboard()
    expect(await screen.findByText('Strike on Kyiv')).toBeInTheDocument()
    expect(screen.getByTestId('event-count')).toHaveTextContent('3')

    connect(warehouse.engine)
    expect(screen.getByTestId('event-count')).toHaveTextContent('—')
    expect(screen.getByText(/counting in the warehouse/)).toBeInTheDocument()
    for (const name of ['timeline', 'gauges', 'events']) expect(within(screen.getByTestId(`panel-${name}`)).getByText('Querying the warehouse…')).toBeInTheDocument()
    expect(screen.queryByText('Strike on Kyiv')).toBeNull()
    expect(screen.queryByText('Port closure in Odesa')).toBeNull()
    expect(screen.queryByText('No data loaded yet')).toBeNull()

    warehouse.answer()
    await waitFor(() => expect(screen.getByTestId('event-count')).toHaveTextContent('1'))
    expect(screen.queryByText(/counting in the warehouse/)).toBeNull()
    expect(await screen.findByText('Port closure in Odesa')).toBeInTheDocument()
    expect(screen.queryByText('Querying the warehouse…')).toBeNull()
  })

  it('says the warehouse did not answer when its first answer fails, still showing nothing of the data before', async () => {
    const warehouse = heldWarehouse(warehouseEngine())
    renderDashboard()
    connect(warehouse.engine)
    warehouse.fail('Code: 159. DB::Exception: Timeout exceeded')
    await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.error).toMatch(/Timeout exceeded/))
    expect(within(screen.getByTestId('panel-events')).getByText(/The warehouse did not answer/)).toBeInTheDocument()
    expect(screen.queryByText('Strike on Kyiv')).toBeNull()
  })
})
