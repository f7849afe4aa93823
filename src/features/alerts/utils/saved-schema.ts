import * as z from '../../../domain/zod.ts'
import type { Alert, WatchItem } from '../../../domain/alerts.ts'
import type { AlertSettings } from '../../../state/alerts-slice.ts'

/**
 * The saved watchlist and alerts, as kept in the workspace database (settings store). Read back
 * through these schemas: saved state may be stale, from another version, or corrupt.
 * Loaded on demand (zod stays out of the first download).
 */

export const WATCHLIST_KEY = 'watchlist'
export const ALERTS_KEY = 'alerts'

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
const kind = z.enum(['region', 'country', 'actor'])

const watchItem = z.object({
  id: z.string().min(1),
  kind,
  value: z.string().min(1),
  label: z.string(),
  thresholdLevel: level,
  risePoints: z.number().finite().nullable(),
  muted: z.boolean(),
  surge: z.boolean().optional(),
})

const alertEvent = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string(),
  level,
  share: z.number().finite(),
})

const alert = z.object({
  id: z.string().min(1),
  itemId: z.string(),
  itemLabel: z.string(),
  kind,
  reasons: z.array(z.enum(['level', 'rise', 'surge'])),
  raisedAtMs: z.number().finite(),
  asOfMs: z.number().finite(),
  windowDays: z.number().positive(),
  oldLevel: level.nullable(),
  newLevel: level.nullable(),
  oldScore: z.number().finite(),
  newScore: z.number().finite(),
  delta: z.number().finite(),
  events: z.array(alertEvent),
  eventCount: z.number().int().nonnegative(),
  acknowledged: z.boolean(),
  surge: z
    .object({
      weekStart: z.string(),
      observed: z.number().finite(),
      expected: z.number().finite(),
      p: z.number().finite().optional(),
      rule: z.string().optional(),
    })
    .optional(),
})

export const savedWatchlistSchema = z.object({ version: z.literal(1), items: z.array(watchItem) })
export const savedAlertsSchema = z.object({
  version: z.literal(1),
  alerts: z.array(alert),
  settings: z.object({ notifications: z.boolean(), kiosk: z.boolean() }),
  clearedIds: z.array(z.string()).optional(),
})

export interface SavedWatchlist {
  readonly version: 1
  readonly items: readonly WatchItem[]
}

export interface SavedAlerts {
  readonly version: 1
  readonly alerts: readonly Alert[]
  readonly settings: AlertSettings
  /** Ids of alerts the user cleared, so that they are not raised again. */
  readonly clearedIds?: readonly string[]
}

/** The result of reading one saved value: absent, valid, or corrupt (with why). */
export type ReadBack<T> = { readonly kind: 'absent' } | { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'corrupt'; readonly reason: string }

function readBack<T>(schema: z.ZodType<T>, raw: unknown): ReadBack<T> {
  if (raw === undefined) return { kind: 'absent' }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { kind: 'ok', value: parsed.data }
  const first = parsed.error.issues[0]
  return { kind: 'corrupt', reason: first ? `${first.path.join('.') || 'value'}: ${first.message}` : 'unreadable' }
}

export function readSavedWatchlist(raw: unknown): ReadBack<SavedWatchlist> {
  return readBack(savedWatchlistSchema, raw)
}

export function readSavedAlerts(raw: unknown): ReadBack<SavedAlerts> {
  return readBack(savedAlertsSchema, raw)
}
