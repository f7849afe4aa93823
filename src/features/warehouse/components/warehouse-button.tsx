import { lazy, Suspense, useEffect, useState } from 'react'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount } from '../../../ui/format.ts'
import { warehouseLinkOf, type WarehouseLink } from '../utils/warehouse-link.ts'
import './warehouse.css'

const WarehouseDialog = lazy(() => import('./warehouse-dialog.tsx').then((m) => ({ default: m.WarehouseDialog })))

const NO_LINK: WarehouseLink = { url: '', table: '' }

/**
 * Opens "Connect to a warehouse" (at once when the page's link names one, asking for the
 * credentials); beside it, while a warehouse answers, its table and the last query's time.
 */
export function WarehouseButton() {
  const [link] = useState(() => warehouseLinkOf(window.location.search))
  const [open, setOpen] = useState(link !== null)
  const source = useWatchfloor((s) => s.source)
  const status = useWatchfloor((s) => s.remoteStatus)
  // Asked for from elsewhere (the import dialog's "Connect to a warehouse…").
  useEffect(
    () =>
      useWatchfloor.subscribe((s, previous) => {
        if (s.warehouseAsked !== previous.warehouseAsked && s.warehouseAsked !== null) setOpen(true)
      }),
    [],
  )
  const initial = link ?? (source.kind === 'clickhouse' ? { url: source.url, table: source.table } : NO_LINK)
  return (
    <>
      {source.kind === 'clickhouse' && status !== null && (
        <span
          className={status.error ? 'warehouse-status warehouse-status--error' : 'warehouse-status muted'}
          role="status"
          aria-busy={status.running || undefined}
          data-testid="warehouse-status"
          title={`Warehouse ${source.table} at ${source.url}: ${formatCount(status.rows)} events`}
        >
          {status.error ? `Warehouse: ${status.error}` : status.running ? 'Querying…' : `Live: warehouse · ${status.lastMs ?? '—'} ms`}
        </span>
      )}
      <button type="button" className="button" data-testid="warehouse-open" onClick={() => setOpen(true)} title="Read the events from a ClickHouse table">
        Warehouse…
      </button>
      {open && (
        <Suspense fallback={null}>
          <WarehouseDialog initial={initial} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
