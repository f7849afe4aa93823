import { useEffect, useState } from 'react'
import { fileSlug } from '../../../domain/export/captions.ts'
import type { PictureTheme } from '../../../domain/export/picture/colours.ts'
import { PICTURE_PRESETS, PICTURE_SCALES, presetSize, type PresetId } from '../../../domain/export/picture/presets.ts'
import type { ExportTarget } from '../../../state/export-slice.ts'
import type { MapFit, PictureOptions } from '../utils/picture-data.ts'

export interface PictureSettings {
  /** The user's title; blank for the descriptive default. */
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly theme: PictureTheme
}

interface PictureSectionProps {
  readonly target: ExportTarget
  readonly settings: PictureSettings
  /** The title used when the user types none. */
  readonly defaultTitle: string
  readonly onStatus: (text: string, ms?: number) => void
}

type Format = 'png' | 'svg'

/** Preset, scale, format and map framing; a preview; download or copy to the clipboard. */
export function PictureSection({ target, settings, defaultTitle, onStatus }: PictureSectionProps) {
  const [format, setFormat] = useState<Format>('png')
  const [preset, setPreset] = useState<PresetId>('slide-16x9')
  const [scale, setScale] = useState(2)
  const [mapFit, setMapFit] = useState<MapFit>('events')
  const [busy, setBusy] = useState(false)
  const [preview, setPreview] = useState<string | null>(null)
  const size = presetSize(preset)
  const options: PictureOptions = { target, size, ...settings, mapFit }
  const hasMap = target === 'map' || target === 'dashboard'

  // The preview: the same composition as the file, redrawn a moment after the last change.
  const key = JSON.stringify(options)
  useEffect(() => {
    let cancelled = false
    const timer = window.setTimeout(() => {
      void import('../utils/render-picture.ts')
        .then(({ renderPictureSvg }) => renderPictureSvg(JSON.parse(key) as PictureOptions))
        .then((svg) => {
          if (!cancelled) setPreview(URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })))
        })
        .catch(() => setPreview(null))
    }, 250)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [key])
  // A preview's URL is let go once the next one is shown (or the dialog closes): revoking it
  // while the image may still be loading it would fail that load.
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview)
    },
    [preview],
  )

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
  const base = fileSlug(settings.title.trim() === '' ? defaultTitle : settings.title)
  const download = () =>
    run(async () => {
      const [{ renderPictureSvg, renderPicturePng }, { downloadBlob }] = await Promise.all([import('../utils/render-picture.ts'), import('../../../lib/download.ts')])
      if (format === 'svg') {
        downloadBlob(`${base}.svg`, new Blob([await renderPictureSvg(options)], { type: 'image/svg+xml' }))
        return `Saved ${base}.svg`
      }
      const name = `${base}@${scale}x.png`
      downloadBlob(name, await renderPicturePng(options, scale))
      return `Saved ${name}`
    })
  const copy = () =>
    run(async () => {
      const [{ renderPicturePng }, { copyPng }] = await Promise.all([import('../utils/render-picture.ts'), import('../../../lib/export/rasterise.ts')])
      await copyPng(renderPicturePng(options, scale))
      return 'Copied the picture: paste it into your slides'
    })

  return (
    <section className="export-section" aria-label="Picture">
      <h3>Picture</h3>
      <div className="export-row">
        <div className="segmented" role="group" aria-label="Size">
          {PICTURE_PRESETS.map((p) => (
            <button key={p.id} type="button" aria-pressed={preset === p.id} data-testid={`export-preset-${p.id}`} title={`${p.widthPx} × ${p.heightPx}`} onClick={() => setPreset(p.id)}>
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <div className="export-row">
        <div className="segmented" role="group" aria-label="Format">
          {(['png', 'svg'] as const).map((f) => (
            <button key={f} type="button" aria-pressed={format === f} data-testid={`export-format-${f}`} onClick={() => setFormat(f)}>
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Scale">
          {PICTURE_SCALES.map((s) => (
            <button key={s} type="button" aria-pressed={scale === s} disabled={format === 'svg'} data-testid={`export-scale-${s}`} onClick={() => setScale(s)}>
              {s}x
            </button>
          ))}
        </div>
        {hasMap && (
          <label className="export-inline">
            Map shows{' '}
            <select value={mapFit} data-testid="export-map-fit" onChange={(e) => setMapFit(e.target.value as MapFit)}>
              <option value="events">where the matching events are</option>
              <option value="view">the map’s current view</option>
            </select>
          </label>
        )}
      </div>
      <figure className="export-preview">
        {preview ? <img src={preview} alt="Preview of the picture" data-testid="export-preview" /> : <div className="export-preview__empty">Drawing the preview…</div>}
        <figcaption>
          {format === 'svg' ? `${size.widthPx} × ${size.heightPx} (vector)` : `${size.widthPx * scale} × ${size.heightPx * scale} px`}
        </figcaption>
      </figure>
      <div className="export-row">
        <button type="button" className="button button--primary" data-testid="export-download" disabled={busy} onClick={download}>
          Download {format.toUpperCase()}
        </button>
        <button type="button" className="button" data-testid="export-copy" disabled={busy || format === 'svg'} onClick={copy}>
          Copy picture
        </button>
      </div>
      {hasMap && <p className="export-note">The map is drawn from the offline basemap (Natural Earth), in the picture’s theme.</p>}
    </section>
  )
}
