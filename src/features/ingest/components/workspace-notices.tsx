import { useWatchfloor } from '../../../state/store.ts'
import './ingest.css'

/** Notices about the saved workspace (storage full, saved state set aside), each dismissable. */
export function WorkspaceNotices() {
  const notices = useWatchfloor((s) => s.notices)
  const dismiss = useWatchfloor((s) => s.dismissNotice)
  if (notices.length === 0) return null
  return (
    <div className="ingest-notices">
      {notices.map((text, i) => (
        <div key={i} className="banner" role="status" data-testid="workspace-notice">
          <span>{text}</span>
          <button type="button" className="link-button" onClick={() => dismiss(i)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  )
}
