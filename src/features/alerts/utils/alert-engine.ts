import type { Alert } from '../../../domain/alerts.ts'
import { LEVEL_LABELS } from '../../../domain/model.ts'
import { loadSetting, saveSetting } from '../../../lib/storage/workspace-db.ts'
import type { WatchfloorState } from '../../../state/store-types.ts'

/** The store as the engine needs it (the app's `useWatchfloor`, or a test store). */
export interface EngineStore {
  getState(): WatchfloorState
  subscribe(listener: (state: WatchfloorState, previous: WatchfloorState) => void): () => void
}

export interface AlertEngineDeps {
  readonly now: () => number
  readonly load: (key: string) => Promise<unknown>
  readonly save: (key: string, value: unknown) => Promise<void>
  /** Shows new alerts outside the page; called only when notifications are on and kiosk mode is off. */
  readonly notify: (alerts: readonly Alert[]) => void
}

/** How long saving waits for more changes, ms. */
const SAVE_DELAY_MS = 250

function levelText(level: Alert['newLevel']): string {
  return level === null ? 'no recent activity' : `${level} ${LEVEL_LABELS[level]}`
}

/** A one-line, plain-text summary of an alert (notifications, screen readers). */
export function alertSummary(alert: Alert): string {
  if (alert.surge) {
    return `${alert.itemLabel}: surge in the week of ${alert.surge.weekStart}, ${Math.round(alert.surge.observed)} events against ${alert.surge.expected.toFixed(1)} expected`
  }
  return `${alert.itemLabel}: ${levelText(alert.oldLevel)} → ${levelText(alert.newLevel)}, score ${alert.newScore} (${alert.delta >= 0 ? '+' : ''}${alert.delta})`
}

/** Browser notifications, when the page may show them. Text only: the body is never HTML. */
export function browserNotify(alerts: readonly Alert[]): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  for (const alert of alerts.slice(0, 3)) {
    new Notification(`Watchfloor alert: ${alert.itemLabel}`, { body: alertSummary(alert), tag: alert.id })
  }
}

export const DEFAULT_ENGINE_DEPS: AlertEngineDeps = {
  now: () => Date.now(),
  load: loadSetting,
  save: saveSetting,
  notify: browserNotify,
}

/**
 * Runs the watchlist in the browser: restores the saved watchlist and alerts, evaluates the
 * watchlist whenever the data, the as-of setting, the index settings or the watchlist change,
 * notifies (if allowed and not in kiosk mode) and saves the watchlist and alerts. Returns stop.
 * `options.kiosk` turns kiosk mode on whatever was saved (the `?kiosk=1` URL parameter).
 */
export function startAlertEngine(
  store: EngineStore,
  deps: AlertEngineDeps = DEFAULT_ENGINE_DEPS,
  options: { readonly kiosk?: boolean } = {},
): () => void {
  let stopped = false
  let restored = false
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  const dirty = new Set<'watchlist' | 'alerts'>()

  const notify = (raised: readonly Alert[]): void => {
    const { notifications, kiosk } = store.getState().alertSettings
    if (raised.length > 0 && notifications && !kiosk && !stopped) deps.notify(raised)
  }
  const evaluate = (): void => {
    if (stopped || !restored) return
    const s = store.getState()
    // The engine answers asynchronously (a warehouse scores the watchlist itself, the tab reads the
    // events behind each alert); a failed answer raises nothing (the header shows a warehouse's error).
    void s.evaluateAlerts(deps.now()).then(notify, () => undefined)
  }

  const flush = async (): Promise<void> => {
    saveTimer = undefined
    const s = store.getState()
    const jobs: Promise<void>[] = []
    if (dirty.has('watchlist')) jobs.push(deps.save('watchlist', { version: 1, items: s.watchlist }))
    if (dirty.has('alerts')) {
      jobs.push(deps.save('alerts', { version: 1, alerts: s.alerts, settings: s.alertSettings, clearedIds: s.clearedAlertIds }))
    }
    dirty.clear()
    try {
      await Promise.all(jobs)
    } catch {
      s.setWorkspaceNotice('The watchlist and alerts could not be saved in this browser; they last until the page closes.')
    }
  }
  const scheduleSave = (what: 'watchlist' | 'alerts'): void => {
    if (!restored || stopped) return
    dirty.add(what)
    saveTimer ??= setTimeout(() => void flush(), SAVE_DELAY_MS)
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.watchlist !== previous.watchlist) scheduleSave('watchlist')
    if (
      state.alerts !== previous.alerts ||
      state.alertSettings !== previous.alertSettings ||
      state.clearedAlertIds !== previous.clearedAlertIds
    ) {
      scheduleSave('alerts')
    }
    if (
      state.dataToken !== previous.dataToken ||
      state.asOfSetting !== previous.asOfSetting ||
      state.indexSettings !== previous.indexSettings ||
      state.watchlist !== previous.watchlist ||
      (state.warning !== previous.warning && state.warning.status === 'ready')
    ) {
      evaluate()
    }
  })

  void restore(store, deps, () => stopped).finally(() => {
    if (stopped) return
    // `?kiosk=1` wins over the saved setting, so a wall display never prompts.
    if (options.kiosk) store.getState().setAlertSettings({ kiosk: true })
    restored = true
    evaluate()
  })

  return () => {
    stopped = true
    unsubscribe()
    if (saveTimer !== undefined) {
      clearTimeout(saveTimer)
      void flush()
    }
  }
}

/** Reads the saved watchlist and alerts into the store; corrupt values are set aside with a notice. */
async function restore(store: EngineStore, deps: AlertEngineDeps, isStopped: () => boolean): Promise<void> {
  const notices: string[] = []
  try {
    const [rawWatchlist, rawAlerts] = await Promise.all([deps.load('watchlist'), deps.load('alerts')])
    // Nothing saved (a first visit): the schemas (zod, costly to set up) are not needed.
    if (isStopped() || (rawWatchlist === undefined && rawAlerts === undefined)) return
    const { readSavedWatchlist, readSavedAlerts, WATCHLIST_KEY, ALERTS_KEY } = await import('./saved-schema.ts')
    if (isStopped()) return
    const watchlist = readSavedWatchlist(rawWatchlist)
    const alerts = readSavedAlerts(rawAlerts)
    const s = store.getState()
    // Items or alerts made before the saved ones were read are kept beside them.
    if (watchlist.kind === 'ok') {
      const saved = watchlist.value.items
      s.setWatchlist([...saved, ...s.watchlist.filter((w) => !saved.some((v) => v.id === w.id))])
    }
    if (alerts.kind === 'ok') {
      const saved = alerts.value.alerts
      s.setAlerts([...s.alerts.filter((a) => !saved.some((v) => v.id === a.id)), ...saved], alerts.value.clearedIds)
      s.setAlertSettings(alerts.value.settings)
    }
    for (const [key, read, raw, what] of [
      [WATCHLIST_KEY, watchlist, rawWatchlist, 'watchlist'],
      [ALERTS_KEY, alerts, rawAlerts, 'alerts'],
    ] as const) {
      if (read.kind !== 'corrupt') continue
      notices.push(`The saved ${what} could not be read (${read.reason}); it was set aside and ${what === 'watchlist' ? 'the watchlist' : 'the alert list'} starts empty.`)
      await deps.save(`${key}.corrupt`, raw).catch(() => undefined)
    }
  } catch {
    notices.push('Saved watchlist and alerts are not available in this browser; changes last until the page closes.')
  }
  if (notices.length > 0 && !isStopped()) store.getState().setWorkspaceNotice(notices.join(' '))
}
