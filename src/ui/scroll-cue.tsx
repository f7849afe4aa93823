import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import './scroll-cue.css'

/** An item counts as out of sight when less than this much of it, px, would be lost. */
const TOLERANCE_PX = 2

/** How many of the scroller's child elements are cut off, wholly or in part, below its visible box. */
function countBelow(scroller: HTMLElement): number {
  const bottom = scroller.getBoundingClientRect().bottom + TOLERANCE_PX
  let below = 0
  for (const child of scroller.children) {
    const rect = child.getBoundingClientRect()
    if (rect.height > 0 && rect.bottom > bottom) below += 1
  }
  return below
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
  const measure = useCallback(() => {
    const scroller = scrollerRef.current
    if (scroller) setBelow(countBelow(scroller))
  }, [])
  useEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller) return
    measure()
    // The box changes with the window and the panel (maximised); the items with the data.
    const resize = new ResizeObserver(measure)
    resize.observe(scroller)
    const mutations = new MutationObserver(measure)
    mutations.observe(scroller, { childList: true })
    for (const child of scroller.children) resize.observe(child)
    scroller.addEventListener('scroll', measure, { passive: true })
    return () => {
      resize.disconnect()
      mutations.disconnect()
      scroller.removeEventListener('scroll', measure)
    }
  }, [measure, children])
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
