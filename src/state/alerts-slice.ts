import type { StateCreator } from 'zustand'
import { mergeAlerts, type Alert } from '../domain/alerts.ts'
import type { EpochMs } from '../domain/model.ts'
import { requestOf } from './run-views.ts'
import type { WatchfloorState } from './store-types.ts'

export interface AlertSettings {
  /** Browser notifications for new alerts (asked for only when the user turns this on). */
  readonly notifications: boolean
  /** Kiosk mode: nothing ever pops over the dashboard (no notifications). */
  readonly kiosk: boolean
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { notifications: false, kiosk: false }

/** The tabs of the threat-levels panel. */
export type GaugesTab = 'gauges' | 'surges' | 'watchlist' | 'alerts' | 'compare'

export interface AlertsSlice {
  /** Newest first. */
  readonly alerts: readonly Alert[]
  /** Ids of alerts the user cleared: they are not raised again. */
  readonly clearedAlertIds: readonly string[]
  readonly alertSettings: AlertSettings
  readonly gaugesTab: GaugesTab
  /** A notice about the saved workspace (e.g. it was corrupt and set aside); null when none. */
  readonly workspaceNotice: string | null
  /**
   * Evaluates the watchlist on the whole data (filters do not apply) at the as-of setting —
   * resolved without the time filter, so brushing the timeline does not raise old alerts — with
   * the index settings, in whichever engine answers (the tab's or a warehouse); adds the alerts
   * not raised before and resolves to them (empty when none). The surge rule's alerts come with
   * them once early warning has answered for the data on screen. Resolves to none when other
   * data came on screen meanwhile: an answer for earlier data is never added.
   */
  evaluateAlerts(nowMs: EpochMs): Promise<readonly Alert[]>
  acknowledgeAlert(id: string): void
  acknowledgeAll(): void
  /** Empties the list; the cleared alerts are remembered so the same crossings are not raised again. */
  clearAlerts(): void
  /** Replaces the list (restoring the saved workspace), and the cleared ids when given. */
  setAlerts(alerts: readonly Alert[], clearedIds?: readonly string[]): void
  setAlertSettings(patch: Partial<AlertSettings>): void
  setGaugesTab(tab: GaugesTab): void
  setWorkspaceNotice(notice: string | null): void
}

const NONE: readonly Alert[] = []
const NO_IDS: readonly string[] = []
/** How many cleared alert ids are remembered (the oldest are forgotten first). */
const MAX_CLEARED_IDS = 2000

export const createAlertsSlice: StateCreator<WatchfloorState, [], [], AlertsSlice> = (set, get) => ({
  alerts: NONE,
  clearedAlertIds: NO_IDS,
  alertSettings: DEFAULT_ALERT_SETTINGS,
  gaugesTab: 'gauges',
  workspaceNotice: null,
  evaluateAlerts: async (nowMs) => {
    const s = get()
    const engine = s.remote ?? s.engine
    if (s.watchlist.length === 0) return NONE
    const known = (now: typeof s): { id: string }[] => [...now.alerts, ...now.clearedAlertIds.map((id) => ({ id }))]
    const warning = s.warning.status === 'ready' && s.warning.dataToken === s.dataToken ? s.warning.result : null
    const answered = await engine.watchAlerts(requestOf(s, nowMs), known(s), warning)
    const after = get()
    if (after.dataToken !== s.dataToken || (after.remote ?? after.engine) !== engine) return NONE
    // Alerts raised or cleared while the engine answered are not raised twice.
    const seen = new Set(known(after).map((a) => a.id))
    const raised = answered.filter((a) => !seen.has(a.id))
    if (raised.length > 0) set({ alerts: mergeAlerts(after.alerts, raised) })
    return raised
  },
  acknowledgeAlert: (id) =>
    set((s) => ({ alerts: s.alerts.map((a) => (a.id === id && !a.acknowledged ? { ...a, acknowledged: true } : a)) })),
  acknowledgeAll: () =>
    set((s) => ({ alerts: s.alerts.map((a) => (a.acknowledged ? a : { ...a, acknowledged: true })) })),
  clearAlerts: () =>
    set((s) => ({
      alerts: NONE,
      clearedAlertIds: [...s.clearedAlertIds, ...s.alerts.map((a) => a.id)].slice(-MAX_CLEARED_IDS),
    })),
  setAlerts: (alerts, clearedIds) =>
    set((s) => ({ alerts: [...alerts], clearedAlertIds: clearedIds ? [...clearedIds] : s.clearedAlertIds })),
  setAlertSettings: (patch) => set((s) => ({ alertSettings: { ...s.alertSettings, ...patch } })),
  setGaugesTab: (gaugesTab) => set({ gaugesTab }),
  setWorkspaceNotice: (workspaceNotice) => set({ workspaceNotice }),
})

/** How many alerts are not acknowledged yet. */
export const selectUnacknowledgedCount = (s: WatchfloorState): number => {
  let n = 0
  for (const a of s.alerts) if (!a.acknowledged) n++
  return n
}
