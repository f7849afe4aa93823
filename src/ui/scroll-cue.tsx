import { useEffect, useRef, useState, type ReactNode } from 'react'
import './scroll-cue.css'

/** An item counts as out of sight when more than this much of it, px, would be lost. */
const TOLERANCE_PX = 2

/**
 * Watches which of the scroller's child elements are cut off, wholly or in part, below its
 * visible box, and calls `report` with their number whenever it changes. An IntersectionObserver
 * does the geometry after the browser's own layout, so a re-render never forces a layout.
 */
function watchBelow(scroller: HTMLElement, report: (below: number) => void): () => void {
  const below = new Set<Element>()
  const intersections = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const root = entry.rootBounds
        const box = entry.boundingClientRect
        const cut = root !== null && box.height > 0 && box.bottom > root.bottom + TOLERANCE_PX
        if (cut) below.add(entry.target)
        else below.delete(entry.target)
      }
      report(below.size)
    },
    { root: scroller, threshold: [0, 0.25, 0.5, 0.75, 0.99, 1] },
  )
  for (const child of scroller.children) intersections.observe(child)
  // Items come and go with the data, and move when they are ranked again. An item added (or
  // moved) is reported by the observer's first callback for it, after the browser's layout; only
  // when items went and none came is the count reported here, so a reordering reports once.
  const mutations = new MutationObserver((records) => {
    let added = false
    for (const record of records) {
      for (const node of record.removedNodes) {
        if (node instanceof Element) {
          intersections.unobserve(node)
          below.delete(node)
        }
      }
      for (const node of record.addedNodes) {
        if (node instanceof Element) {
          intersections.observe(node)
          added = true
        }
      }
    }
    if (!added) report(below.size)
  })
  mutations.observe(scroller, { childList: true })
  return () => {
    intersections.disconnect()
    mutations.disconnect()
  }
}

interface ScrollCueListProps {
  /** What an item is, singular and plural, for the cue: "1 more gauge below", "3 more gauges below". */
  readonly itemName: readonly [one: string, other: string]
  /** The class of the scrolling box (its grid or list layout); its children are the items. */
  readonly className: string
  readonly children: ReactNode
  readonly testId?: string
}

/**
 * A scrolling box of items that says when some are out of sight: a fade along the bottom edge
 * and a button "3 more gauges below" that scrolls them into view. The count is of items cut off
 * in whole or in part, so a half-shown row counts. The cue goes once the last item is in view.
 */
export function ScrollCueList({ itemName, className, children, testId }: ScrollCueListProps) {
  const scrollerRef = useRef<HTMLDivElement>(null)
  const [below, setBelow] = useState(0)
  useEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller || typeof IntersectionObserver === 'undefined') return
    return watchBelow(scroller, setBelow)
  }, [])
  const showMore = (): void => {
    const scroller = scrollerRef.current
    if (!scroller) return
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
    scroller.scrollBy({ top: Math.max(40, scroller.clientHeight - 40), behavior: smooth ? 'smooth' : 'auto' })
  }
  return (
    <div className={`scroll-cue-list${below > 0 ? ' scroll-cue-list--more' : ''}`}>
      <div ref={scrollerRef} className={`scroll-cue-list__scroller ${className}`} data-testid={testId}>
        {children}
      </div>
      {below > 0 && (
        <button type="button" className="scroll-cue" data-testid="scroll-cue" data-below={below} onClick={showMore}>
          <span aria-hidden="true">▾</span> {below} more {below === 1 ? itemName[0] : itemName[1]} below
        </button>
      )}
    </div>
  )
}
