import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import { parsePartialDate } from '../../src/domain/dates.ts'
import type { Actor, CountryCode, ThreatEvent, ThreatLevel } from '../../src/domain/model.ts'
import { FilterBar } from '../../src/features/filters/components/filter-bar.tsx'
import { GaugesPanel } from '../../src/features/gauges/components/gauges-panel.tsx'
import { MapPanel } from '../../src/features/map/components/map-panel.tsx'
import { ClickHouseEngine } from '../../src/lib/clickhouse/clickhouse-engine.ts'
import type { WarehouseConnection } from '../../src/lib/clickhouse/warehouse-client.ts'
import { useWatchfloor } from '../../src/state/store.ts'
import { loadWarehouseTable } from '../warehouse/test-warehouse.ts'
import { testEvent } from '../unit/domain/export/test-event.ts'
import { loadEvents, SEED_EVENT } from './load-store.ts'
import { PART_SQL, TIMED_OUT, type Part } from '../warehouse/refused-parts.ts'

/**
 * A later part of a search's answer that the warehouse refused (the map's events, the actor
 * facet, the events behind the gauges) is asked again alone by its Retry: the endpoint is asked
 * that part's queries and no other (not the cube, the list or the parts that came), and the
 * panel then draws it.
 */

/** What the app says of that refusal (warehouse-client.ts explains a timeout in words). */
const EXPLAINED = 'The warehouse did not answer within 30 s.'

let refused: Part | null = null
const asked: string[] = []
let endpoint: ChdbEndpoint | undefined
let connection: WarehouseConnection

function event(id: string, title: string, day: string, level: ThreatLevel, actors: readonly string[], lonDeg: number): ThreatEvent {
  return testEvent({
    id,
    title,
    date: parsePartialDate(day)!,
    threatLevel: level,
    countries: ['FR' as CountryCode],
    actors: actors.map((name): Actor => ({ name, type: 'state' })),
    location: { latDeg: 46, lonDeg },
  })
}

// "strike" matches a, b and d (Army 2, Union 1); "talks" matches c alone.
const EVENTS = [
  event('a', 'Strike at the port', '2024-05-10', 2, ['Union'], 1),
  event('b', 'Airstrike on a depot', '2024-05-18', 5, ['Army'], 2),
  event('c', 'Talks resume', '2024-05-19', 1, ['Union'], 3),
  event('d', 'Second strike', '2024-05-20', 3, ['Army'], 4),
]

beforeAll(async () => {
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
  endpoint = await startChdbEndpoint({
    refuse: (sql) => {
      asked.push(sql)
      return refused !== null && sql.includes(PART_SQL[refused]) ? TIMED_OUT : null
    },
  })
  let n = 0
  const warehouse = { url: endpoint.url, user: 'default', password: '', nextTable: () => ({ database: 'retry_part', table: `events_${n++}` }), close: async () => {} }
  connection = await loadWarehouseTable(warehouse, { schemaVersion: 1, name: 'retry part', regions: [], events: EVENTS })
}, 120_000)

afterAll(async () => {
  await endpoint?.close()
}, 120_000)

afterEach(() => loadEvents([SEED_EVENT]))

/** Waits until the warehouse has answered the store's last run, its later part included, and no query has come for a moment. */
async function settled(): Promise<void> {
  await waitFor(() => expect(useWatchfloor.getState().remoteStatus?.running).toBe(false), { timeout: 20_000 })
  for (let seen = -1; seen !== asked.length; ) {
    seen = asked.length
    await act(() => new Promise((r) => setTimeout(r, 300)))
  }
}

/** The queries asked while `action` runs and the store settles, with the part each belongs to (`other` for none). */
async function queriesOf(action: () => void): Promise<string[]> {
  const from = asked.length
  action()
  await settled()
  return asked.slice(from).map((sql) => (Object.keys(PART_SQL) as Part[]).find((part) => sql.includes(PART_SQL[part])) ?? `other: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`)
}

const visibleActors = (): string[] => {
  const { actors } = useWatchfloor.getState().views
  return actors.values.filter((_, i) => actors.counts[i]! > 0)
}

