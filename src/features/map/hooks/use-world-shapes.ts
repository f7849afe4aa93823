import { useEffect, useState } from 'react'
import { loadWorldShapes } from '../utils/load-world-shapes.ts'
import type { MapDetail, WorldShapes } from '../utils/world-shapes.ts'

/**
 * The basemap shapes at a level of detail, loaded lazily. While a finer level loads, the last
 * loaded shapes stay on screen; a load error is returned so the panel can say so.
 */
export function useWorldShapes(detail: MapDetail): { shapes: WorldShapes | null; error: string | null } {
  const [shapes, setShapes] = useState<WorldShapes | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    loadWorldShapes(detail).then(
      (loaded) => {
        if (live) setShapes(loaded)
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e))
      },
    )
    return () => {
      live = false
    }
  }, [detail])
  return { shapes, error }
}
