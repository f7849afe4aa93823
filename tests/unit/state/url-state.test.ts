import { describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { LATEST_AS_OF } from '../../../src/domain/engine/views-engine.ts'
import { MAX_SYNTHETIC, parseUrlState, serialiseUrlState } from '../../../src/state/url-state.ts'

describe('parseUrlState', () => {
  it('reads an empty query as no filter and the bundled data', () => {
    expect(parseUrlState('')).toEqual({ filter: EMPTY_FILTER, asOf: null, dataUrl: null, synthetic: null })
  })

  it('reads from/to as whole days, to inclusive', () => {
    const { filter } = parseUrlState('?from=2024-01-01&to=2024-12-31')
    expect(filter.timeRange).toEqual({ fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) })
  })

  it('reads month and year precision bounds', () => {
    const { filter } = parseUrlState('?from=2022&to=2022-03')
    expect(filter.timeRange).toEqual({ fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2022, 3, 1) })
  })

  it('reads lists, keeping an encoded comma inside a name', () => {
    const { filter } = parseUrlState('?regions=asia,eastern-europe&actors=Korea%2C%20Republic%20of,Hamas&levels=5,4,9,x,4')
    expect(filter.regions).toEqual(['asia', 'eastern-europe'])
    expect(filter.actors).toEqual(['Korea, Republic of', 'Hamas'])
    expect(filter.levels).toEqual([4, 5])
  })

  it('reads text, as-of, data URL and synthetic size', () => {
    const state = parseUrlState('?q=red+sea&asOf=2025-11-04&data=https%3A%2F%2Fexample.org%2Fd.json&synthetic=1000&seed=7')
    expect(state.filter.text).toBe('red sea')
    expect(state.asOf).toEqual({ mode: 'fixed', ms: Date.UTC(2025, 10, 5) })
    expect(state.dataUrl).toBe('https://example.org/d.json')
    expect(state.synthetic).toEqual({ size: 1000, seed: 7 })
  })

  it('ignores malformed values instead of failing', () => {
    const state = parseUrlState('?from=yesterday&to=2024-02-30&asOf=soon&synthetic=-5&q=%E0%A4%A')
    expect(state.filter.timeRange).toBeNull()
    expect(state.asOf).toBeNull()
    expect(state.synthetic).toBeNull()
    expect(state.filter.text).toBe('%E0%A4%A')
  })

  it('caps the synthetic size', () => {
    expect(parseUrlState(`?synthetic=${MAX_SYNTHETIC * 10}`).synthetic?.size).toBe(MAX_SYNTHETIC)
  })
})

describe('serialiseUrlState', () => {
  it('round-trips a filter and keeps unrelated parameters', () => {
    const filter = {
      ...EMPTY_FILTER,
      timeRange: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) },
      regions: ['asia'],
      actors: ['Korea, Republic of'],
      levels: [4, 5] as const,
      text: 'red sea',
    }
    const search = serialiseUrlState('?data=x.json&regions=europe', { ...filter, levels: [4, 5] }, LATEST_AS_OF)
    expect(search).toBe('?data=x.json&from=2024-01-01&to=2024-12-31&regions=asia&actors=Korea%2C%20Republic%20of&levels=4,5&q=red%20sea')
    expect(parseUrlState(search).filter).toEqual({ ...filter, levels: [4, 5] })
  })

  it('writes nothing for no filter', () => {
    expect(serialiseUrlState('', EMPTY_FILTER, LATEST_AS_OF)).toBe('')
    expect(serialiseUrlState('?q=x', EMPTY_FILTER, LATEST_AS_OF)).toBe('')
  })
})
