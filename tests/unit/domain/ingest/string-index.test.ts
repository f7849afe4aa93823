import { describe, expect, it } from 'vitest'
import { StringIndex } from '../../../../src/domain/ingest/string-index.ts'

describe('StringIndex', () => {
  it('numbers strings in the order first added', () => {
    const index = new StringIndex()
    expect(['b', 'a', 'b', '', 'a', 'é'].map((key) => index.indexOrAdd(key))).toEqual([0, 1, 0, 2, 1, 3])
    expect(index.keys).toEqual(['b', 'a', '', 'é'])
    expect(index.size).toBe(4)
    expect(index.indexOf('a')).toBe(1)
    expect(index.indexOf('c')).toBe(-1)
  })

  it('keeps every number while growing far past the size it expected', () => {
    const index = new StringIndex(4)
    let wrong = 0
    for (let i = 0; i < 50_000; i++) if (index.indexOrAdd(`e${i}`) !== i) wrong++
    for (let i = 0; i < 50_000; i++) if (index.indexOf(`e${i}`) !== i) wrong++
    expect(wrong).toBe(0)
    expect(index.indexOrAdd('e49999')).toBe(49_999)
    expect(index.indexOf('e50000')).toBe(-1)
    expect(index.size).toBe(50_000)
  })

  it('tells apart two keys whose hashes are equal', () => {
    // FNV-1a of both is 0x5acdca4b: the keys' text decides, not their hash.
    const index = new StringIndex()
    expect(index.indexOrAdd('e522789')).toBe(0)
    expect(index.indexOf('e739192')).toBe(-1)
    expect(index.indexOrAdd('e739192')).toBe(1)
    for (let i = 0; i < 100; i++) index.indexOrAdd(`k${i}`)
    expect([index.indexOf('e522789'), index.indexOf('e739192'), index.indexOf('k99')]).toEqual([0, 1, 101])
  })
})