describe('retrying a later part of a warehouse answer', () => {
  it('asks the warehouse for the failed part alone: the map’s events, then the actors, then the gauges’ events', async () => {
    const engine = await ClickHouseEngine.open(connection)
    render(
      <>
        <FilterBar />
        <MapPanel />
        <GaugesPanel />
      </>,
    )
    act(() => useWatchfloor.getState().connectWarehouse(engine, { kind: 'clickhouse', url: connection.url, table: 'retry_part.events_0' }, { name: 'Warehouse', source: 'test', customRegions: [] }))
    await settled()
    expect(useWatchfloor.getState().views.matched).toBe(4)

    // The map's events of a search are refused; the actors and the gauges' events come.
    refused = 'points'
    await queriesOf(() => act(() => useWatchfloor.getState().setText('strike')))
    expect(await screen.findByTestId('map-events-failed')).toHaveTextContent(EXPLAINED)
    expect(visibleActors().sort()).toEqual(['Army', 'Union'])
    refused = null
    const mapRetry = await queriesOf(() => fireEvent.click(screen.getByTestId('map-events-failed-retry')))
    expect(mapRetry.length).toBeGreaterThan(0)
    expect(mapRetry.every((part) => part === 'points'), mapRetry.join('\n')).toBe(true)
    await waitFor(() => expect(screen.queryByTestId('map-events-failed')).toBeNull())
    expect(useWatchfloor.getState().views.points?.visible).toBe(3)
    expect(useWatchfloor.getState().remoteStatus?.error).toBeNull()
    expect(useWatchfloor.getState().views.matched).toBe(3)

    // Another search whose actor facet is refused: its retry asks the facet alone.
    refused = 'actors'
    await queriesOf(() => act(() => useWatchfloor.getState().setText('talks')))
    expect(await screen.findByTestId('actors-failed')).toHaveTextContent(EXPLAINED)
    expect(useWatchfloor.getState().views.points?.visible).toBe(1)
    refused = null
    const actorsRetry = await queriesOf(() => fireEvent.click(screen.getByTestId('actors-failed-retry')))
    expect(actorsRetry.length).toBeGreaterThan(0)
    expect(actorsRetry.every((part) => part === 'actors'), actorsRetry.join('\n')).toBe(true)
    await waitFor(() => expect(screen.queryByTestId('actors-failed')).toBeNull())
    expect(visibleActors()).toEqual(['Union'])
    expect(useWatchfloor.getState().views.points?.visible).toBe(1)

    // A third search whose gauges' events are refused: their retry asks those alone.
    refused = 'contributions'
    await queriesOf(() => act(() => useWatchfloor.getState().setText('depot')))
    expect(await screen.findByTestId('gauges-contributions-failed')).toHaveTextContent(EXPLAINED)
    refused = null
    const gaugesRetry = await queriesOf(() => fireEvent.click(screen.getByTestId('gauges-contributions-retry')))
    expect(gaugesRetry.length).toBeGreaterThan(0)
    expect(gaugesRetry.every((part) => part === 'contributions'), gaugesRetry.join('\n')).toBe(true)
    await waitFor(() => expect(screen.queryByTestId('gauges-contributions-failed')).toBeNull())
    const overall = useWatchfloor.getState().views.gauges!.overall
    expect(overall.contributions.length).toBe(1)
    expect(useWatchfloor.getState().views.points?.visible).toBe(1)
    expect(visibleActors()).toEqual(['Army'])

    // A retry that fails again says so again, and one after it still asks that part alone.
    refused = 'points'
    await queriesOf(() => act(() => useWatchfloor.getState().setText('port')))
    expect(await screen.findByTestId('map-events-failed')).toBeInTheDocument()
    const again = await queriesOf(() => fireEvent.click(screen.getByTestId('map-events-failed-retry')))
    expect(again.every((part) => part === 'points')).toBe(true)
    expect(await screen.findByTestId('map-events-failed')).toHaveTextContent(EXPLAINED)
    refused = null
    const last = await queriesOf(() => fireEvent.click(screen.getByTestId('map-events-failed-retry')))
    expect(last.every((part) => part === 'points'), last.join('\n')).toBe(true)
    await waitFor(() => expect(useWatchfloor.getState().views.points?.visible).toBe(1))
    await engine.close()
  }, 120_000)
})
