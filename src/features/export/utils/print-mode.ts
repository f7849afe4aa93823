export type Paper = 'A4' | 'Letter'

export type Orientation = 'landscape' | 'portrait'

const STYLE_ID = 'watchfloor-print-page'

/** Sets the printed page size: A4 or Letter, landscape or portrait (an @page rule; CSS cannot switch it by class). */
export function setPaper(paper: Paper, orientation: Orientation = 'landscape'): void {
  let style = document.getElementById(STYLE_ID) as HTMLStyleElement | null
  if (!style) {
    style = document.createElement('style')
    style.id = STYLE_ID
    document.head.append(style)
  }
  style.textContent = `@page { size: ${paper === 'A4' ? 'A4' : 'letter'} ${orientation}; margin: 8mm; }`
}

/**
 * Print mode: light theme and the print layout (html[data-print]); with `print`, opens the
 * browser's print dialog ("Save as PDF") and leaves print mode afterwards.
 */
export function enterPrintMode(paper: Paper, print: boolean): void {
  const root = document.documentElement
  setPaper(paper)
  const previousTheme = root.dataset.theme
  root.dataset.print = paper
  root.dataset.theme = 'light'
  if (!print) return
  const leave = (): void => {
    window.removeEventListener('afterprint', leave)
    delete root.dataset.print
    if (previousTheme === undefined) delete root.dataset.theme
    else root.dataset.theme = previousTheme
  }
  window.addEventListener('afterprint', leave)
  // Let the map and charts redraw in the light theme first.
  requestAnimationFrame(() => requestAnimationFrame(() => window.print()))
}
