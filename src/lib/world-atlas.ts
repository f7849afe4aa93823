/**
 * The world-atlas country topologies (Natural Earth, TopoJSON) as one file each, served from our
 * own origin and fetched by URL. Every reader — the basemap worker, the picture exporter, the
 * main-thread fallback — goes through here, so the build holds each file once: importing the
 * JSON as a module would copy it into every bundle that imports it (a worker is a bundle of its
 * own). Parsed with JSON.parse, which is also quicker than parsing the same data as a script.
 */
import type { Topology } from 'topojson-specification'
import url110m from 'world-atlas/countries-110m.json?url'
import url50m from 'world-atlas/countries-50m.json?url'

export type WorldAtlasDetail = '110m' | '50m'

/** The served address of a detail's file (relative to the page or worker that asks). */
export function worldAtlasUrl(detail: WorldAtlasDetail): string {
  return detail === '110m' ? url110m : url50m
}

/** Fetches and parses a detail's topology; rejects with a readable message when it cannot. */
export async function fetchWorldAtlas(detail: WorldAtlasDetail): Promise<Topology> {
  const url = worldAtlasUrl(detail)
  const response = await fetch(url)
  if (!response.ok) throw new Error(`the ${detail} basemap (${url}) answered ${response.status}`)
  return (await response.json()) as Topology
}
