import { alertEvent, alertLevels, MAX_ALERT_EVENTS, type Alert, type WatchItem } from '../alerts.ts'
import type { EpochMs } from '../model.ts'
import type { EventTable } from '../table-types.ts'
import { indexOfTarget, type IndexSettings } from '../threat-index.ts'
import type { WarningResult } from './dashboard-warning.ts'
import { subjectEventRows } from '../engine/local/events-of.ts'
import { weekStartIso, weekStartMs } from './weeks.ts'

/**
 * The "surge" rule of the watchlist: an alert for each watched place (with `surge` on, not
 * muted) that early warning flags in the judged week, unless one with the same id is among
 * `existing`. The id names the item and the week, so the same surge is raised once however often
 * it is evaluated. The alert also carries the place's threat index at the as-of instant, and the
 * most severe events of the surge's weeks. Does not modify its inputs.
 */
export function surgeAlerts(
  table: EventTable,
  items: readonly WatchItem[],
  result: WarningResult,
  settings: IndexSettings,
  existing: readonly Pick<Alert, 'id'>[],
  nowMs: EpochMs,
): Alert[] {
  const known = new Set(existing.map((a) => a.id))
  const out: Alert[] = []
  for (const item of items) {
    if (item.muted || item.surge !== true) continue
    const surge = result.surges.find((s) => s.kind === item.kind && s.place === item.value)
    if (surge === undefined) continue
    const weekStart = weekStartIso(surge.week)
    const id = `${item.id}@w${weekStart}:surge:${result.settings.method}`
    if (known.has(id)) continue
    known.add(id)
    const index = indexOfTarget(table, item, result.asOfMs, settings)
    const behind = subjectEventRows(table, surge.kind, surge.place, weekStartMs(surge.sinceWeek), weekStartMs(surge.week + 1), MAX_ALERT_EVENTS)
    out.push({
      id,
      itemId: item.id,
      itemLabel: item.label,
      kind: item.kind,
      reasons: ['surge'],
      raisedAtMs: nowMs,
      asOfMs: result.asOfMs,
      ...alertLevels(index, settings),
      eventCount: behind.total,
      events: behind.rows.map((row) => alertEvent(table, row, 1 / Math.max(1, behind.rows.length))),
      acknowledged: false,
      surge: {
        weekStart,
        observed: surge.observed,
        expected: surge.expected,
        ...(surge.p === undefined ? {} : { p: surge.p }),
        ...(surge.rule === undefined ? {} : { rule: surge.rule }),
      },
    })
  }
  return out
}
