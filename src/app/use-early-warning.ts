import { useEffect, useMemo } from 'react'
import type { BandRequest } from '../domain/warning/dashboard-warning.ts'
import { useWatchfloor } from '../state/store.ts'

/** Wait after the table or the as-of date changes, so a new table's panels paint first. */
const START_DELAY_MS = 250

/**
 * Keeps early warning current: when the table, the as-of instant, the early-warning settings or
 * the watched places change, computes every place's surges and the expected bands in the worker
 * (with progress), dropping a computation whose inputs have moved on. In warehouse mode the
 * warehouse counts the weeks (ViewsEngine.warningCounts) once it has answered the panels, and
 * the worker judges them.
 */
export function useEarlyWarning(): void {
  const table = useWatchfloor((s) => s.table)
  const remote = useWatchfloor((s) => s.remote)
  // The warehouse's as-of is known from its first answer on.
  const remoteAnswered = useWatchfloor((s) => s.remoteStatus !== null && s.remoteStatus.lastMs !== null)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const settings = useWatchfloor((s) => s.warningSettings)
  const watchlist = useWatchfloor((s) => s.watchlist)
  const setWarning = useWatchfloor((s) => s.setWarning)
  const watchKey = watchlist.map((w) => `${w.kind}:${w.value}`).join('\n')
  const bandPlaces = useMemo(
    (): BandRequest[] =>
      watchKey === ''
        ? []
        : watchKey.split('\n').map((key) => {
            const at = key.indexOf(':')
            return { kind: key.slice(0, at) as BandRequest['kind'], place: key.slice(at + 1) }
          }),
    [watchKey],
  )

  useEffect(() => {
    if (remote !== null ? !remoteAnswered : table.size === 0) {
      setWarning({ status: 'idle' })
      return
    }
    setWarning({ status: 'computing', fraction: 0 })
    let cancel = (): void => {}
    let live = true
    const counting = new AbortController()
    const failed = (error: unknown): void => {
      if (live) setWarning({ status: 'failed', reason: error instanceof Error ? error.message : String(error) })
    }
    // The worker's client loads with the first computation, after the panels have painted.
    const timer = setTimeout(() => {
      const data = remote === null ? Promise.resolve(table) : remote.warningCounts(asOfMs, counting.signal)
      Promise.all([import('../lib/warning/warning-client.ts'), data]).then(([{ startWarning }, counts]) => {
        if (!live) return
        const job = startWarning(counts, asOfMs, settings, bandPlaces, (fraction) => {
          if (live) setWarning({ status: 'computing', fraction })
        })
        cancel = job.cancel
        job.result.then((result) => live && setWarning({ status: 'ready', dataToken, result }), failed)
      }, failed)
    }, START_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
      counting.abort()
      cancel()
    }
  }, [table, remote, remoteAnswered, dataToken, asOfMs, settings, bandPlaces, setWarning])
}
