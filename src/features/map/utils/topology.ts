import type { Topology } from 'topojson-specification'
import type { MapDetail } from './world-shapes.ts'

/** The world-atlas topology for a level of detail: a separate chunk from our own origin. */
export async function importTopology(detail: MapDetail): Promise<Topology> {
  const m = detail === '110m' ? await import('world-atlas/countries-110m.json') : await import('world-atlas/countries-50m.json')
  return m.default as unknown as Topology
}
