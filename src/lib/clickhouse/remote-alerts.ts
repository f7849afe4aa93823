import { alertsOfCrossings, watchCrossings, type Alert, type EventsReader } from '../../domain/alerts.ts'
import type { ViewRequest } from '../../domain/engine/views-engine.ts'
import type { EpochMs } from '../../domain/model.ts'
import type { ThreatIndex } from '../../domain/threat-index.ts'

/**
 * The watchlist's alerts from indexes made elsewhere (the warehouse), with the same rules and
 * alert ids as the local engine's evaluateWatchlist; the events behind each come by ref.
 */
export function evaluateAlertsFrom(
  request: ViewRequest,
  indexes: readonly ThreatIndex[],
  asOfMs: EpochMs,
  existing: readonly Pick<Alert, 'id'>[],
  eventsOf: EventsReader,
): Promise<Alert[]> {
  return alertsOfCrossings(watchCrossings(request.watchlist, indexes, asOfMs, existing), asOfMs, request.index, request.nowMs, eventsOf)
}
