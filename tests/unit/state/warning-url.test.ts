import { describe, expect, it } from 'vitest'
import { DEFAULT_WARNING_SETTINGS } from '../../../src/domain/warning/settings.ts'
import { parseWarningUrl, serialiseWarningUrl } from '../../../src/state/warning-url.ts'

describe('early-warning settings in the link', () => {
  it('reads the method, the count, the false discovery rate, the rule’s multiple and the bands', () => {
    expect(parseWarningUrl('?surgeMethod=acled&surgeCount=weighted&surgeFdr=0.05&surgeRatio=2.5&bands=all,region:eastern-europe,actor:Wagner%20Group')).toEqual({
      settings: { method: 'acled', measure: 'weighted', falseDiscoveryRate: 0.05, acledRatio: 2.5 },
      bands: ['all', 'region:eastern-europe', 'actor:Wagner Group'],
    })
  })

  it('ignores what is malformed or out of range, and reads "none" as no band', () => {
    expect(parseWarningUrl('?surgeMethod=magic&surgeCount=x&surgeFdr=0.9&surgeRatio=0.5&bands=none')).toEqual({ settings: {}, bands: [] })
    expect(parseWarningUrl('?surgeFdr=&surgeRatio=abc&bands=planet:mars,all,all')).toEqual({ settings: {}, bands: ['all'] })
    expect(parseWarningUrl('?from=2025-01-01')).toEqual({ settings: {}, bands: null })
  })

  it('writes only what differs from the defaults, keeping the other parameters', () => {
    expect(serialiseWarningUrl('?from=2025-01-01', DEFAULT_WARNING_SETTINGS, ['all'])).toBe('?from=2025-01-01')
    const search = serialiseWarningUrl(
      '?from=2025-01-01&surgeFdr=0.2',
      { ...DEFAULT_WARNING_SETTINGS, method: 'acled', acledRatio: 3 },
      ['region:eastern-europe', 'actor:Wagner Group'],
    )
    expect(search).toBe('?from=2025-01-01&surgeMethod=acled&surgeRatio=3&bands=region%3Aeastern-europe,actor%3AWagner%20Group')
    expect(serialiseWarningUrl('', { ...DEFAULT_WARNING_SETTINGS, falseDiscoveryRate: 0.05 }, [])).toBe('?surgeFdr=0.05&bands=none')
    // What is written reads back the same.
    expect(parseWarningUrl(search)).toEqual({ settings: { method: 'acled', acledRatio: 3 }, bands: ['region:eastern-europe', 'actor:Wagner Group'] })
  })
})
