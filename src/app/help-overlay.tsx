import { useRef } from 'react'
import { SHORTCUTS } from './shortcuts.ts'
import { useModalFocus } from '../ui/use-modal-focus.ts'

interface HelpOverlayProps {
  readonly onClose: () => void
}

/** The keyboard shortcuts, listed over the dashboard; Esc or the button closes it. */
export function HelpOverlay({ onClose }: HelpOverlayProps) {
  const dialogRef = useRef<HTMLDivElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)
  useModalFocus(dialogRef, onClose, closeRef)
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        ref={dialogRef}
        className="overlay__dialog"
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <header className="detail__header">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="icon-button" aria-label="Close help" onClick={onClose}>
            ×
          </button>
        </header>
        <table className="data-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
