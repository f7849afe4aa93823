import { useRef, useState } from 'react'
import { fileSlug } from '../../../domain/export/captions.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { currentViewFile, currentViewLink, openViewFile } from '../utils/share-view.ts'
import type { PanelName } from '../../../domain/panels.ts'

interface ShareSectionProps {
  /** The panels chosen for the briefing: carried in the link and the view file. */
  readonly panels: readonly PanelName[]
  readonly onStatus: (text: string, ms?: number) => void
}

/** Copy a link to this view, save it as a small .watchfloor.json file, or open one. */
export function ShareSection({ panels, onStatus }: ShareSectionProps) {
  const [warning, setWarning] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const name = useWatchfloor((s) => s.meta?.name ?? 'view')

  const copyLink = async (): Promise<void> => {
    const link = currentViewLink(panels)
    try {
      await navigator.clipboard.writeText(link)
      onStatus('Copied the link to this view')
    } catch {
      onStatus(`Copy this link: ${link}`)
    }
  }
  const save = async (): Promise<void> => {
    const { downloadText } = await import('../../../lib/download.ts')
    const file = `${fileSlug(name)}.watchfloor.json`
    downloadText(file, await currentViewFile(panels), 'application/json')
    onStatus(`Saved ${file}`)
  }
  const open = async (files: FileList | null): Promise<void> => {
    const file = files?.[0]
    if (!file) return
    try {
      const differs = await openViewFile(await file.text())
      setWarning(differs)
      onStatus(`Opened the view ${file.name}`)
    } catch (error) {
      setWarning(null)
      onStatus(error instanceof Error ? error.message : String(error))
    } finally {
      if (fileRef.current) fileRef.current.value = ''
    }
  }
  return (
    <section className="export-section" aria-label="Share this view">
      <h3>Share this view</h3>
      <div className="export-row">
        <button type="button" className="button" data-testid="export-copy-link" onClick={() => void copyLink()}>
          Copy link
        </button>
        <button type="button" className="button" data-testid="export-save-view" onClick={() => void save()}>
          Save view
        </button>
        <label className="button export-file">
          Open view…
          <input ref={fileRef} type="file" accept=".json,application/json" data-testid="export-open-view" onChange={(e) => void open(e.target.files)} />
        </label>
      </div>
      {warning && (
        <p className="export-warning" role="alert" data-testid="export-view-warning">
          {warning}
        </p>
      )}
    </section>
  )
}
