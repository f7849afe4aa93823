import { useEffect, useMemo, useRef, useState } from 'react'
import type { BandRequest } from '../domain/warning/dashboard-warning.ts'
import { useWatchfloor } from '../state/store.ts'
import type { EarlyBands } from '../state/warning-slice.ts'

/** Wait after the data changes, so a new table's panels paint first. */
const START_DELAY_MS = 250

/**
 * Wait after the as-of date (a time brush, a preset), the settings or the bands asked for change
 * on the same data: the worker holds its counts and answers the bands within a few dozen ms, so
 * the timeline's band comes back with the other panels, after the change's own first tasks.
 */
const AS_OF_DELAY_MS = 0

/**
 * Keeps early warning current: when the table, the as-of instant, the early-warning settings or
 * the watched places change, computes every place's surges and the expected bands in the worker
 * (with progress), dropping a computation whose inputs have moved on. In warehouse mode the
 * warehouse counts the weeks (ViewsEngine.warningCounts) once it has answered the panels wholly,
 * and the worker judges them.
 */
export function useEarlyWarning(): void {
  const table = useWatchfloor((s) => s.table)
  const remote = useWatchfloor((s) => s.remote)
  // The warehouse's as-of is known from its first answer on. Its weeks are counted once the
  // panels' whole answer has come (its later parts too: the cube, the map's events, the events
  // behind the gauges), so that on a busy warehouse these long counts do not queue ahead of them;
  // from then on, for as long as this warehouse is connected, whatever the filters.
  const remoteSettled = useWatchfloor((s) => s.remoteStatus !== null && s.remoteStatus.lastMs !== null && !s.remoteStatus.running && s.views.later === undefined)
  const [settledRemote, setSettledRemote] = useState<object | null>(null)
  // Kept from the render that saw it settle (state adjusted while rendering, as React advises).
  if (remote !== null && remoteSettled && settledRemote !== remote) setSettledRemote(remote)
  const remoteAnswered = remote !== null && settledRemote === remote
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

  // The data the last computation was started for: the same data with another as-of waits less.
  const startedFor = useRef<object | null>(null)

  useEffect(() => {
    if (remote !== null ? !remoteAnswered : table.size === 0) {
      setWarning({ status: 'idle' })
      startedFor.current = null
      return
    }
    // A warehouse counts its weeks again for each as-of (a query of its own): it waits the longer time.
    const delay = remote === null && startedFor.current === dataToken ? AS_OF_DELAY_MS : START_DELAY_MS
    startedFor.current = dataToken
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
        let early: EarlyBands | undefined
        let done = 0
        const computing = (): void => setWarning(early === undefined ? { status: 'computing', fraction: done } : { status: 'computing', fraction: done, early })
        const job = startWarning(
          counts,
          asOfMs,
          settings,
          bandPlaces,
          (fraction) => {
            done = fraction
            if (live) computing()
          },
          (bands) => {
            early = { dataToken, asOfMs, bands }
            if (live) computing()
          },
        )
        cancel = job.cancel
        job.result.then((result) => live && setWarning({ status: 'ready', dataToken, result }), failed)
      }, failed)
    }, delay)
    return () => {
      live = false
      clearTimeout(timer)
      counting.abort()
      cancel()
    }
  }, [table, remote, remoteAnswered, dataToken, asOfMs, settings, bandPlaces, setWarning])
}
