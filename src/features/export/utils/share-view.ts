import { PANEL_NAMES, type PanelName } from '../../../domain/panels.ts'
import { buildViewFile, parseViewFile, viewDataWarning } from '../../../domain/export/view-file.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { parseUrlState, serialiseMapView, serialiseUrlState } from '../../../state/url-state.ts'


/** The panels chosen for a briefing, from the URL's `panels=` (all four when absent or empty). */
export function panelsFromSearch(search: string): PanelName[] {
  const listed = (new URLSearchParams(search).get('panels') ?? '').split(',')
  const chosen = PANEL_NAMES.filter((p) => listed.includes(p))
  return chosen.length > 0 ? chosen : [...PANEL_NAMES]
}

function withPanels(search: string, panels: readonly PanelName[]): string {
  const params = search.replace(/^\?/, '').split('&').filter((p) => p !== '' && !p.startsWith('panels='))
  if (panels.length < PANEL_NAMES.length) params.push(`panels=${panels.join(',')}`)
  return params.length > 0 ? `?${params.join('&')}` : ''
}

/**
 * The link to the current view: filters, as-of and map view in the query (data parameters kept),
 * and `panels=` when the briefing uses only some panels.
 */
export function currentViewLink(panels: readonly PanelName[] = PANEL_NAMES): string {
  const { filter, asOfSetting, mapView } = useWatchfloor.getState()
  const search = withPanels(serialiseMapView(serialiseUrlState(window.location.search, filter, asOfSetting), mapView), panels)
  return `${window.location.origin}${window.location.pathname}${search}`
}

/** The `.watchfloor.json` text for the current view. */
export async function currentViewFile(panels: readonly PanelName[] = PANEL_NAMES): Promise<string> {
  const { readDataIdentity, meta } = useWatchfloor.getState()
  const search = new URL(currentViewLink(panels)).search
  const identity = await readDataIdentity()
  return `${JSON.stringify(buildViewFile(search, identity, meta?.name ?? 'No data', new Date().toISOString()), null, 2)}\n`
}

/**
 * Applies a saved view to the store (filters, as-of, map view). Returns a warning when the
 * loaded data differs from the data the view was saved on, null when it is the same.
 * Rejects when the text is not a view file.
 */
export async function openViewFile(text: string): Promise<string | null> {
  const file = parseViewFile(text)
  if (!file) throw new Error('This is not a Watchfloor view file (.watchfloor.json)')
  const url = parseUrlState(file.search)
  const store = useWatchfloor.getState()
  store.setFilter(url.filter)
  store.setAsOf(url.asOf ?? { mode: 'latest' })
  store.setMapView(url.mapView ?? null)
  const { readDataIdentity, meta } = useWatchfloor.getState()
  return viewDataWarning(file, await readDataIdentity(), meta?.name ?? 'No data')
}
