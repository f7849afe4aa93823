import { alertEventOf, alertLevels, alertReasons, MAX_ALERT_EVENTS, type Alert } from '../../domain/alerts.ts'
import { DAY_MS } from '../../domain/dates.ts'
import type { EventRef, ViewRequest } from '../../domain/engine/views-engine.ts'
import type { EpochMs, ThreatEvent } from '../../domain/model.ts'
import type { ThreatIndex } from '../../domain/threat-index.ts'

/**
 * The watchlist's alerts from indexes made elsewhere (the warehouse), with the same rules and
 * alert ids as the local engine's evaluateWatchlist: an alert per item whose level or rise
 * crosses its threshold, once per as-of day and crossing.
 */
export async function evaluateAlertsFrom(
  request: ViewRequest,
  indexes: readonly ThreatIndex[],
  asOfMs: EpochMs,
  existing: readonly Pick<Alert, 'id'>[],
  eventsOf: (refs: readonly EventRef[]) => Promise<ThreatEvent[]>,
): Promise<Alert[]> {
  const known = new Set(existing.map((a) => a.id))
  const out: Alert[] = []
  for (const [i, item] of request.watchlist.entries()) {
    const index = indexes[i]!
    const reasons = alertReasons(item, index.level, index.delta)
    if (reasons.length === 0) continue
    const id = `${item.id}@d${Math.ceil(asOfMs / DAY_MS)}:${reasons.join('+')}:L${index.level ?? 0}:n${index.eventCount}`
    if (known.has(id)) continue
    known.add(id)
    const top = index.contributions.slice(0, MAX_ALERT_EVENTS)
    const events = await eventsOf(top.map((c) => c.row))
    out.push({
      id,
      itemId: item.id,
      itemLabel: item.label,
      kind: item.kind,
      reasons,
      raisedAtMs: request.nowMs,
      asOfMs,
      ...alertLevels(index, request.index),
      eventCount: index.eventCount,
      events: events.map((event, k) => alertEventOf(event, top[k]?.share ?? 0)),
      acknowledged: false,
    })
  }
  return out
}
