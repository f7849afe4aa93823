import type { Topology } from 'topojson-specification'
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'
import { buildWorldShapes, resolveShapeCountry } from '../../../src/features/map/utils/world-shapes.ts'

const shapes = buildWorldShapes(countries110m as unknown as Topology, '110m')

describe('world shapes from world-atlas 110m', () => {
  it('resolves shapes without an id by name (N. Cyprus, Somaliland, Kosovo)', () => {
    const byName = new Map(shapes.countries.map((s) => [s.name, s.id]))
    expect(resolveShapeCountry(undefined, 'Kosovo')).toBe('XK')
    expect(resolveShapeCountry(undefined, 'N. Cyprus')).toBe('CY')
    expect(resolveShapeCountry(undefined, 'Somaliland')).toBe('SO')
    expect(byName.get('Kosovo')).toBe('XK')
    expect(shapes.countries.filter((s) => s.id === null)).toEqual([])
  })

  it('keeps shapes that share an id apart, both under the same country (Australia at 50m)', () => {
    expect(resolveShapeCountry('036', 'Ashmore and Cartier Is.')).toBe('AU')
    expect(resolveShapeCountry('036', 'Australia')).toBe('AU')
    expect(resolveShapeCountry(undefined, 'Siachen Glacier')).toBeNull()
  })

  it('has no edge that jumps across the map (Russia, Fiji, Antarctica)', () => {
    for (const shape of [...shapes.countries, ...shapes.regions]) {
      for (const polygon of shape.polygons) {
        for (const ring of polygon) {
          for (let i = 1; i < ring.length; i++) {
            const [a, b] = [ring[i - 1]!, ring[i]!]
            if (Math.abs(a[0] - b[0]) > 180) expect({ shape: shape.id, lat: [a[1], b[1]] }).toEqual({ shape: shape.id, lat: [-90, -90] })
            expect(Math.abs(b[0])).toBeLessThanOrEqual(180)
          }
        }
      }
    }
    const russia = shapes.countries.find((s) => s.id === 'RU')!
    const lons = russia.polygons.flatMap((p) => p[0]!.map((q) => q[0]))
    expect(Math.max(...lons)).toBe(180)
    expect(Math.min(...lons)).toBe(-180)
  })

  it('dissolves M49 sub-regions from their countries', () => {
    const ids = shapes.regions.map((r) => r.id)
    expect(ids).toContain('eastern-europe')
    expect(ids).toContain('western-asia')
    const eastEurope = shapes.regions.find((r) => r.id === 'eastern-europe')!
    expect(eastEurope.name).toBe('Eastern Europe')
    // Merged: fewer outer rings than the ten member countries have between them.
    const memberRings = shapes.countries
      .filter((c) => ['BG', 'BY', 'CZ', 'HU', 'MD', 'PL', 'RO', 'RU', 'SK', 'UA'].includes(c.id ?? ''))
      .reduce((n, c) => n + c.polygons.length, 0)
    expect(eastEurope.polygons.length).toBeLessThan(memberRings)
  })
})
