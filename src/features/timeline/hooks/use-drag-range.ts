import { useCallback, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'

/** A drag shorter than this (px) is a click, not a brush. */
export const MIN_DRAG_PX = 4

export interface DragRange {
  /** The dragged pixels while a drag is in progress, ordered; null otherwise. */
  readonly dragPx: readonly [number, number] | null
  readonly onPointerDown: (e: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerMove: (e: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerUp: (e: ReactPointerEvent<HTMLElement>) => void
  readonly onPointerCancel: () => void
}

/**
 * Brushing by dragging across a plot: pixels are relative to the element the handlers sit on.
 * `canStart` decides whether a press at x starts a brush (inside the plot, not on a marker);
 * `onBrush` gets the ordered pixel range when the pointer is released after a real drag.
 */
export function useDragRange(canStart: (xPx: number, target: EventTarget) => boolean, onBrush: (x0: number, x1: number) => void): DragRange {
  const start = useRef<number | null>(null)
  const [dragPx, setDragPx] = useState<readonly [number, number] | null>(null)
  const xOf = (e: ReactPointerEvent<HTMLElement>): number => e.clientX - e.currentTarget.getBoundingClientRect().left
  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLElement>) => {
      if (e.button !== 0) return
      const x = xOf(e)
      if (!canStart(x, e.target)) return
      start.current = x
      e.currentTarget.setPointerCapture?.(e.pointerId)
    },
    [canStart],
  )
  const onPointerMove = useCallback((e: ReactPointerEvent<HTMLElement>) => {
    if (start.current === null) return
    const x = xOf(e)
    const a = start.current
    setDragPx(Math.abs(x - a) < MIN_DRAG_PX ? null : [Math.min(a, x), Math.max(a, x)])
  }, [])
  const onPointerUp = useCallback(
    (e: ReactPointerEvent<HTMLElement>) => {
      const a = start.current
      start.current = null
      setDragPx(null)
      if (a === null) return
      const x = xOf(e)
      if (Math.abs(x - a) >= MIN_DRAG_PX) onBrush(Math.min(a, x), Math.max(a, x))
    },
    [onBrush],
  )
  const onPointerCancel = useCallback(() => {
    start.current = null
    setDragPx(null)
  }, [])
  return { dragPx, onPointerDown, onPointerMove, onPointerUp, onPointerCancel }
}
