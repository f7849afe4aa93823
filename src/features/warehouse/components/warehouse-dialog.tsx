import { useEffect, useId, useRef, useState } from 'react'
import { useModalFocus } from '../../../ui/use-modal-focus.ts'
import { forgetCredentials, saveCredentials, savedCredentials } from '../utils/saved-credentials.ts'
import { warehouseUrlProblem, withWarehouseLink, type WarehouseLink } from '../utils/warehouse-link.ts'
import './warehouse.css'

interface WarehouseDialogProps {
  /** Filled in from a link or the table on screen. */
  readonly initial: WarehouseLink
  readonly onClose: () => void
}

/**
 * "Connect to a warehouse": address, table, user and password. The password stays in this tab's
 * memory only (never in a link, a saved view or an export), unless the analyst ticks "Save the
 * password on this device": then, once a connection succeeds, it is saved in this browser's
 * storage for that address and filled in next time (saved-credentials.ts). Connecting tests the
 * connection first; when it fails the data on screen stays, nothing is saved and the form says why.
 */
export function WarehouseDialog({ initial, onClose }: WarehouseDialogProps) {
  const [url, setUrl] = useState(initial.url)
  const [table, setTable] = useState(initial.table)
  const [user, setUser] = useState('default')
  const [password, setPassword] = useState('')
  const [remember, setRemember] = useState(false)
  /** The address whose saved credentials are filled in, while they are. */
  const [savedFor, setSavedFor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  useModalFocus(dialogRef, onClose)

  // Credentials saved for the address the dialog opens with are filled in (not for one typed later).
  useEffect(() => {
    let current = true
    if (initial.url.trim() === '') return
    void savedCredentials(initial.url).then((saved) => {
      if (!current || saved === null) return
      setUser(saved.user)
      setPassword(saved.password)
      setRemember(true)
      setSavedFor(initial.url)
    })
    return () => {
      current = false
    }
  }, [initial.url])

  const forget = async (): Promise<void> => {
    if (savedFor === null) return
    await forgetCredentials(savedFor).catch(() => undefined)
    setSavedFor(null)
    setRemember(false)
    setPassword('')
  }

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
    // Saved only once they have opened the table; unticked, whatever was saved for it goes.
    const kept = remember ? saveCredentials(url, { user, password }) : forgetCredentials(url)
    await kept.catch(() => undefined)
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
          Read the events from a ClickHouse table (docs/warehouse.md) instead of loading them into this tab. The password is kept in this tab only, unless you
          save it on this device; it is never put in a link, a saved view or an export.
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
          <label className="warehouse-dialog__remember">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="warehouse-remember" />
            <span>Save the password on this device (in this browser's storage, unencrypted)</span>
          </label>
          {savedFor !== null && (
            <p className="muted" data-testid="warehouse-saved">
              Filled in from the password saved on this device.{' '}
              <button type="button" className="link-button" onClick={() => void forget()} data-testid="warehouse-forget">
                Forget it
              </button>
            </p>
          )}
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
