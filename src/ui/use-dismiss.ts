import { useEffect, type RefObject } from 'react'

/**
 * For a detail view or dialog: moves focus into it when it opens (to `focusRef`) and closes it
 * on Escape. `onClose` should be stable (useCallback), or the listener is re-attached each render.
 */
export function useDismiss(onClose: () => void, focusRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    focusRef.current?.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose, focusRef])
}
