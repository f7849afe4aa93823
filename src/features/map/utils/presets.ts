/** Region presets: a name and the box (degrees) the map fits to. */
export interface MapPreset {
  readonly id: string
  readonly name: string
  /** [[south, west], [north, east]] */
  readonly bounds: readonly [readonly [number, number], readonly [number, number]]
}

export const MAP_PRESETS: readonly MapPreset[] = [
  { id: 'world', name: 'World', bounds: [[-56, -170], [75, 180]] },
  { id: 'europe', name: 'Europe', bounds: [[34, -25], [71, 45]] },
  { id: 'eastern-europe', name: 'Eastern Europe', bounds: [[41, 12], [60, 50]] },
  { id: 'middle-east', name: 'Middle East', bounds: [[12, 25], [42, 63]] },
  { id: 'asia', name: 'Asia', bounds: [[-10, 35], [60, 150]] },
  { id: 'indo-pacific', name: 'Indo-Pacific', bounds: [[-47, 60], [45, 180]] },
  { id: 'africa', name: 'Africa', bounds: [[-35, -20], [38, 52]] },
  { id: 'americas', name: 'Americas', bounds: [[-56, -168], [72, -30]] },
]
