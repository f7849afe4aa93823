import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react'
import { DAY_MS } from '../../../domain/dates.ts'
import type { TimelineCounts } from '../../../domain/engine/views-engine.ts'
import { formatDay } from '../../../ui/format.ts'
import { bucketTimeline, unitForWidth, type Span } from '../../../domain/timeline/buckets.ts'
import { timeScale } from '../../../domain/timeline/time-scale.ts'

/** Height of the overview strip, px. */
export const OVERVIEW_PX = 24
const HANDLE_PX = 8

type DragMode = { kind: 'new'; anchorMs: number } | { kind: 'from' } | { kind: 'to' } | { kind: 'move'; grabMs: number; span: Span }

interface OverviewStripProps {
  readonly timeline: TimelineCounts
  readonly width: number
  readonly leftPx: number
  readonly plotWidthPx: number
  readonly range: Span | null
  readonly onChange: (range: Span | null) => void
}

const floorDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS
const ceilDay = (ms: number): number => Math.ceil(ms / DAY_MS) * DAY_MS

/**
 * The whole history in a thin strip under the chart, with the brushed range as a window: drag
 * its handles to widen or narrow it, drag inside it to move it, drag elsewhere to draw a new one.
 * Keyboard: focus a handle and use the arrow keys (a day; with Shift, thirty days).
 */
export function OverviewStrip({ timeline, width, leftPx, plotWidthPx, range, onChange }: OverviewStripProps) {
  const buckets = useMemo(() => bucketTimeline(timeline, unitForWidth(timeline.days, plotWidthPx / 2)), [timeline, plotWidthPx])
  const scale = useMemo(() => timeScale(buckets, leftPx, plotWidthPx), [buckets, leftPx, plotWidthPx])
  const path = useMemo(() => {
    let max = 0
    const totals = buckets.map((b) => {
      let t = 0
      for (let l = 0; l < 5; l++) t += b.exact[l]! + b.spread[l]!
      if (t > max) max = t
      return t
    })
    const h = OVERVIEW_PX - 4
    let d = `M${leftPx},${OVERVIEW_PX}`
    totals.forEach((t, i) => {
      const y = OVERVIEW_PX - (max > 0 ? (t / max) * h : 0)
      d += ` L${scale.x(buckets[i]!.startMs)},${y} L${scale.x(buckets[i]!.endMs)},${y}`
    })
    return `${d} L${leftPx + plotWidthPx},${OVERVIEW_PX} Z`
  }, [buckets, scale, leftPx, plotWidthPx])
  const [draft, setDraft] = useState<Span | null>(null)
  const drag = useRef<DragMode | null>(null)
  const shown = draft ?? range
  const clampSpan = (s: Span): Span => ({
    fromMs: Math.max(scale.fromMs, floorDay(s.fromMs)),
    toMs: Math.min(scale.toMs, Math.max(floorDay(s.fromMs) + DAY_MS, ceilDay(s.toMs))),
  })
  const xOf = (e: ReactPointerEvent<SVGSVGElement>): number => e.clientX - e.currentTarget.getBoundingClientRect().left
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>): void => {
    if (e.button !== 0) return
    const t = scale.time(xOf(e))
    const part = (e.target as Element).getAttribute('data-part')
    if (part === 'from' || part === 'to') drag.current = { kind: part }
    else if (part === 'window' && shown) drag.current = { kind: 'move', grabMs: t, span: shown }
    else drag.current = { kind: 'new', anchorMs: t }
    e.currentTarget.setPointerCapture?.(e.pointerId)
  }
  const next = (t: number): Span | null => {
    const mode = drag.current
    if (!mode) return null
    const current = shown ?? { fromMs: scale.fromMs, toMs: scale.toMs }
    switch (mode.kind) {
      case 'new':
        return clampSpan({ fromMs: Math.min(mode.anchorMs, t), toMs: Math.max(mode.anchorMs, t) })
      case 'from':
        return clampSpan({ fromMs: Math.min(t, current.toMs - DAY_MS), toMs: current.toMs })
      case 'to':
        return clampSpan({ fromMs: current.fromMs, toMs: Math.max(t, current.fromMs + DAY_MS) })
      case 'move': {
        const length = mode.span.toMs - mode.span.fromMs
        const from = Math.min(Math.max(scale.fromMs, mode.span.fromMs + (t - mode.grabMs)), scale.toMs - length)
        return clampSpan({ fromMs: from, toMs: from + length })
      }
    }
  }
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>): void => {
    if (drag.current) setDraft(next(scale.time(xOf(e))))
  }
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>): void => {
    if (!drag.current) return
    const result = next(scale.time(xOf(e)))
    const wasNew = drag.current.kind === 'new'
    drag.current = null
    setDraft(null)
    // A click without a drag on the bare strip is not a range.
    if (!result || (wasNew && scale.x(result.toMs) - scale.x(result.fromMs) < 3)) return
    onChange(result)
  }
  const onKey = (edge: 'from' | 'to') => (e: KeyboardEvent<SVGRectElement>) => {
    const step = (e.shiftKey ? 30 : 1) * DAY_MS * (e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0)
    if (step === 0) return
    e.preventDefault()
    const current = range ?? { fromMs: scale.fromMs, toMs: scale.toMs }
    onChange(
      clampSpan(edge === 'from' ? { fromMs: Math.min(current.fromMs + step, current.toMs - DAY_MS), toMs: current.toMs } : { fromMs: current.fromMs, toMs: Math.max(current.toMs + step, current.fromMs + DAY_MS) }),
    )
  }
  const x0 = shown ? scale.x(shown.fromMs) : leftPx
  const x1 = shown ? scale.x(shown.toMs) : leftPx + plotWidthPx
  const whole = { fromMs: scale.fromMs, toMs: scale.toMs }
  const edges = shown ?? whole
  return (
    <svg
      className="timeline-overview"
      data-testid="timeline-overview"
      width={width}
      height={OVERVIEW_PX}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        drag.current = null
        setDraft(null)
      }}
    >
      <rect className="timeline-overview__bg" x={leftPx} y={0} width={plotWidthPx} height={OVERVIEW_PX} />
      <path className="timeline-overview__area" d={path} />
      {shown && (
        <>
          <rect className="timeline-overview__dim" x={leftPx} y={0} width={Math.max(0, x0 - leftPx)} height={OVERVIEW_PX} />
          <rect className="timeline-overview__dim" x={x1} y={0} width={Math.max(0, leftPx + plotWidthPx - x1)} height={OVERVIEW_PX} />
        </>
      )}
      <rect className="timeline-overview__window" data-part="window" x={x0} y={0.5} width={Math.max(1, x1 - x0)} height={OVERVIEW_PX - 1} />
      {(['from', 'to'] as const).map((edge) => (
        <rect
          key={edge}
          className="timeline-overview__handle"
          data-part={edge}
          data-testid={`timeline-handle-${edge}`}
          x={(edge === 'from' ? x0 : x1) - HANDLE_PX / 2}
          y={4}
          width={HANDLE_PX}
          height={OVERVIEW_PX - 8}
          rx={2}
          role="slider"
          tabIndex={0}
          aria-label={edge === 'from' ? 'Start of the time range' : 'End of the time range'}
          aria-valuemin={scale.fromMs}
          aria-valuemax={scale.toMs}
          aria-valuenow={edge === 'from' ? edges.fromMs : edges.toMs}
          aria-valuetext={formatDay(edge === 'from' ? edges.fromMs : edges.toMs - 1)}
          onKeyDown={onKey(edge)}
        />
      ))}
    </svg>
  )
}
