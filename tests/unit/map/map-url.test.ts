import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { LATEST_AS_OF } from '../../../src/domain/engine/views-engine.ts'
import { parseMapView, parseUrlState, serialiseMapView, serialiseUrlState } from '../../../src/state/url-state.ts'

describe('map view in the URL', () => {
  it('reads map=lat,lon,zoom and leaves it out when absent or malformed', () => {
    expect(parseUrlState('?map=48.5,20.25,4').mapView).toEqual({ latDeg: 48.5, lonDeg: 20.25, zoom: 4 })
    expect(parseUrlState('?regions=asia')).not.toHaveProperty('mapView')
    for (const bad of ['48,20', '48,20,4,1', 'a,20,4', '91,0,2', '0,181,2', '0,0,-1', '0,0,19', ',,']) {
      expect(parseMapView(bad)).toBeNull()
    }
  })

  it('writes the view rounded, replacing an old one and keeping every other parameter', () => {
    const search = serialiseMapView('?regions=asia&map=1,2,3&synthetic=10', { latDeg: 48.123456, lonDeg: -20.5, zoom: 4.256 })
    expect(search).toBe('?regions=asia&synthetic=10&map=48.1235,-20.5,4.26')
    expect(serialiseMapView(search, null)).toBe('?regions=asia&synthetic=10')
    expect(serialiseMapView('', null)).toBe('')
  })

  it('survives the filter writer, which leaves map= alone', () => {
    const search = serialiseUrlState('?map=10,20,3', { ...EMPTY_FILTER, regions: ['asia'] }, LATEST_AS_OF)
    expect(parseUrlState(search).mapView).toEqual({ latDeg: 10, lonDeg: 20, zoom: 3 })
    expect(parseUrlState(search).filter.regions).toEqual(['asia'])
  })
})
