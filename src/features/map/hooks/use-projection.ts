import { useEffect, useState } from 'react'
import type { EventTable } from '../../../domain/table-types.ts'
import { loadProjection, projectionIfReady } from '../utils/load-projection.ts'
import type { ProjectedPoints } from '../utils/mercator.ts'

/**
 * The projected positions of `table`'s rows, or null while a worker makes them (a large table;
 * see load-projection.ts). A small table's are made during the render that first needs them.
 */
export function useProjection(table: EventTable): ProjectedPoints | null {
  const ready = projectionIfReady(table)
  const [arrived, setArrived] = useState<{ readonly table: EventTable; readonly projected: ProjectedPoints } | null>(null)
  useEffect(() => {
    if (ready) return undefined
    let live = true
    void loadProjection(table).then((projected) => {
      if (live) setArrived({ table, projected })
    })
    return () => {
      live = false
    }
  }, [table, ready])
  return ready ?? (arrived?.table === table ? arrived.projected : null)
}
