import { useCallback, useLayoutEffect, useState } from 'react'

export interface ElementSize {
  readonly width: number
  readonly height: number
}

const ZERO: ElementSize = { width: 0, height: 0 }

/**
 * The content size of an element, kept up to date with a ResizeObserver. Returns a callback ref,
 * so an element that mounts later (after data arrives) is still measured. Sizes are rounded to
 * whole pixels and a new object is made only when they change, so charts keep stable props.
 */
export function useElementSize<T extends HTMLElement>(): [(el: T | null) => void, ElementSize] {
  const [element, setElement] = useState<T | null>(null)
  const [size, setSize] = useState<ElementSize>(ZERO)
  const ref = useCallback((el: T | null) => setElement(el), [])
  useLayoutEffect(() => {
    if (!element) return
    const update = (width: number, height: number): void => {
      const w = Math.round(width)
      const h = Math.round(height)
      setSize((prev) => (prev.width === w && prev.height === h ? prev : { width: w, height: h }))
    }
    update(element.clientWidth, element.clientHeight)
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect
      if (box) update(box.width, box.height)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [ref, size]
}
