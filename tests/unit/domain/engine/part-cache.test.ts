import { describe, expect, it } from 'vitest'
import { PartCache } from '../../../../src/domain/engine/local/part-cache.ts'

describe('PartCache', () => {
  it('makes a part again when an input is another object, and gives the last one back when all are the same', () => {
    const cache = new PartCache<'a'>()
    const mask = new Uint8Array(3)
    let made = 0
    const make = (): number => ++made
    expect(cache.get('a', [mask, 1], make)).toBe(1)
    expect(cache.get('a', [mask, 1], make)).toBe(1)
    expect(cache.get('a', [mask, 2], make)).toBe(2)
    expect(cache.get('a', [new Uint8Array(3), 2], make)).toBe(3)
    expect(cache.peek('a', [mask, 2])).toBeUndefined()
  })

  it('keeps the parts it is told to with their mask: a mask come back to finds them, with the same other inputs only', () => {
    const cache = new PartCache<'kept' | 'last'>(new Set(['kept']))
    const first = new Uint8Array(2)
    const second = new Uint8Array(2)
    let made = 0
    const make = (): number => ++made
    expect(cache.get('kept', [first, 'view'], make)).toBe(1)
    expect(cache.get('last', [first, 'view'], make)).toBe(2)
    expect(cache.get('kept', [second, 'view'], make)).toBe(3)
    expect(cache.get('last', [second, 'view'], make)).toBe(4)
    // Back to the first mask: the kept part is the one made for it; the other is made again.
    expect(cache.peek('kept', [first, 'view'])).toBe(1)
    expect(cache.get('kept', [first, 'view'], make)).toBe(1)
    expect(cache.get('last', [first, 'view'], make)).toBe(5)
    // The same mask with another input is made again, and replaces what the mask kept.
    expect(cache.get('kept', [first, 'moved'], make)).toBe(6)
    expect(cache.get('kept', [second, 'view'], make)).toBe(3)
    expect(cache.get('kept', [first, 'view'], make)).toBe(7)
  })
})
