import { startIngest } from '../../../lib/ingest/ingest-client.ts'
import { loadDataset } from '../../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatUtcMinute } from '../../../ui/freshness.ts'
import { commitImport } from './commit-import.ts'
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

/**
 * Loads a `?data=` URL straight onto the screen (no preview) in the worker, shows its import
 * report, and saves it to the workspace so that a reload restores it. When the URL cannot be
 * read but an earlier load of it was saved, that copy is shown with a notice. Otherwise throws
 * with a one-line reason, leaving the data as it was.
 */
export async function loadDataUrl(dataUrl: string): Promise<void> {
  const store = useWatchfloor.getState()
  const absolute = new URL(dataUrl, window.location.href).href
  const job = startIngest(
    { kind: 'url', url: absolute },
    {
      maxBytes: store.maxImportBytes,
      onProgress: (phase, fraction) =>
        store.setLoadStatus({ kind: 'loading', message: `${phase === 'reading' ? 'Loading' : 'Reading'} ${dataUrl}… ${Math.round(fraction * 100)}%` }),
    },
  )
  const outcome = await job.done
  if (outcome.kind !== 'done') {
    const reason = outcome.kind === 'failed' ? outcome.reason : `the import was ${outcome.kind}`
    if (await openSavedCopy(absolute, reason)) return
    throw new Error(reason)
  }
  await commitImport(outcome.data, {
    mode: 'replace',
    inputs: [urlInput(absolute, outcome.data)],
    showReport: true,
    persist: true,
    savedId: savedIdForUrl(absolute),
  })
}
