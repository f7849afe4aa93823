import { useId, useRef, useState } from 'react'
import { useModalFocus } from '../../../ui/use-modal-focus.ts'
import { warehouseUrlProblem, withWarehouseLink, type WarehouseLink } from '../utils/warehouse-link.ts'
import './warehouse.css'

interface WarehouseDialogProps {
  /** Filled in from a link or the table on screen. */
  readonly initial: WarehouseLink
  readonly onClose: () => void
}

/**
 * "Connect to a warehouse": address, table, user and password. The password stays in this tab's
 * memory only (never in a link, a saved view or an export). Connecting tests the connection
 * first; when it fails the data on screen stays and the form says why.
 */
export function WarehouseDialog({ initial, onClose }: WarehouseDialogProps) {
  const [url, setUrl] = useState(initial.url)
  const [table, setTable] = useState(initial.table)
  const [user, setUser] = useState('default')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  useModalFocus(dialogRef, onClose)

  const connect = async (): Promise<void> => {
    const problem = warehouseUrlProblem(url)
    if (problem !== null) {
      setError(problem)
      return
    }
    setBusy(true)
    setError(null)
    const { connectWarehouse } = await import('../utils/connect.ts')
    const failure = await connectWarehouse({ url, table, user, password })
    setBusy(false)
    if (failure !== null) {
      setError(failure)
      return
    }
    // The link reopens this table (and asks for the credentials again).
    const search = withWarehouseLink(window.location.search, { url: url.trim().replace(/\/+$/, ''), table: table.trim() })
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`)
    onClose()
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal-dialog warehouse-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef} tabIndex={-1} data-testid="warehouse-dialog">
        <header className="warehouse-dialog__header">
          <h2 id={titleId}>Connect to a warehouse</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <p className="muted">
          Read the events from a ClickHouse table (docs/warehouse.md) instead of loading them into this tab. The password is kept in this tab only, never in a
          link or a saved view.
        </p>
        <form
          className="warehouse-dialog__form"
          onSubmit={(e) => {
            e.preventDefault()
            void connect()
          }}
        >
          <label>
            <span>Server address</span>
            <input type="text" inputMode="url" spellCheck={false} placeholder="https://clickhouse.example.org:8443" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="warehouse-url" required />
          </label>
          <label>
            <span>Table (database.table)</span>
            <input type="text" spellCheck={false} placeholder="watchfloor.events" value={table} onChange={(e) => setTable(e.target.value)} data-testid="warehouse-table" required />
          </label>
          <label>
            <span>User</span>
            <input type="text" autoComplete="username" spellCheck={false} value={user} onChange={(e) => setUser(e.target.value)} data-testid="warehouse-user" />
          </label>
          <label>
            <span>Password</span>
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="warehouse-password" />
          </label>
          {error !== null && (
            <p className="warehouse-dialog__error" role="alert" data-testid="warehouse-error">
              {error} The data on screen is unchanged.
            </p>
          )}
          <div className="warehouse-dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button" disabled={busy || url.trim() === '' || table.trim() === ''} data-testid="warehouse-connect">
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </form>
      </div>
    </div>
  )
}
