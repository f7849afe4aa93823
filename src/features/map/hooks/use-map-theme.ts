import { useEffect, useMemo, useState } from 'react'
import { readMapTheme, type MapTheme } from '../utils/map-theme.ts'

/** A number that changes when the colour scheme or the page's theme attributes change. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const bump = (): void => setVersion((v) => v + 1)
    const scheme = window.matchMedia?.('(prefers-color-scheme: light)')
    scheme?.addEventListener?.('change', bump)
    const observer = new MutationObserver(bump)
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] })
    return () => {
      scheme?.removeEventListener?.('change', bump)
      observer.disconnect()
    }
  }, [])
  return version
}

export interface MapThemeReader {
  /** Changes with the theme: an effect that paints with the theme lists it among its dependencies. */
  readonly version: number
  /** The theme as `readMapTheme` gives it, read once per theme and element, not on every filter change. */
  read(element: Element, canvas: boolean, svgHatch: string): MapTheme
}

/**
 * The map's colours for effects that restyle shapes and markers. Reading them takes a computed
 * style, which forces the browser to bring styles up to date in the middle of a commit; kept
 * until the theme changes, a filter change never pays for it.
 */
export function useMapTheme(): MapThemeReader {
  const version = useThemeVersion()
  return useMemo(() => {
    const kept = new Map<string, { element: Element; theme: MapTheme }>()
    return {
      version,
      read(element, canvas, svgHatch) {
        const key = `${canvas}:${svgHatch}`
        const hit = kept.get(key)
        if (hit?.element === element) return hit.theme
        const theme = readMapTheme(element, canvas, svgHatch)
        kept.set(key, { element, theme })
        return theme
      },
    }
  }, [version])
}
