/**
 * The theme colours the shapes need, read from the CSS variables in force (src/app/styles.css),
 * because a canvas renderer cannot use CSS. Re-read whenever the theme may have changed.
 */
export interface MapTheme {
  readonly land: string
  readonly border: string
  readonly accent: string
  readonly muted: string
  /** The outline of a place early warning flags (a surge). */
  readonly danger: string
  /** Fill for "no recent activity": a hatch (a CanvasPattern on canvas, an SVG paint server on SVG). */
  readonly quietFill: string | CanvasPattern
}

const FALLBACK = { land: '#1c2533', border: '#2a3547', accent: '#7cc4ff', muted: '#93a0b4', danger: '#ff8a80' }

function hatch(land: string, line: string): CanvasPattern | null {
  const tile = document.createElement('canvas')
  tile.width = 6
  tile.height = 6
  const ctx = tile.getContext('2d')
  if (!ctx) return null
  ctx.fillStyle = land
  ctx.fillRect(0, 0, 6, 6)
  ctx.strokeStyle = line
  ctx.lineWidth = 1.6
  ctx.beginPath()
  // Diagonals that meet across tile edges, so the hatch is seamless.
  ctx.moveTo(-1, 1)
  ctx.lineTo(1, -1)
  ctx.moveTo(0, 6)
  ctx.lineTo(6, 0)
  ctx.moveTo(5, 7)
  ctx.lineTo(7, 5)
  ctx.stroke()
  return ctx.createPattern(tile, 'repeat')
}

/** Reads the theme from an element's computed style. `svgHatch` names the SVG pattern to use without canvas. */
export function readMapTheme(element: Element, canvas: boolean, svgHatch: string): MapTheme {
  const style = getComputedStyle(element)
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback
  const land = v('--map-land', v('--surface-2', FALLBACK.land))
  const muted = v('--muted', FALLBACK.muted)
  const pattern = canvas ? hatch(land, 'rgba(122, 132, 148, 0.75)') : null
  return {
    land,
    border: v('--border', FALLBACK.border),
    accent: v('--accent', FALLBACK.accent),
    muted,
    danger: v('--danger', FALLBACK.danger),
    quietFill: pattern ?? `url(#${svgHatch})`,
  }
}
