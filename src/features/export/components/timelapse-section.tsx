import { useRef, useState } from 'react'
import { DAY_MS, isoDay } from '../../../domain/dates.ts'
import { defaultTimelapseSpan, type TimelapseStep } from '../../../domain/export/picture/timelapse.ts'
import { extentSpan } from '../../../domain/timeline/buckets.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { TimelapseFormat } from '../utils/timelapse.ts'
import type { PictureSettings } from './picture-section.tsx'

interface TimelapseSectionProps {
  readonly settings: PictureSettings
  readonly onStatus: (text: string, ms?: number) => void
}

const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

function initialSpan(): { from: string; to: string } {
  const s = useWatchfloor.getState()
  const span = defaultTimelapseSpan(s.filter.timeRange, extentSpan(s.views.days), s.asOfMs)
  return { from: isoDay(span.fromMs), to: isoDay(span.toMs - DAY_MS) }
}

/** The map animated over a period, as a GIF (chat) or a WebM video (slides), with progress and cancel. */
export function TimelapseSection({ settings, onStatus }: TimelapseSectionProps) {
  const [span, setSpan] = useState(initialSpan)
  const [step, setStep] = useState<TimelapseStep>('week')
  const [seconds, setSeconds] = useState(10)
  const [format, setFormat] = useState<TimelapseFormat>('gif')
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const abort = useRef<AbortController | null>(null)

  const fromMs = dayMs(span.from)
  const toMs = dayMs(span.to) + DAY_MS
  const valid = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs && seconds >= 1 && seconds <= 120

  const start = async (): Promise<void> => {
    const controller = new AbortController()
    abort.current = controller
    setProgress({ done: 0, total: 1 })
    const started = performance.now()
    try {
      const [{ makeTimelapse }, { downloadBlob }] = await Promise.all([import('../utils/timelapse.ts'), import('../../../lib/download.ts')])
      const made = await makeTimelapse(
        { span: { fromMs, toMs }, step, durationMs: seconds * 1000, format, title: settings.title, caption: settings.caption, marking: settings.marking, theme: settings.theme },
        (done, total) => setProgress({ done, total }),
        controller.signal,
      )
      downloadBlob(made.name, made.blob)
      onStatus(`Saved ${made.name} (${made.frames} frames, ${made.events.toLocaleString('en-GB')} event${made.events === 1 ? '' : 's'})`, performance.now() - started)
    } catch (error) {
      onStatus(error instanceof DOMException && error.name === 'AbortError' ? 'Timelapse cancelled' : `The timelapse failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      abort.current = null
      setProgress(null)
    }
  }

  return (
    <section className="export-section" aria-label="Timelapse">
      <h3>Timelapse of the map</h3>
      <div className="export-row">
        <label className="export-inline">
          From <input type="date" value={span.from} data-testid="export-timelapse-from" onChange={(e) => setSpan((s) => ({ ...s, from: e.target.value }))} />
        </label>
        <label className="export-inline">
          to <input type="date" value={span.to} data-testid="export-timelapse-to" onChange={(e) => setSpan((s) => ({ ...s, to: e.target.value }))} />
        </label>
        <label className="export-inline">
          a frame a{' '}
          <select value={step} data-testid="export-timelapse-step" onChange={(e) => setStep(e.target.value as TimelapseStep)}>
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </label>
        <label className="export-inline">
          lasting <input type="number" min={1} max={120} value={seconds} data-testid="export-timelapse-seconds" onChange={(e) => setSeconds(Number(e.target.value))} /> s
        </label>
      </div>
      <div className="export-row">
        <div className="segmented" role="group" aria-label="Timelapse format">
          {(['gif', 'webm'] as const).map((f) => (
            <button key={f} type="button" aria-pressed={format === f} data-testid={`export-format-${f}`} onClick={() => setFormat(f)}>
              {f === 'gif' ? 'GIF (chat)' : 'WebM (slides)'}
            </button>
          ))}
        </div>
        {progress ? (
          <>
            <progress max={progress.total} value={progress.done} data-testid="export-timelapse-progress" aria-label="Timelapse progress" />
            <span className="export-note">
              frame {progress.done} of {progress.total}
            </span>
            <button type="button" className="button" data-testid="export-timelapse-cancel" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="button button--primary" data-testid="export-timelapse" disabled={!valid} onClick={() => void start()}>
            Make timelapse
          </button>
        )}
      </div>
      {!valid && <p className="export-warning">Choose an end after the start and a length of 1–120 seconds.</p>}
      <p className="export-note">A WebM is recorded in real time: it takes as long as it lasts.</p>
    </section>
  )
}
