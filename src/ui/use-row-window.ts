import { useCallback, useEffect, useState } from 'react'

/**
 * The tallest scroll box a list is given. Browsers stop laying out boxes somewhere above
 * 17 million pixels (Firefox) or 33 million (Chromium); past this height the list scrolls
 * through its rows proportionally instead (see `rowWindow`).
 */
export const MAX_SCROLL_PX = 15_000_000

/** Height assumed before the scroll box is measured (a first render, or no layout at all). */
const UNMEASURED_PX = 480

/** The rows of a fixed-height list to draw for one scroll position. */
export interface RowWindow {
  /** First and one-past-last index to draw, overscan included. */
  readonly first: number
  readonly end: number
  /** Height of the box inside the scroll box. */
  readonly height: number
  /** Pixels from the inner box's top to row `index`'s top. */
  readonly topOf: (index: number) => number
}

/**
 * The window of `count` rows of `rowHeight` px seen through a box `viewport` px tall scrolled to
 * `scrollTop`, with `overscan` rows either side. Up to MAX_SCROLL_PX the box is as tall as every
 * row and a row sits at index × rowHeight. Past it the box is capped, and a scroll position maps
 * proportionally onto the rows (top and bottom stay exact), with the rows in view placed around
 * the scroll position: constant work and memory whatever the count, where a general virtualiser
 * keeps one measurement per row.
 */
export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan: number): RowWindow {
  const content = count * rowHeight
  const height = Math.min(content, MAX_SCROLL_PX)
  const room = Math.max(0, height - viewport)
  const top = Math.max(0, Math.min(scrollTop, room))
  // Content pixels per box pixel: 1 until the cap.
  const ratio = room > 0 && content > height ? (content - viewport) / room : 1
  const contentTop = top * ratio
  const first = Math.max(0, Math.floor(contentTop / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((contentTop + viewport) / rowHeight) + overscan)
  return { first, end, height, topOf: (index) => top + index * rowHeight - contentTop }
}

/**
 * `rowWindow` for a scroll box: returns a ref callback for the box and the window for its
 * current scroll position and height, updated on scroll and resize.
 */
export function useRowWindow(count: number, rowHeight: number, overscan: number): { ref: (el: HTMLElement | null) => void; window: RowWindow } {
  const [box, setBox] = useState<HTMLElement | null>(null)
  const [scroll, setScroll] = useState({ top: 0, viewport: UNMEASURED_PX })
  const ref = useCallback((el: HTMLElement | null) => setBox(el), [])
  useEffect(() => {
    if (box === null) return
    const read = (): void => {
      const viewport = box.clientHeight > 0 ? box.clientHeight : UNMEASURED_PX
      setScroll((s) => (s.top === box.scrollTop && s.viewport === viewport ? s : { top: box.scrollTop, viewport }))
    }
    read()
    box.addEventListener('scroll', read, { passive: true })
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read)
    observer?.observe(box)
    return () => {
      box.removeEventListener('scroll', read)
      observer?.disconnect()
    }
  }, [box])
  return { ref, window: rowWindow(count, rowHeight, scroll.top, scroll.viewport, overscan) }
}
