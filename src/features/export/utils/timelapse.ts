import { dayLabel, monthLabel } from '../../../domain/date-labels.ts'
import { fileSlug } from '../../../domain/export/captions.ts'
import type { PictureTheme } from '../../../domain/export/picture/colours.ts'
import type { MapPoints } from '../../../domain/export/picture/map-chart.ts'
import { eventDots } from '../../../domain/export/picture/map-chart.ts'
import type { PictureSize } from '../../../domain/export/picture/presets.ts'
import { composeTimelapseBase, frameMembers, timelapseFrames, type TimelapseStep } from '../../../domain/export/picture/timelapse.ts'
import { spanWords } from '../../../domain/export/picture/titles.ts'
import { FONT_STACK } from '../../../domain/export/picture/svg.ts'
import type { Span } from '../../../domain/timeline/buckets.ts'
import { encodeGif, recordWebm, type Progress } from '../../../lib/export/timelapse-encode.ts'
import { measureWithCanvas, svgToCanvas } from '../../../lib/export/rasterise.ts'
import { fetchPlacedSpans } from '../../../state/export-reads.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { exportViews, mapData, pictureText } from './picture-data.ts'

export type TimelapseFormat = 'gif' | 'webm'

export interface TimelapseOptions {
  readonly span: Span
  readonly step: TimelapseStep
  readonly durationMs: number
  readonly format: TimelapseFormat
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly theme: PictureTheme
}

/** A GIF for chat is 960 × 540; a video for a slide 1280 × 720. */
const SIZES: Readonly<Record<TimelapseFormat, PictureSize>> = { gif: { widthPx: 960, heightPx: 540 }, webm: { widthPx: 1280, heightPx: 720 } }

const STEP_WORDS: Readonly<Record<TimelapseStep, string>> = { day: 'a frame a day', week: 'a frame a week', month: 'a frame a month' }

function stampOf(frame: Span, step: TimelapseStep): string {
  if (step === 'month') return monthLabel(frame.fromMs)
  if (step === 'week') return `Week of ${dayLabel(frame.fromMs)}`
  return dayLabel(frame.fromMs)
}

/** The default title of a timelapse: what moves, how often, over when. */
export function timelapseTitle(span: Span, step: TimelapseStep): string {
  return `Events by level, ${STEP_WORDS[step]}, ${spanWords(span)}`
}

/**
 * The map animated over a period: a frame per day, week or month showing the matching events
 * of that period, with the date stamp, a cursor on the strip of events per frame, and the
 * title, legend, source and marking in every frame. GIF through gifenc, WebM by recording the canvas.
 */
export async function makeTimelapse(options: TimelapseOptions, onProgress: Progress, signal?: AbortSignal): Promise<{ blob: Blob; name: string; frames: number; events: number }> {
  const s = useWatchfloor.getState()
  const views = exportViews(s)
  const frames = timelapseFrames(options.span, options.step)
  if (frames.length === 0) throw new Error('The period holds no frame: choose a later end')
  // Every matching event with a place over the period, from the tab's table or the warehouse.
  const all = await fetchPlacedSpans(s, { fromMs: frames[0]!.fromMs, toMs: frames[frames.length - 1]!.toMs }, signal)
  const members = frameMembers(all, frames)
  const size = SIZES[options.format]
  const map = await mapData(s, views, 'events')
  const text = pictureText({ target: 'map', title: options.title, caption: options.caption, marking: options.marking }, timelapseTitle(options.span, options.step))
  const layout = composeTimelapseBase({
    size,
    theme: options.theme,
    text,
    levelColours: LEVEL_COLOURS,
    measure: measureWithCanvas,
    map: { ...map, shadeOf: () => undefined, points: { lonDeg: new Float32Array(0), latDeg: new Float32Array(0), level: new Uint8Array(0) }, legendTitle: 'Event level' },
    counts: members.map((m) => m.length),
  })
  const base = await svgToCanvas(layout.svg, size, 1)
  const canvas = document.createElement('canvas')
  canvas.width = size.widthPx
  canvas.height = size.heightPx
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('This browser cannot draw on a canvas')
  const { colours } = layout.context
  const draw = (f: number): void => {
    ctx.drawImage(base, 0, 0)
    const rows = members[f]!
    const pts: MapPoints = {
      lonDeg: Float32Array.from(rows, (i) => all.lonDeg[i]!),
      latDeg: Float32Array.from(rows, (i) => all.latDeg[i]!),
      level: Uint8Array.from(rows, (i) => all.level[i]!),
    }
    ctx.save()
    ctx.beginPath()
    ctx.rect(layout.mapPlot.x, layout.mapPlot.y, layout.mapPlot.w, layout.mapPlot.h)
    ctx.clip()
    ctx.strokeStyle = colours.text
    for (const dot of eventDots(pts, layout.project, layout.mapPlot, layout.context).dots) {
      ctx.beginPath()
      ctx.arc(dot.x, dot.y, dot.r * 1.3, 0, Math.PI * 2)
      ctx.fillStyle = dot.fill
      ctx.fill()
      ctx.stroke()
    }
    ctx.restore()
    const { strip } = layout
    const x = strip.x + ((f + 0.5) / frames.length) * strip.w
    ctx.fillStyle = colours.text
    ctx.globalAlpha = 0.12
    ctx.fillRect(strip.x, strip.y, x - strip.x, strip.h)
    ctx.globalAlpha = 1
    ctx.fillRect(x - 1.5, strip.y - 4, 3, strip.h + 8)
    const stamp = `${stampOf(frames[f]!, options.step)} · ${rows.length} event${rows.length === 1 ? '' : 's'}`
    ctx.font = `700 ${layout.stamp.size}px ${FONT_STACK}`
    const w = ctx.measureText(stamp).width
    ctx.fillStyle = colours.background
    ctx.globalAlpha = 0.85
    ctx.fillRect(layout.stamp.x - 8, layout.stamp.y - 6, w + 16, layout.stamp.size * 1.4)
    ctx.globalAlpha = 1
    ctx.fillStyle = colours.text
    ctx.textBaseline = 'top'
    ctx.fillText(stamp, layout.stamp.x, layout.stamp.y)
  }
  const frameMs = options.durationMs / frames.length
  const source = { count: frames.length, draw }
  const blob = options.format === 'gif' ? await encodeGif(canvas, source, frameMs, onProgress, signal) : await recordWebm(canvas, source, frameMs, onProgress, signal)
  return { blob, name: `${fileSlug(text.title)}.${options.format}`, frames: frames.length, events: all.size }
}
