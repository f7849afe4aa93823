import { unpackShapes, type PackedShapes } from './shape-packing.ts'
import { fetchWorldAtlas } from '../../../lib/world-atlas.ts'
import { buildWorldShapes, type MapDetail, type WorldShapes } from './world-shapes.ts'

type WorkerReply = { ok: true; packed: PackedShapes } | { ok: false; message: string }

function inWorker(detail: MapDetail): Promise<WorldShapes> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./world-shapes.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      worker.terminate()
      if (event.data.ok) resolve(unpackShapes(event.data.packed))
      else reject(new Error(event.data.message))
    }
    worker.onerror = (event) => {
      worker.terminate()
      reject(new Error(event.message || 'the basemap worker failed'))
    }
    worker.postMessage(detail)
  })
}

const cache = new Map<MapDetail, Promise<WorldShapes>>()

/**
 * Loads the shapes for a level of detail, once, building them in a worker (on the main thread
 * where workers are missing, as in jsdom). The topology is a chunk fetched from our own origin
 * (110m ≈ 40 KB, 50m ≈ 240 KB gzip), never from the network at large.
 */
export function loadWorldShapes(detail: MapDetail): Promise<WorldShapes> {
  let pending = cache.get(detail)
  if (!pending) {
    pending =
      typeof Worker === 'function'
        ? inWorker(detail)
        : fetchWorldAtlas(detail).then((topology) => buildWorldShapes(topology, detail))
    pending.catch(() => cache.delete(detail))
    cache.set(detail, pending)
  }
  return pending
}
