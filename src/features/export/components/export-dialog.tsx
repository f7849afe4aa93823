import { useId, useMemo, useRef, useState } from 'react'
import type { ExportTarget } from '../../../state/export-slice.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { PanelName } from '../../../domain/panels.ts'
import { TARGET_TITLES } from '../utils/export-context.ts'
import { defaultPictureTitle } from '../utils/picture-data.ts'
import { panelsFromSearch } from '../utils/share-view.ts'
import { BriefingSection } from './briefing-section.tsx'
import { DataSection } from './data-section.tsx'
import { MarkingField } from './marking-field.tsx'
import { PictureSection, type PictureSettings } from './picture-section.tsx'
import { ShareSection } from './share-section.tsx'
import { TimelapseSection } from './timelapse-section.tsx'
import './export-dialog.css'
import { useModalFocus } from '../../../ui/use-modal-focus.ts'

interface ExportDialogProps {
  readonly target: ExportTarget
  readonly onClose: () => void
}

/**
 * The export dialog: a picture of the panel (PNG/SVG, 1–3x, title, caption, marking, theme),
 * the briefing pack and print view, data files, and shareable views.
 */
export function ExportDialog({ target, onClose }: ExportDialogProps) {
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const count = useWatchfloor((s) => s.views.matched)
  const [settings, setSettings] = useState<PictureSettings>({ title: '', caption: '', marking: 'none', theme: 'light' })
  const defaultTitle = useMemo(() => defaultPictureTitle(target), [target])
  const [panels, setPanels] = useState<readonly PanelName[]>(() => panelsFromSearch(window.location.search))
  const [status, setStatus] = useState<{ text: string; ms?: number } | null>(null)
  const onStatus = (text: string, ms?: number): void => setStatus(ms === undefined ? { text } : { text, ms })
  const change = <K extends keyof PictureSettings>(key: K, value: PictureSettings[K]): void => setSettings((s) => ({ ...s, [key]: value }))

  useModalFocus(dialogRef, onClose)

  return (
    <div className="modal-backdrop export-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialogRef} className="modal-dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid="export-dialog" data-target={target}>
        <header className="export-dialog__header">
          <h2 id={titleId}>Export: {TARGET_TITLES[target]}</h2>
          <button type="button" className="icon-button" aria-label="Close" data-testid="export-close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="export-grid">
          <label className="export-field">
            <span>Title</span>
            <input type="text" data-testid="export-title" value={settings.title} maxLength={140} placeholder={defaultTitle} onChange={(e) => change('title', e.target.value)} />
          </label>
          <label className="export-field">
            <span>Caption</span>
            <input type="text" data-testid="export-caption" value={settings.caption} maxLength={240} placeholder="What the reader should take away" onChange={(e) => change('caption', e.target.value)} />
          </label>
          <MarkingField value={settings.marking} onChange={(m) => change('marking', m)} />
          <label className="export-field">
            <span>Theme</span>
            <select data-testid="export-theme" value={settings.theme} onChange={(e) => change('theme', e.target.value as PictureSettings['theme'])}>
              <option value="light">Light (slides, print)</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </div>
        <p className="export-note">Every picture is drawn for its size from the view’s data: one title (yours, or the one shown), the filters in words and the as-of time (UTC), the legend, the data source and attribution, and the marking top and bottom.</p>
        <PictureSection target={target} settings={settings} defaultTitle={defaultTitle} onStatus={onStatus} />
        {(target === 'map' || target === 'dashboard') && <TimelapseSection settings={settings} onStatus={onStatus} />}
        <BriefingSection settings={settings} panels={panels} onPanels={setPanels} onStatus={onStatus} />
        <DataSection count={count} onStatus={onStatus} />
        <ShareSection panels={panels} onStatus={onStatus} />
        <p className="export-status" role="status" data-testid="export-status" data-ms={status?.ms === undefined ? undefined : status.ms.toFixed(0)}>
          {status ? `${status.text}${status.ms === undefined ? '' : ` (${Math.round(status.ms)} ms)`}` : ''}
        </p>
      </div>
    </div>
  )
}
