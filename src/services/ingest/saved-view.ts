/**
 * The view saved with the workspace (filters and as-of, as a query string) against the page's
 * URL: the URL wins. A link that sets its own view, and a kiosk screen, open as the URL says; a
 * bare address opens with the defaults and offers the last session instead of applying it.
 */
import { describeFilters } from '../../domain/export/captions.ts'
import { lookupRegion } from '../../domain/regions.ts'
import { LATEST_AS_OF } from '../../domain/engine/views-engine.ts'
import { useWatchfloor } from '../../state/store.ts'
import { parseUrlState } from '../../state/url-state.ts'

/** The query parameters that set what is shown: filters, as-of and the map's view. */
const VIEW_PARAMS = ['from', 'to', 'regions', 'countries', 'actors', 'categories', 'levels', 'q', 'asOf', 'map']

/** Whether the query asks for kiosk / TV mode (`kiosk=1` or `kiosk=true`). */
function kiosk(params: URLSearchParams): boolean {
  const value = params.get('kiosk')
  return value === '1' || value === 'true'
}

/**
 * Whether the page's query decides the view by itself, so that a saved session is neither
 * applied nor offered: it sets a filter, the as-of or the map view, or asks for kiosk mode.
 */
export function urlOwnsView(search: string): boolean {
  const params = new URLSearchParams(search)
  return kiosk(params) || VIEW_PARAMS.some((key) => params.has(key))
}

/**
 * Offers the saved view (a query string) when the page's URL leaves the view open and the saved
 * one differs from the defaults; it is never applied here. `search` is the page's query.
 */
export function offerSavedView(view: string | null, search: string): void {
  if (view === null || view.replace(/^\?/, '') === '' || urlOwnsView(search)) return
  useWatchfloor.getState().setSavedViewOffer(view)
}

/** A saved view in words ("Filters: Dates: 1 Apr 2022 – 31 Jan 2025 · as of 2025-01-31"). */
export function describeSavedView(view: string): string {
  const saved = parseUrlState(view)
  const asOf = saved.asOf?.mode === 'today' ? ' · as of today' : saved.asOf?.mode === 'fixed' ? ` · as of ${new Date(saved.asOf.ms).toISOString().slice(0, 10)}` : ''
  return `${describeFilters(saved.filter, (id) => lookupRegion(id)?.name ?? id).replace(/^Filters: /, '')}${asOf}`
}

/** Puts the offered session's filters and as-of on screen (the URL follows), and ends the offer. */
export function restoreSavedView(): void {
  const store = useWatchfloor.getState()
  const view = store.savedViewOffer
  if (view === null) return
  const saved = parseUrlState(view)
  store.setFilter(saved.filter)
  store.setAsOf(saved.asOf ?? LATEST_AS_OF)
  store.setSavedViewOffer(null)
}
