import { createContext, useContext } from 'react'
import type { PanelName } from '../domain/panels.ts'

/** A panel's last query, as an engine's `Views.timings` gives it (engine/views-engine.ts). */
export interface PanelQuery {
  readonly ms: number
  readonly source: PartSource
  readonly cubeFetched: boolean
}

type PartSource = 'cube' | 'warehouse' | 'cube+warehouse'

/** Each panel's last query time and source, in warehouse mode; null when the tab answers alone. */
export const PanelTimingsContext = createContext<Readonly<Partial<Record<PanelName, PanelQuery>>> | null>(null)

const SOURCE_WORDS: Readonly<Record<PartSource, string>> = {
  cube: 'cube in the tab',
  warehouse: 'warehouse',
  'cube+warehouse': 'cube in the tab + warehouse',
}

/**
 * Beside a panel's title in warehouse mode: how long its last query took and where it came from
 * ("cube in the tab · 4 ms", "warehouse · 142 ms"), with "new cube" when the run fetched one.
 */
export function PanelQueryTime({ name }: { readonly name: PanelName }) {
  const timing = useContext(PanelTimingsContext)?.[name]
  if (timing === undefined) return null
  const words = `${SOURCE_WORDS[timing.source]}${timing.cubeFetched ? ', new cube' : ''} · ${timing.ms.toLocaleString('en-GB')} ms`
  return (
    <span className="panel-freshness panel-query" data-testid="panel-query" data-source={timing.source} data-ms={timing.ms} title={`Last query: ${words}`}>
      {words}
    </span>
  )
}
