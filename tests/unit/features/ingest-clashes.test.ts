import { describe, expect, it } from 'vitest'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { countClashes } from '../../../src/services/ingest/preview.ts'

describe('countClashes', () => {
  it('counts the incoming ids already on screen, listed or packed', () => {
    expect(countClashes(['a', 'b', 'c'], ['c', 'd', 'a'])).toBe(2)
    expect(countClashes(packStrings(['a', 'b', 'c']), packStrings(['c', 'd', 'a']))).toBe(2)
    expect(countClashes(packStrings(['a']), ['b'])).toBe(0)
  })

  it('is 0 when nothing is on screen or its ids are unknown', () => {
    expect(countClashes(null, ['a'])).toBe(0)
    expect(countClashes(packStrings([]), ['a'])).toBe(0)
  })
})
