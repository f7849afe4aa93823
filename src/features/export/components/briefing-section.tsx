import { useMemo, useState } from 'react'
import { defaultPictureTitle } from '../utils/picture-data.ts'
import { fileSlug } from '../../../domain/export/captions.ts'
import { TARGET_TITLES } from '../utils/export-context.ts'
import { PANEL_NAMES, type PanelName } from '../../../domain/panels.ts'
import type { PictureSettings } from './picture-section.tsx'
import type { Orientation, Paper } from '../utils/print-mode.ts'
import type { PrintLayout } from '../utils/print-pages.ts'

interface BriefingSectionProps {
  readonly settings: PictureSettings
  readonly panels: readonly PanelName[]
  readonly onPanels: (panels: readonly PanelName[]) => void
  readonly onStatus: (text: string, ms?: number) => void
}

/** The PowerPoint briefing pack (chosen panels) and the printable brief. */
export function BriefingSection({ settings, panels, onPanels, onStatus }: BriefingSectionProps) {
  const [paper, setPaper] = useState<Paper>('A4')
  const [orientation, setOrientation] = useState<Orientation>('landscape')
  const [layout, setLayout] = useState<PrintLayout>('brief')
  const [busy, setBusy] = useState(false)
  // The deck is the whole view's: its default title is the brief's, whichever panel opened the dialog.
  const defaultTitle = useMemo(() => defaultPictureTitle('dashboard'), [])
  const toggle = (p: PanelName): void => onPanels(panels.includes(p) ? panels.filter((x) => x !== p) : PANEL_NAMES.filter((x) => x === p || panels.includes(x)))

  const briefing = async (): Promise<void> => {
    setBusy(true)
    onStatus('Building the briefing pack…')
    const started = performance.now()
    try {
      const [{ buildBriefing }, { downloadBlob }] = await Promise.all([import('../utils/briefing.ts'), import('../../../lib/download.ts')])
      const blob = await buildBriefing({ title: settings.title.trim() === '' ? defaultTitle : settings.title, caption: settings.caption, marking: settings.marking, panels, mapFit: 'events' })
      const name = `${fileSlug(settings.title.trim() === '' ? defaultTitle : settings.title, 'briefing')}.pptx`
      downloadBlob(name, blob)
      onStatus(`Saved ${name}`, performance.now() - started)
    } catch (error) {
      onStatus(`The briefing pack failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setBusy(false)
    }
  }

  const print = async (): Promise<void> => {
    onStatus('Composing the pages…')
    try {
      const { printPages } = await import('../utils/print-pages.ts')
      const title = settings.title.trim() === '' ? defaultTitle : settings.title
      const pages = await printPages({ paper, orientation, layout, panels, title, caption: settings.caption, marking: settings.marking, mapFit: 'events' })
      onStatus(`Sent ${pages} page${pages === 1 ? '' : 's'} to print (choose “Save as PDF” for a file)`)
    } catch (error) {
      onStatus(`Printing failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  return (
    <section className="export-section" aria-label="Briefing pack">
      <h3>Briefing pack</h3>
      <div className="export-row" role="group" aria-label="Panels in the pack">
        {PANEL_NAMES.map((p) => (
          <label key={p} className="export-check">
            <input type="checkbox" checked={panels.includes(p)} data-testid={`export-briefing-${p}`} onChange={() => toggle(p)} /> {TARGET_TITLES[p]}
          </label>
        ))}
      </div>
      <div className="export-row">
        <button type="button" className="button button--primary" data-testid="export-briefing" disabled={busy || panels.length === 0} onClick={() => void briefing()}>
          PowerPoint (.pptx)
        </button>
      </div>
      <div className="export-row">
        <label className="export-inline">
          Print{' '}
          <select value={layout} data-testid="export-print-layout" onChange={(e) => setLayout(e.target.value as PrintLayout)}>
            <option value="brief">a one-page brief</option>
            <option value="panels">a page per chosen panel</option>
          </select>
        </label>
        <label className="export-inline">
          Paper{' '}
          <select value={paper} data-testid="export-paper" onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <select value={orientation} aria-label="Orientation" data-testid="export-orientation" onChange={(e) => setOrientation(e.target.value as Orientation)}>
          <option value="landscape">landscape</option>
          <option value="portrait">portrait</option>
        </select>
        <button type="button" className="button" data-testid="export-print" disabled={layout === 'panels' && panels.length === 0} onClick={() => void print()}>
          Print / PDF
        </button>
      </div>
    </section>
  )
}
