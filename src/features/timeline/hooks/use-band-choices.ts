import { useMemo } from 'react'
import type { IndexSubject } from '../../../domain/engine/views-engine.ts'
import { bandKey } from '../../../domain/warning/band-key.ts'
import type { PlaceBand } from '../../../domain/warning/dashboard-warning.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { BandOption } from '../components/band-picker.tsx'

const NONE: readonly PlaceBand[] = []

export interface BandChoices {
  /** Early warning has answered wholly for the data on screen (surge marks can be drawn). */
  readonly ready: boolean
  /**
   * The bands early warning made for the data on screen and its as-of: once it has answered, or,
   * while it still looks for the surges, the bands it made first (none before that).
   */
  readonly available: readonly PlaceBand[]
  /** What the picker offers: all events, each gauge's region, each watched place. */
  readonly options: readonly BandOption[]
  /** The keys chosen, and of those the bands made, with their keys and names (same order). */
  readonly chosen: readonly string[]
  readonly shown: readonly PlaceBand[]
  readonly keys: readonly string[]
  readonly labels: readonly string[]
  setChosen(keys: readonly string[]): void
}

/** The expected bands the timeline may draw and those chosen (kept in the store and the link). */
export function useBandChoices(nameOf: (s: IndexSubject) => string): BandChoices {
  const warning = useWatchfloor((s) => s.warning)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const chosen = useWatchfloor((s) => s.timelineBands)
  const setChosen = useWatchfloor((s) => s.setTimelineBands)
  const gauges = useWatchfloor((s) => s.views.gauges)
  const watchlist = useWatchfloor((s) => s.watchlist)
  const asOfMs = useWatchfloor((s) => s.asOfMs)
  const ready = warning.status === 'ready' && warning.dataToken === dataToken
  const early = warning.status === 'computing' ? warning.early : undefined
  const available = ready ? warning.result.bands : early !== undefined && early.dataToken === dataToken && early.asOfMs === asOfMs ? early.bands : NONE
  const shownParts = useMemo(() => {
    const byKey = new Map(available.map((b) => [bandKey(b), b]))
    const shown: PlaceBand[] = []
    for (const key of chosen) {
      const band = byKey.get(key)
      if (band) shown.push(band)
    }
    const labelOf = (b: PlaceBand): string => (b.kind === 'all' ? 'All events' : nameOf({ kind: b.kind, id: b.place }))
    return { shown, keys: shown.map(bandKey), labels: shown.map(labelOf) }
  }, [available, chosen, nameOf])
  const options = useMemo((): BandOption[] => {
    const out: BandOption[] = [{ key: 'all', label: 'All events', group: 'All' }]
    for (const g of gauges?.regions ?? []) out.push({ key: `region:${g.regionId}`, label: nameOf({ kind: 'region', id: g.regionId }), group: 'Gauges' })
    for (const w of watchlist) out.push({ key: `${w.kind}:${w.value}`, label: w.label, group: 'Watched' })
    // A chosen band no longer offered (a gauge gone with a filter) stays listed, so it can be cleared.
    for (const key of chosen) {
      if (out.some((o) => o.key === key) || key === 'all') continue
      const at = key.indexOf(':')
      out.push({ key, label: nameOf({ kind: key.slice(0, at) as IndexSubject['kind'], id: key.slice(at + 1) }), group: key.startsWith('region:') ? 'Gauges' : 'Watched' })
    }
    return out.filter((o, i) => out.findIndex((p) => p.key === o.key) === i)
  }, [gauges, watchlist, chosen, nameOf])
  return { ready, available, options, chosen, ...shownParts, setChosen }
}
