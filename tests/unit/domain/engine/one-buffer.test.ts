import { describe, expect, it } from 'vitest'
import { copiedInOne, zeroedInOne } from '../../../../src/domain/engine/local/one-buffer.ts'

describe('zeroedInOne', () => {
  it('carves zeroed arrays of the asked lengths from one buffer, 32-bit ones first, none overlapping', () => {
    const { words, bytes } = zeroedInOne([3, 0, 2], [5, 1])
    expect(words.map((a) => a.length)).toEqual([3, 0, 2])
    expect(bytes.map((a) => a.length)).toEqual([5, 1])
    const buffer = words[0]!.buffer
    expect(buffer.byteLength).toBe(5 * 4 + 6)
    for (const array of [...words, ...bytes]) expect(array.buffer).toBe(buffer)
    expect([...words[0]!, ...words[2]!, ...bytes[0]!, ...bytes[1]!].every((v) => v === 0)).toBe(true)
    // Each array written with a value of its own: every value reads back, so none overlaps another.
    words.forEach((a, i) => a.fill(0xfffffff0 + i))
    bytes.forEach((a, i) => a.fill(200 + i))
    expect([...words[0]!]).toEqual([0xfffffff0, 0xfffffff0, 0xfffffff0])
    expect([...words[2]!]).toEqual([0xfffffff2, 0xfffffff2])
    expect([...bytes[0]!]).toEqual([200, 200, 200, 200, 200])
    expect([...bytes[1]!]).toEqual([201])
  })
})

describe('copiedInOne', () => {
  it('copies every array into one new buffer: equal values, and writing a copy leaves the original as it was', () => {
    const a = Uint32Array.of(1, 2, 3)
    const b = Uint32Array.of(4_000_000_000)
    const c = Uint8Array.of(7, 8)
    const { words, bytes } = copiedInOne([a, b], [c])
    expect([...words[0]!]).toEqual([1, 2, 3])
    expect([...words[1]!]).toEqual([4_000_000_000])
    expect([...bytes[0]!]).toEqual([7, 8])
    expect(words[1]!.buffer).toBe(words[0]!.buffer)
    expect(bytes[0]!.buffer).toBe(words[0]!.buffer)
    words[0]![0] = 99
    bytes[0]![1] = 99
    expect([...a]).toEqual([1, 2, 3])
    expect([...c]).toEqual([7, 8])
  })
})
