import { describe, expect, it } from 'vitest'
import { selectionBounds } from '../../../src/features/map/utils/selection-bounds.ts'
import type { MapShape } from '../../../src/features/map/utils/world-shapes.ts'

const box = (id: string, west: number, south: number, east: number, north: number): MapShape => ({
  id,
  name: id,
  polygons: [[[[west, south], [east, south], [east, north], [west, north], [west, south]]]],
})

describe('selectionBounds', () => {
  it('boxes the selected shapes only', () => {
    const shapes = [box('UA', 22, 44, 40, 52), box('PL', 14, 49, 24, 55), box('FR', -5, 42, 8, 51)]
    expect(selectionBounds(shapes, new Set(['UA', 'PL']))).toEqual([
      [44, 14],
      [55, 40],
    ])
    expect(selectionBounds(shapes, new Set(['XX']))).toBeNull()
  })

  it('goes over the antimeridian rather than round the world for a shape split at 180°', () => {
    // Russia in two pieces: 27° E – 180° and −180° – −169° (Chukotka).
    const russia: MapShape = {
      id: 'RU',
      name: 'Russia',
      polygons: [...box('RU', 27, 41, 180, 78).polygons, ...box('RU', -180, 64, -169, 71).polygons],
    }
    expect(selectionBounds([russia], new Set(['RU']))).toEqual([
      [41, 27],
      [78, 191],
    ])
  })
})
