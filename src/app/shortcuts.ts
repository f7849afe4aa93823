import { useEffect } from 'react'
import { isPanelName } from '../domain/panels.ts'
import type { ExportTarget } from '../state/export-slice.ts'
import { useWatchfloor } from '../state/store.ts'

/** The keyboard shortcuts, as the help overlay lists them. */
export const SHORTCUTS: readonly { readonly keys: string; readonly action: string }[] = [
  { keys: '/', action: 'Search: focus the text filter' },
  { keys: 'j / k', action: 'Next / previous event in the list' },
  { keys: 'Esc', action: 'Close the open detail or dialog; then restore a maximised panel' },
  { keys: 'Shift + C', action: 'Clear all filters' },
  { keys: 'e', action: 'Export the focused (or maximised) panel; elsewhere, the whole dashboard' },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Tab', action: 'Move through every control: header, filters, then each panel' },
  { keys: '← / → · Home / End', action: 'On a timeline mark: previous / next, first / last mark (Enter opens it)' },
]

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** The panel `e` exports: the one holding focus, else a maximised one, else the whole dashboard. */
export function exportTargetFor(focused: Element | null, root: ParentNode = document): ExportTarget {
  const panel = focused?.closest('[data-panel]') ?? root.querySelector('[data-panel][data-maximised]')
  const name = panel?.getAttribute('data-panel') ?? ''
  return isPanelName(name) ? name : 'dashboard'
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
        case 'e':
          store.openExport(exportTargetFor(document.activeElement))
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
