/// <reference lib="webworker" />
/**
 * Builds the basemap shapes off the main thread (decoding, antimeridian splitting and region
 * merging take 100–600 ms at 50m) and posts them back as transferable buffers.
 */
import { packShapes, transferablesOf } from './shape-packing.ts'
import { fetchWorldAtlas } from '../../../lib/world-atlas.ts'
import { buildWorldShapes, type MapDetail } from './world-shapes.ts'

declare const self: DedicatedWorkerGlobalScope

self.onmessage = async (event: MessageEvent<MapDetail>) => {
  const detail = event.data
  try {
    const packed = packShapes(buildWorldShapes(await fetchWorldAtlas(detail), detail))
    self.postMessage({ ok: true, packed }, transferablesOf(packed))
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
  }
}
