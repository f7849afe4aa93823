import { useEffect, useRef, type RefObject } from 'react'

const MARK = '.timeline-mark'

function step(key: string, at: number, last: number): number | null {
  if (key === 'ArrowRight' || key === 'ArrowDown') return Math.min(last, at + 1)
  if (key === 'ArrowLeft' || key === 'ArrowUp') return Math.max(0, at - 1)
  if (key === 'Home') return 0
  if (key === 'End') return last
  return null
}

/**
 * One Tab stop for all the event marks of the timeline (WAI-ARIA roving tabindex): the marks
 * inside the returned ref's element take tabindex -1 except the last one focused (at first, the
 * first one); arrow keys, Home and End move between them in document order. Without it, a
 * dataset's hundreds of marks would each be a Tab stop before the next panel.
 *
 * Marks come and go as the data and zoom change, so a MutationObserver keeps the rule; it watches
 * child lists only, so setting tabindex does not wake it again.
 */
export function useRovingMarks<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null)
  useEffect(() => {
    const root = ref.current
    if (!root) return
    let active: Element | null = null
    const marks = (): Element[] => [...root.querySelectorAll(MARK)]
    const normalise = (): void => {
      const all = marks()
      if (!active?.isConnected) active = all[0] ?? null
      for (const mark of all) {
        const tabIndex = mark === active ? '0' : '-1'
        if (mark.getAttribute('tabindex') !== tabIndex) mark.setAttribute('tabindex', tabIndex)
      }
    }
    const onFocusIn = (e: FocusEvent): void => {
      const mark = e.target instanceof Element ? e.target.closest(MARK) : null
      if (mark && mark !== active) {
        active = mark
        normalise()
      }
    }
    const onKeyDown = (e: KeyboardEvent): void => {
      const mark = e.target instanceof Element ? e.target.closest(MARK) : null
      if (!mark || e.altKey || e.ctrlKey || e.metaKey) return
      const all = marks()
      const next = step(e.key, all.indexOf(mark), all.length - 1)
      if (next === null) return
      e.preventDefault()
      ;(all[next] as HTMLElement | SVGElement | undefined)?.focus()
    }
    normalise()
    const observer = new MutationObserver(normalise)
    observer.observe(root, { childList: true, subtree: true })
    root.addEventListener('focusin', onFocusIn)
    root.addEventListener('keydown', onKeyDown)
    return () => {
      observer.disconnect()
      root.removeEventListener('focusin', onFocusIn)
      root.removeEventListener('keydown', onKeyDown)
    }
  }, [])
  return ref
}
