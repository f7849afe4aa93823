import { parsePartialDate } from '../../src/domain/dates.ts'
import type { Actor, CountryCode, ThreatEvent, ThreatLevel } from '../../src/domain/model.ts'
import { testEvent } from '../unit/domain/export/test-event.ts'

function event(id: string, title: string, day: string, level: ThreatLevel, actors: readonly string[]): ThreatEvent {
  return testEvent({ id, title, date: parsePartialDate(day)!, threatLevel: level, countries: ['FR' as CountryCode], actors: actors.map((name): Actor => ({ name, type: 'state' })) })
}

/**
 * Four events in France for the tests of a warehouse's search: "strike" matches a, b ("Airstrike")
 * and d, at levels 2, 5 and 3 (the actor facet Army 2, Union 1; three events on the map); "port"
 * matches a alone.
 */
export const STRIKE_EVENTS: readonly ThreatEvent[] = [
  event('a', 'Strike at the port', '2024-05-10', 2, ['Union']),
  event('b', 'Airstrike on a depot', '2024-05-18', 5, ['Army']),
  event('c', 'Talks resume', '2024-05-19', 1, ['Union']),
  event('d', 'Second strike', '2024-05-20', 3, ['Army']),
]
