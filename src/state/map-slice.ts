import type { StateCreator } from 'zustand'
import type { WatchfloorState } from './store-types.ts'

/** Where the map looks: its centre in degrees and its zoom (Leaflet zoom levels). */
export interface MapView {
  readonly latDeg: number
  readonly lonDeg: number
  readonly zoom: number
}

export interface MapSlice {
  /** The map's view; null until the map (or the URL) sets one, meaning "the whole world". */
  readonly mapView: MapView | null
  setMapView(view: MapView | null): void
}

export const createMapSlice: StateCreator<WatchfloorState, [], [], MapSlice> = (set) => ({
  mapView: null,
  setMapView: (mapView) => set({ mapView }),
})
