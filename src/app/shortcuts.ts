import { useEffect } from 'react'
import { useWatchfloor } from '../state/store.ts'

/** The keyboard shortcuts, as the help overlay lists them. */
export const SHORTCUTS: readonly { readonly keys: string; readonly action: string }[] = [
  { keys: '/', action: 'Search: focus the text filter' },
  { keys: 'j / k', action: 'Next / previous event in the list' },
  { keys: 'Esc', action: 'Close the open detail or dialog' },
  { keys: 'Shift + C', action: 'Clear all filters' },
  { keys: '?', action: 'Show or hide this help' },
]

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Installs the dashboard's keyboard shortcuts; they stay out of the way while the user types. */
export function useKeyboardShortcuts(onToggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return
      const store = useWatchfloor.getState()
      switch (e.key) {
        case '/': {
          const search = document.querySelector<HTMLInputElement>('[data-testid="filter-text"]')
          if (search) {
            e.preventDefault()
            search.focus()
          }
          return
        }
        case 'j':
          store.selectAdjacentEvent(1)
          return
        case 'k':
          store.selectAdjacentEvent(-1)
          return
        case 'C':
          store.clearFilters()
          return
        case '?':
          e.preventDefault()
          onToggleHelp()
          return
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onToggleHelp])
}
