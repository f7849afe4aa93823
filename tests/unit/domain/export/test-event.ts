import { parsePartialDate } from '../../../../src/domain/dates.ts'
import type { EventId, ThreatEvent } from '../../../../src/domain/model.ts'

/** An event of 4 Nov 2025 at level 3 with empty lists, and what `partial` sets. */
export function testEvent(partial: Omit<Partial<ThreatEvent>, 'id'> & { id: string; title: string }): ThreatEvent {
  return {
    tags: [],
    sectors: [],
    date: parsePartialDate('2025-11-04')!,
    threatLevel: 3,
    actors: [],
    countries: [],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
    ...partial,
    id: partial.id as EventId,
  }
}
