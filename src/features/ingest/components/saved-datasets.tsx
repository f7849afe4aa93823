import { loadDataset } from '../../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount, formatDay } from '../../../ui/format.ts'
import { forgetDataset } from '../../../services/ingest/persist.ts'
import { openSaved } from '../../../services/ingest/restore.ts'
import './ingest.css'

/** The datasets saved in this browser: open one, or delete it. */
export function SavedDatasets({ onOpened }: { readonly onOpened: () => void }) {
  const saved = useWatchfloor((s) => s.savedDatasets)
  const activeId = useWatchfloor((s) => s.activeDatasetId)
  if (saved.length === 0) return null
  const open = async (id: string): Promise<void> => {
    const record = await loadDataset(id).catch(() => undefined)
    if (!record) {
      useWatchfloor.getState().addNotice('That saved dataset is no longer there.')
      return
    }
    onOpened()
    await openSaved(record)
  }
  return (
    <section className="ingest-saved" aria-label="Saved datasets">
      <h3>Saved in this browser</h3>
      <ul>
        {saved.map((d) => (
          <li key={d.id} data-testid="saved-dataset" data-active={d.id === activeId}>
            <span className="ingest-saved__name">{d.name}</span>
            <span className="muted">
              {formatCount(d.eventCount)} events · {formatDay(d.savedAtMs)}
            </span>
            {d.damaged ? (
              <span className="muted" data-testid="saved-dataset-damaged">
                Cannot be read
              </span>
            ) : (
              <button type="button" className="button" disabled={d.id === activeId} onClick={() => void open(d.id)}>
                {d.id === activeId ? 'On screen' : 'Open'}
              </button>
            )}
            <button type="button" className="button" aria-label={`Delete ${d.name}`} onClick={() => void forgetDataset(d.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
