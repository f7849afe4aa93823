import { act } from '@testing-library/react'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'
import { LATEST_AS_OF } from '../../src/domain/engine/views-engine.ts'
import { useWatchfloor } from '../../src/state/store.ts'

/** Loads events (file format) into the one store, with filters cleared. */
export function loadEvents(events: object[], name = 'Test data'): void {
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name, events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  act(() => {
    const s = useWatchfloor.getState()
    s.setFilter(EMPTY_FILTER)
    s.setAsOf(LATEST_AS_OF)
    s.selectRow(null)
    // A map fitted to a selection in an earlier test writes its view here; start from the world.
    s.setMapView(null)
    s.loadDataset(outcome.result.dataset)
  })
}

export const SEED_EVENT = {
  id: '2025-11-04-xi-hosts-mishustin-beijing',
  title: 'Xi Jinping hosts Russian Prime Minister Mikhail Mishustin in Beijing',
  date: '2025-11-04',
  threatLevel: 'medium',
  category: 'diplomacy',
  actors: [
    { name: 'Xi Jinping', type: 'person', role: 'President of China', country: 'CN' },
    { name: 'Mikhail Mishustin', type: 'person', role: 'Prime Minister of Russia', country: 'RU' },
  ],
  countries: ['CN', 'RU'],
  regions: ['Asia', 'Eastern Europe'],
  quotes: [{ speaker: 'Xi Jinping', text: 'China-Russia relations have forged ahead this year despite the turbulent external environment' }],
  sources: [{ name: 'China News', date: '2025-11-04' }],
}
