import { useEffect, type RefObject } from 'react'

const FOCUSABLE = [
  'a[href]',
  'area[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  'summary',
  '[contenteditable="true"]',
  '[tabindex]',
].join(',')

/** What Tab can reach inside `root`, in document order (tabindex ≥ 0, enabled, shown). */
export function tabbablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[inert],[hidden]') && (typeof el.checkVisibility !== 'function' || el.checkVisibility()),
  )
}

/**
 * For a modal dialog: moves focus into it on open, keeps Tab and Shift+Tab cycling inside it
 * (from the last control to the first and back), closes it on Escape, and gives focus back to
 * whatever opened it (the opener) when it closes. Focus starts on `initialFocusRef` when given,
 * else on the dialog itself. `onClose` should be stable (useCallback).
 */
export function useModalFocus(
  dialogRef: RefObject<HTMLElement | null>,
  onClose: () => void,
  initialFocusRef?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    if (initialFocusRef?.current) initialFocusRef.current.focus()
    else if (!dialog.contains(document.activeElement)) dialog.focus()
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        onClose()
        return
      }
      if (e.key !== 'Tab') return
      const items = tabbablesIn(dialog)
      if (items.length === 0) {
        e.preventDefault()
        dialog.focus()
        return
      }
      const first = items[0]!
      const last = items[items.length - 1]!
      const active = document.activeElement
      const inside = active instanceof Node && dialog.contains(active) && active !== dialog
      if (e.shiftKey && (!inside || active === first)) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && (!inside || active === last)) {
        e.preventDefault()
        first.focus()
      }
    }
    // Focus that lands outside (a click on the page behind, a screen reader's jump) comes back.
    const onFocusIn = (e: FocusEvent): void => {
      if (e.target instanceof Node && !dialog.contains(e.target)) dialog.focus()
    }
    window.addEventListener('keydown', onKey)
    document.addEventListener('focusin', onFocusIn)
    return () => {
      window.removeEventListener('keydown', onKey)
      document.removeEventListener('focusin', onFocusIn)
      if (opener?.isConnected) opener.focus()
    }
  }, [dialogRef, onClose, initialFocusRef])
}
