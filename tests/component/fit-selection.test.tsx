import { renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useFitSelection } from '../../src/features/map/hooks/use-fit-selection.ts'
import type { LeafletMap } from '../../src/lib/leaflet/leaflet.ts'
import type { MapShape } from '../../src/features/map/utils/world-shapes.ts'

/** A map that records its fits and lets a test fire its events (a user's zoom, a resize). */
function fakeMap() {
  const handlers = new Map<string, Set<() => void>>()
  const fits: number[][][] = []
  const each = (names: string, f: (name: string) => void): void => names.split(' ').forEach(f)
  const map = {
    on(names: string, handler: () => void) {
      each(names, (n) => handlers.set(n, (handlers.get(n) ?? new Set()).add(handler)))
      return map
    },
    off(names: string, handler: () => void) {
      each(names, (n) => handlers.get(n)?.delete(handler))
      return map
    },
    getSize: () => ({ x: 800, y: 400 }),
    fitBounds(bounds: number[][]) {
      // Leaflet fires zoomstart for its own fits too: the hook must not take them for the user's.
      for (const h of handlers.get('zoomstart') ?? []) h()
      fits.push(bounds)
      return map
    },
  }
  const fire = (name: string): void => {
    for (const h of handlers.get(name) ?? []) h()
  }
  return { map: map as unknown as LeafletMap, fits, fire }
}

const square = (id: string, west: number, south: number): MapShape => ({
  id,
  name: id,
  polygons: [[[[west, south], [west + 10, south], [west + 10, south + 10], [west, south + 10], [west, south]]]],
})
const SHAPES = [square('UA', 20, 40), square('KE', 30, -5)]
const UA_BOX = [[40, 20], [50, 30]]
const BOTH_BOX = [[-5, 20], [50, 40]]
const NO_SELECTION = { regions: [], countries: [] }

interface Props {
  countries: ReadonlySet<string> | null
  dataCountries: ReadonlySet<string> | null
}

describe('fitting the map', () => {
  it('fits the world, then the data once its places come, and keeps a view the user chose before they came', () => {
    const { map, fits, fire } = fakeMap()
    const { rerender } = renderHook((p: Props) => useFitSelection(map, SHAPES, NO_SELECTION, p.countries, p.dataCountries, false), {
      initialProps: { countries: null, dataCountries: null } as Props,
    })
    expect(fits).toHaveLength(1) // the world, while there is no data
    fire('zoomstart') // the user zooms in
    rerender({ countries: null, dataCountries: new Set(['UA', 'KE']) })
    expect(fits).toHaveLength(1)
    fire('resize') // maximised: the user's view stays
    expect(fits).toHaveLength(1)
    // A selection fits the map to it, whatever the user did before.
    rerender({ countries: new Set(['UA']), dataCountries: new Set(['UA', 'KE']) })
    expect(fits.at(-1)).toEqual(UA_BOX)
    // Cleared, the map goes back to the data.
    rerender({ countries: null, dataCountries: new Set(['UA', 'KE']) })
    expect(fits.at(-1)).toEqual(BOTH_BOX)
    expect(fits).toHaveLength(3)
  })

  it('fits the data when its places come before the user has moved the map, and again on a resize', () => {
    const { map, fits, fire } = fakeMap()
    const { rerender } = renderHook((p: Props) => useFitSelection(map, SHAPES, NO_SELECTION, p.countries, p.dataCountries, false), {
      initialProps: { countries: null, dataCountries: null } as Props,
    })
    rerender({ countries: null, dataCountries: new Set(['UA', 'KE']) })
    expect(fits).toHaveLength(2)
    expect(fits.at(-1)).toEqual(BOTH_BOX)
    fire('resize')
    expect(fits).toHaveLength(3)
    expect(fits.at(-1)).toEqual(BOTH_BOX)
  })
})
