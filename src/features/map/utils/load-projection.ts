import type { EventTable } from '../../../domain/table-types.ts'
import { projectColumns, type ProjectedPoints } from './mercator.ts'

/**
 * Tables from this size are projected in a worker; smaller ones on the main thread, at once. The
 * projection costs about 35 ns a row once optimised (2 ms at 50,000 rows, 35 ms at a million),
 * and several times that on its first large run; the worker costs the main thread a copy of the
 * two position columns.
 */
export const PROJECT_IN_WORKER_ROWS = 50_000

// One projection per table, shared by every mount of the map; dropped with the table.
const done = new WeakMap<EventTable, ProjectedPoints>()
const pending = new WeakMap<EventTable, Promise<ProjectedPoints>>()

function inWorker(table: EventTable): Promise<ProjectedPoints> {
  return new Promise((resolve) => {
    const onMainThread = (): void => resolve(projectColumns(table.latDeg, table.lonDeg))
    let worker: Worker
    try {
      worker = new Worker(new URL('./project.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      onMainThread()
      return
    }
    worker.onmessage = (event: MessageEvent<ProjectedPoints>) => {
      worker.terminate()
      resolve(event.data)
    }
    // The same numbers either way: a failed worker only costs the main thread the time.
    worker.onerror = worker.onmessageerror = () => {
      worker.terminate()
      onMainThread()
    }
    // Copies of the columns go over (the table keeps its own; a column may be a view into a larger
    // buffer, so only its own bytes are copied); the results come back transferred.
    const latDeg = table.latDeg.slice()
    const lonDeg = table.lonDeg.slice()
    worker.postMessage({ latDeg, lonDeg }, [latDeg.buffer, lonDeg.buffer])
  })
}

/** Whether a table's projection is made in a worker (large tables, where workers exist). */
export function projectsInWorker(table: EventTable): boolean {
  return table.size >= PROJECT_IN_WORKER_ROWS && typeof Worker === 'function'
}

/** The table's projected positions if already made (a small table's are made now), else undefined. */
export function projectionIfReady(table: EventTable): ProjectedPoints | undefined {
  let projected = done.get(table)
  if (projected === undefined && !projectsInWorker(table)) {
    projected = projectColumns(table.latDeg, table.lonDeg)
    done.set(table, projected)
  }
  return projected
}

/**
 * The table's projected positions (Web Mercator world units, see mercator.ts), made once per
 * table: in a worker for a large table, so the main thread only copies the columns over.
 */
export function loadProjection(table: EventTable): Promise<ProjectedPoints> {
  const ready = projectionIfReady(table)
  if (ready) return Promise.resolve(ready)
  let request = pending.get(table)
  if (!request) {
    request = inWorker(table).then((projected) => {
      done.set(table, projected)
      pending.delete(table)
      return projected
    })
    pending.set(table, request)
  }
  return request
}
