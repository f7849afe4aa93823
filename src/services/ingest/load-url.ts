import { startIngest } from '../../lib/ingest/ingest-client.ts'
import { loadDataset } from '../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../state/store.ts'
import { formatUtcMinute } from '../../domain/date-labels.ts'
import { commitImport } from './commit-import.ts'
import { LINK_REFRESH_MS, setVisit } from './link-visit.ts'
import { refreshSavedList } from './persist.ts'
import { savedIdForUrl, urlInput } from './url-source.ts'

/**
 * Opens the copy of `absoluteUrl` saved by an earlier load, when the source cannot be read now
 * (offline, moved). True when it is on screen.
 */
async function openSavedCopy(absoluteUrl: string, reason: string): Promise<boolean> {
  let record: unknown
  try {
    record = await loadDataset(savedIdForUrl(absoluteUrl))
  } catch {
    return false
  }
  if (record === undefined) return false
  const { openSaved } = await import('./restore.ts')
  if (!(await openSaved(record as Parameters<typeof openSaved>[0]))) return false
  const savedAtMs = (record as { savedAtMs?: unknown }).savedAtMs
  const when = typeof savedAtMs === 'number' ? ` saved ${formatUtcMinute(savedAtMs)}` : ' saved earlier'
  useWatchfloor.getState().addNotice(`Could not load ${absoluteUrl} (${reason}); showing the copy${when}.`)
  return true
}

/** Whether the user kept this URL's data before (a saved copy under its id). */
async function keptBefore(absoluteUrl: string): Promise<boolean> {
  try {
    return (await loadDataset(savedIdForUrl(absoluteUrl))) !== undefined
  } catch {
    return false
  }
}

/**
 * Loads a `?data=` URL straight onto the screen (no preview) in the worker and shows its import
 * report. The link is a visit (link-visit.ts): shown, not saved, unless the user kept this
 * source before, when it is saved again as any import is. An answer that is a web page (a
 * sign-in page) is refused. The banner offers a Cancel while it loads. When the URL cannot be
 * read but a kept copy exists, that copy is shown with a notice. Resolves 'cancelled' when the
 * user cancelled; otherwise throws with a one-line reason, leaving the data as it was.
 * `refresh`: the link asks for refreshing (`kiosk=1`): started for a kept source, else offered.
 */
export async function loadDataUrl(dataUrl: string, refresh = false): Promise<'shown' | 'cancelled'> {
  const store = useWatchfloor.getState()
  const absolute = new URL(dataUrl, window.location.href).href
  const kept = await keptBefore(absolute)
  let cancel = (): void => {}
  const onCancel = (): void => cancel()
  const job = startIngest(
    { kind: 'url', url: absolute },
    {
      maxBytes: store.maxImportBytes,
      refuseHtml: true,
      onProgress: (phase, fraction) =>
        store.setLoadStatus({ kind: 'loading', message: `${phase === 'reading' ? 'Loading' : 'Reading'} ${dataUrl}… ${Math.round(fraction * 100)}%`, onCancel }),
    },
  )
  cancel = job.cancel
  store.setLoadStatus({ kind: 'loading', message: `Loading ${dataUrl}…`, onCancel })
  const outcome = await job.done
  if (outcome.kind === 'cancelled') return 'cancelled'
  if (outcome.kind !== 'done') {
    const reason = outcome.kind === 'failed' ? outcome.reason : `the import was ${outcome.kind}`
    if (kept && (await openSavedCopy(absolute, reason))) return 'shown'
    throw new Error(reason)
  }
  const input = urlInput(absolute, outcome.data)
  await commitImport(outcome.data, { mode: 'replace', inputs: [input], showReport: true, persist: kept, savedId: savedIdForUrl(absolute) })
  if (kept) {
    if (refresh) useWatchfloor.getState().setLiveSource({ url: absolute, intervalMs: LINK_REFRESH_MS })
    return 'shown'
  }
  void refreshSavedList()
  const after = useWatchfloor.getState()
  setVisit({ url: absolute, input, name: outcome.data.meta.name, eventCount: after.views.size, dataToken: after.dataToken, offerRefresh: refresh })
  return 'shown'
}
