import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useWatchfloor } from '../state/store.ts'
import { FreshnessContext, type Freshness } from '../ui/freshness-context.tsx'
import { PanelTimingsContext } from '../ui/panel-query.tsx'

/** How often "updated N min ago" is re-read: minutes are its finest unit. */
export const FRESHNESS_TICK_MS = 15_000

/**
 * The one clock behind every "updated 4 min ago": a single interval for the whole app, running
 * only while the data's age is known, shared with the panels and the header through context.
 */
export function FreshnessProvider({ children }: { readonly children: ReactNode }) {
  const updatedAtMs = useWatchfloor((s) => s.dataUpdatedAtMs)
  const staleAfterMs = useWatchfloor((s) => s.staleAfterMs)
  const live = useWatchfloor((s) => s.liveSource !== null)
  const newCount = useWatchfloor((s) => s.newIds.size)
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    // No tick needed at a change: an update is never older than the clock's last tick (max below).
    if (updatedAtMs === null) return
    const timer = setInterval(() => setNowMs(Date.now()), FRESHNESS_TICK_MS)
    return () => clearInterval(timer)
  }, [updatedAtMs])
  const value = useMemo<Freshness>(
    () => ({ updatedAtMs, nowMs: updatedAtMs === null ? nowMs : Math.max(nowMs, updatedAtMs), staleAfterMs, live, newCount }),
    [updatedAtMs, nowMs, staleAfterMs, live, newCount],
  )
  return <FreshnessContext value={value}>{children}</FreshnessContext>
}

/** Each panel's last query time and source, while a warehouse answers (read from its last answer). */
export function PanelTimingsProvider({ children }: { readonly children: ReactNode }) {
  const timings = useWatchfloor((s) => (s.remote === null ? null : (s.views.timings ?? null)))
  return <PanelTimingsContext value={timings}>{children}</PanelTimingsContext>
}
