import { projectColumns, type ProjectedPoints } from '../domain/geo/mercator.ts'
import type { LocalEngine } from '../domain/engine/local/local-engine.ts'

/**
 * A large table's map positions are made in a worker, so the main thread only copies the two
 * position columns over; the engine draws no events on the map until they arrive. Where there
 * are no workers, or the worker fails, they are made here: the same numbers, only slower.
 */

const placing = new WeakMap<LocalEngine, Promise<void>>()

function inWorker(engine: LocalEngine): Promise<ProjectedPoints> {
  return new Promise((resolve) => {
    const here = (): void => {
      const { latDeg, lonDeg } = engine.positionColumns()
      resolve(projectColumns(latDeg, lonDeg))
    }
    if (typeof Worker !== 'function') return here()
    let worker: Worker
    try {
      worker = new Worker(new URL('../workers/project.worker.ts', import.meta.url), { type: 'module' })
    } catch {
      return here()
    }
    worker.onmessage = (event: MessageEvent<ProjectedPoints>) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = worker.onmessageerror = () => {
      worker.terminate()
      here()
    }
    // Copies of the columns go over, transferred; the results come back transferred.
    const { latDeg, lonDeg } = engine.positionColumns()
    worker.postMessage({ latDeg, lonDeg }, [latDeg.buffer, lonDeg.buffer])
  })
}

/** Makes `engine`'s map positions if it awaits them (once per engine) and gives them to it. */
export function placeEvents(engine: LocalEngine): Promise<void> {
  let placed = placing.get(engine)
  if (placed === undefined) {
    placed = engine.awaitsPositions ? inWorker(engine).then((positions) => engine.setPositions(positions)) : Promise.resolve()
    placing.set(engine, placed)
  }
  return placed
}

/**
 * Starts placing a large new table's events once its count has painted: a frame callback comes
 * just before a paint and a task it posts runs after it; a hidden tab gets no frames, so a timer
 * stands in.
 */
export function placeEventsAfterPaint(engine: LocalEngine, placed: () => void): void {
  if (!engine.awaitsPositions) return
  let started = false
  const start = (): void => {
    if (started) return
    started = true
    void placeEvents(engine).then(placed)
  }
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(start, 0))
  setTimeout(start, 100)
}
