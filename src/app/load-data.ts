import { buildEventTable } from '../domain/build-table.ts'
import { withLaterEvents } from '../domain/table-later.ts'
import { datasetMeta } from '../state/data-slice.ts'
import { useWatchfloor } from '../state/store.ts'
import type { UrlState } from '../state/url-state.ts'
import { wholeSampleEvents } from './sample-events.ts'
import { inSlices, nextTask, SLICE_EVENTS } from './slices.ts'

/**
 * Where the bundled dataset is served from, relative to the app, in two parts (sample-parts.ts):
 * what the panels draw, fetched before the first paint, and the rest of each event, fetched when
 * an event's whole record is first needed (the list, the detail, exports, a save).
 */
export const SAMPLE_PANELS_URL = `${import.meta.env.BASE_URL}data/sample-panels.json`
export const SAMPLE_DETAILS_URL = `${import.meta.env.BASE_URL}data/sample-details.json`

/** How often a `?data=` source refreshes in kiosk mode (`?kiosk=1`). */
export const KIOSK_REFRESH_MS = 5 * 60_000

/** Whether the query asks for kiosk / TV mode (`kiosk=1` or `kiosk=true`). */
export function kioskRequested(search: string): boolean {
  const kiosk = new URLSearchParams(search).get('kiosk')
  return kiosk === '1' || kiosk === 'true'
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`)
  return response.text()
}

/** Loads what the URL asks for: generated data, a dataset URL, or the bundled sample. */
export async function loadInitialData(url: UrlState): Promise<void> {
  const store = useWatchfloor.getState()
  try {
    if (url.synthetic) {
      const { size, seed } = url.synthetic
      const count = size.toLocaleString('en-GB')
      store.setLoadStatus({ kind: 'loading', message: `Generating ${count} events…`, progress: 0 })
      // Generated in a worker (on this thread only where there is none), with progress.
      const { generateSynthetic } = await import('../lib/synthetic/synthetic-client.ts')
      const table = await generateSynthetic({
        size,
        seed,
        // The message changes once per phase (the banner is a live region); the bar carries the fraction.
        onProgress: (progress, phase) =>
          store.setLoadStatus({
            kind: 'loading',
            message: phase === 'generating' ? `Generating ${count} events…` : `Ordering ${count} events by date…`,
            progress,
          }),
      })
      store.loadTable(table, {
        name: `Synthetic: ${count} events (seed ${seed})`,
        source: 'Watchfloor synthetic generator',
        customRegions: [],
      })
      return
    }
    if (url.dataUrl) {
      // Parsed in the ingest worker; the import report shows without a preview step. A link is
      // a visit: shown, not saved, and `kiosk=1` offers refreshing rather than starting it.
      store.setLoadStatus({ kind: 'loading', message: `Loading ${url.dataUrl}…` })
      const { loadDataUrl } = await import('../services/ingest/load-url.ts')
      if ((await loadDataUrl(url.dataUrl, kioskRequested(window.location.search))) === 'shown') return
      store.addNotice(`Stopped loading ${url.dataUrl}; your own data is shown instead.`)
    }
    // The workspace saved in this browser, if any, comes back instead of the sample.
    const { restoreWorkspace } = await import('../services/ingest/restore.ts')
    if ((await restoreWorkspace()).restored) return
    store.setLoadStatus({ kind: 'loading', message: 'Loading the sample dataset…' })
    const text = await fetchText(SAMPLE_PANELS_URL)
    // The reader loads on demand to keep the first download small; it checks the sample's shape
    // by hand, so zod (which files a user opens are checked with) stays off the start-up path.
    const { openSamplePanels } = await import('../domain/ingest/sample-json.ts')
    const panels = openSamplePanels(text, 'sample.json')
    if (!panels.ok) throw new Error(panels.reason)
    const { reader } = panels
    // Read a few milliseconds at a time, each slice a task of its own, and put on screen in
    // another: the page's start-up has no long task while the sample is read.
    await inSlices(() => reader.readNext(SLICE_EVENTS) > 0)
    const outcome = reader.finish()
    if (!outcome.ok) throw new Error(outcome.reason)
    // The columns are built in a task of their own, and the table shown (views, first render) in the next.
    const { dataset } = outcome.result
    const whole = wholeSampleEvents(panels, dataset.events.map((e) => e.id), () => fetchText(SAMPLE_DETAILS_URL))
    const table = withLaterEvents(buildEventTable(dataset), whole)
    await nextTask()
    store.loadTable(table, datasetMeta(dataset))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    store.setLoadStatus({ kind: 'error', message: `Could not load the data: ${message}` })
  }
}
