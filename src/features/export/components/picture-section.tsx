import { useState } from 'react'
import { fileSlug } from '../../../domain/export/captions.ts'
import type { ExportTarget } from '../../../state/export-slice.ts'
import type { ExportTheme } from '../../../lib/export/capture.ts'
import { captionFor, targetNode } from '../utils/export-context.ts'

export interface PictureSettings {
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly theme: ExportTheme
}

interface PictureSectionProps {
  readonly target: ExportTarget
  readonly settings: PictureSettings
  readonly onStatus: (text: string, ms?: number) => void
}

type Format = 'png' | 'svg'

/** Format, scale and the picture's actions: download or copy to the clipboard. */
export function PictureSection({ target, settings, onStatus }: PictureSectionProps) {
  const [format, setFormat] = useState<Format>('png')
  const [scale, setScale] = useState(2)
  const [busy, setBusy] = useState(false)

  const block = () => captionFor(target, settings.title, settings.caption, settings.marking)
  const node = (): HTMLElement => {
    const found = targetNode(target)
    if (!found) throw new Error('The panel is not on screen')
    return found
  }
  const run = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true)
    const started = performance.now()
    try {
      const done = await work()
      onStatus(done, performance.now() - started)
    } catch (error) {
      onStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setBusy(false)
    }
  }
  const download = () =>
    run(async () => {
      const b = block()
      const name = `${fileSlug(b.title)}@${scale}x`
      const { downloadBlob } = await import('../../../lib/download.ts')
      if (format === 'svg') {
        const [{ nodeToSvg }, { inTheme }] = await Promise.all([import('../../../lib/export/dom-to-svg.ts'), import('../../../lib/export/capture.ts')])
        const svg = await inTheme(settings.theme, async () => nodeToSvg(node(), b))
        downloadBlob(`${fileSlug(b.title)}.svg`, new Blob([svg], { type: 'image/svg+xml' }))
        return `Saved ${fileSlug(b.title)}.svg`
      }
      const { capturePng } = await import('../../../lib/export/capture.ts')
      downloadBlob(`${name}.png`, await capturePng(node(), b, scale, settings.theme))
      return `Saved ${name}.png`
    })
  const copy = () =>
    run(async () => {
      const { capturePng, copyPng } = await import('../../../lib/export/capture.ts')
      await copyPng(capturePng(node(), block(), scale, settings.theme))
      return 'Copied the picture: paste it into your slides'
    })

  return (
    <section className="export-section" aria-label="Picture">
      <h3>Picture</h3>
      <div className="export-row">
        <div className="segmented" role="group" aria-label="Format">
          {(['png', 'svg'] as const).map((f) => (
            <button key={f} type="button" aria-pressed={format === f} data-testid={`export-format-${f}`} onClick={() => setFormat(f)}>
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Scale">
          {[1, 2, 3].map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={scale === s}
              disabled={format === 'svg'}
              data-testid={`export-scale-${s}`}
              onClick={() => setScale(s)}
            >
              {s}x
            </button>
          ))}
        </div>
        <button type="button" className="button button--primary" data-testid="export-download" disabled={busy} onClick={download}>
          Download {format.toUpperCase()}
        </button>
        <button type="button" className="button" data-testid="export-copy" disabled={busy || format === 'svg'} onClick={copy}>
          Copy picture
        </button>
      </div>
      {target === 'map' && (
        <p className="export-note">The map is drawn from the offline basemap (Natural Earth); an online tile layer is included only when its server allows it (CORS).</p>
      )}
    </section>
  )
}
