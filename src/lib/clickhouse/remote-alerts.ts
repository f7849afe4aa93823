import { alertEventOf, alertOf, MAX_ALERT_EVENTS, watchCrossings, type Alert } from '../../domain/alerts.ts'
import type { EventRef, ViewRequest } from '../../domain/engine/views-engine.ts'
import type { EpochMs, ThreatEvent } from '../../domain/model.ts'
import type { ThreatIndex } from '../../domain/threat-index.ts'

/**
 * The watchlist's alerts from indexes made elsewhere (the warehouse), with the same rules and
 * alert ids as the local engine's evaluateWatchlist; the events behind each come by ref.
 */
export async function evaluateAlertsFrom(
  request: ViewRequest,
  indexes: readonly ThreatIndex[],
  asOfMs: EpochMs,
  existing: readonly Pick<Alert, 'id'>[],
  eventsOf: (refs: readonly EventRef[]) => Promise<ThreatEvent[]>,
): Promise<Alert[]> {
  return Promise.all(
    watchCrossings(request.watchlist, indexes, asOfMs, existing).map(async (crossing) => {
      const top = crossing.index.contributions.slice(0, MAX_ALERT_EVENTS)
      const events = await eventsOf(top.map((c) => c.row))
      return alertOf(crossing, events.map((event, k) => alertEventOf(event, top[k]?.share ?? 0)), asOfMs, request.index, request.nowMs)
    }),
  )
}
