import { startIngest } from '../../../lib/ingest/ingest-client.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { commitImport } from './commit-import.ts'

/**
 * Loads a `?data=` URL straight onto the screen (no preview) in the worker, and shows its
 * import report. Throws with a one-line reason when it cannot, leaving the data as it was.
 */
export async function loadDataUrl(dataUrl: string): Promise<void> {
  const store = useWatchfloor.getState()
  const absolute = new URL(dataUrl, window.location.href).href
  const job = startIngest(
    { kind: 'url', url: absolute },
    {
      onProgress: (phase, fraction) =>
        store.setLoadStatus({ kind: 'loading', message: `${phase === 'reading' ? 'Loading' : 'Reading'} ${dataUrl}… ${Math.round(fraction * 100)}%` }),
    },
  )
  const outcome = await job.done
  if (outcome.kind !== 'done') throw new Error(outcome.kind === 'failed' ? outcome.reason : `the import was ${outcome.kind}`)
  await commitImport(outcome.data, { mode: 'replace', inputs: [], showReport: true, persist: false })
}
