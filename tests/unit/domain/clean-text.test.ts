import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanStrings, cleanText, isCleanText } from '../../../src/domain/clean-text.ts'
import { hostileText, unsafeStrings } from '../hostile-text.ts'

describe('cleanText', () => {
  it('replaces controls, U+FFFE/U+FFFF and lone surrogates with U+FFFD, keeping tab, newlines and pairs', () => {
    expect(cleanText('a\u0001b')).toBe('a\uFFFDb')
    expect(cleanText('\u0000\u007F\u0085\uFFFE\uFFFF')).toBe('\uFFFD'.repeat(5))
    expect(cleanText('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD')
    expect(cleanText('\uDC00\uD800')).toBe('\uFFFD\uFFFD')
    expect(cleanText('tab\tline\nreturn\r😀 é')).toBe('tab\tline\nreturn\r😀 é')
  })

  it('returns clean text as the same string', () => {
    const text = 'Port closed 😀'
    expect(cleanText(text)).toBe(text)
  })

  it('leaves nothing unsafe, keeps the length, changes clean text not at all and is idempotent (any string)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const cleaned = cleanText(text)
        expect(unsafeStrings(cleaned)).toEqual([])
        expect(cleaned).toHaveLength(text.length)
        expect(cleanText(cleaned)).toBe(cleaned)
        expect(isCleanText(text)).toBe(cleaned === text)
      }),
      { numRuns: 500 },
    )
  })
})

describe('cleanStrings', () => {
  it('cleans every string, keys included, and copies only what changed', () => {
    const clean = { a: 'ok', list: ['fine'] }
    const value = { title: 'a\u0001', clean, tags: ['x', '\uFFFF'], n: 3, 'k\u0002': 'v' }
    const out = cleanStrings(value)
    expect(out).toEqual({ title: 'a\uFFFD', clean, tags: ['x', '\uFFFD'], n: 3, 'k\uFFFD': 'v' })
    expect(out.clean).toBe(clean)
    expect(cleanStrings(clean)).toBe(clean)
    expect(value.title).toBe('a\u0001')
  })

  it('never sets a prototype through a "__proto__" key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "\\u0001"}, "x": "\\u0001"}') as Record<string, unknown>
    const out = cleanStrings(value)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(Object.keys(out)).toEqual(['__proto__', 'x'])
  })
})
