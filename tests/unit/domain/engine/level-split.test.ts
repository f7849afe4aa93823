import { describe, expect, it } from 'vitest'
import { LevelSplit, Memo } from '../../../../src/domain/engine/local/level-split.ts'

describe('Memo', () => {
  it('makes a value once per inputs, keeps as many as asked, and forgets the least recently used', () => {
    const memo = new Memo<string>(2)
    let made = 0
    const get = (...inputs: unknown[]): string => memo.get(inputs, () => `${inputs.join('/')}#${++made}`)
    expect(get('a', 1)).toBe('a/1#1')
    expect(get('a', 1)).toBe('a/1#1')
    expect(get('b', 1)).toBe('b/1#2')
    // Back to the first inputs: still kept.
    expect(get('a', 1)).toBe('a/1#1')
    // A third set of inputs pushes out the one used least recently ('b').
    expect(get('c', 1)).toBe('c/1#3')
    expect(get('a', 1)).toBe('a/1#1')
    expect(get('b', 1)).toBe('b/1#4')
    expect(made).toBe(4)
  })

  it('keeps only the last value by default, and compares inputs with Object.is', () => {
    const memo = new Memo<number>()
    const token = {}
    let made = 0
    memo.get([token, NaN], () => ++made)
    expect(memo.get([token, NaN], () => ++made)).toBe(1)
    expect(memo.get([{}, NaN], () => ++made)).toBe(2)
    expect(memo.get([token, NaN], () => ++made)).toBe(3)
  })
})

describe('LevelSplit', () => {
  it('gives nothing for inputs seen once, and makes the value the second time they come', () => {
    const split = new LevelSplit<string>()
    const token = {}
    let made = 0
    expect(split.get([token], () => `v${++made}`)).toBeNull()
    expect(split.get([token], () => `v${++made}`)).toBe('v1')
    expect(split.get([token], () => `v${++made}`)).toBe('v1')
    expect(split.get([{}], () => `v${++made}`)).toBeNull()
    expect(made).toBe(1)
  })
})

describe('LevelSplit.warm', () => {
  it('makes the value for the inputs last asked, which the next ask with them takes; other inputs drop it', () => {
    const split = new LevelSplit<string>()
    const token = {}
    let made = 0
    expect(split.warm()).toBe(false)
    expect(split.get([token, 1], () => `a${++made}`)).toBeNull()
    expect(split.warm()).toBe(true)
    expect(made).toBe(1)
    // Made once: a second warm and the next ask make nothing more.
    expect(split.warm()).toBe(false)
    expect(split.get([token, 1], () => `b${++made}`)).toBe('a1')
    expect(made).toBe(1)
    // Other inputs: the warmed value is not given for them.
    expect(split.get([token, 2], () => `c${++made}`)).toBeNull()
    expect(split.get([token, 2], () => `d${++made}`)).toBe('d2')
    expect(split.warm()).toBe(false)
  })
})

describe('LevelSplit.warm in slices', () => {
  /** Adds 1 … n a few at a time. */
  function sum(n: number, log: string[]) {
    let total = 0
    let next = 1
    return {
      step(rows: number): boolean {
        log.push(`step ${rows}`)
        for (const end = Math.min(n, next + rows - 1); next <= end; next++) total += next
        return next > n
      },
      value: () => total,
    }
  }

  it('makes the value a slice of rows a call, and an ask meanwhile finishes the slices rather than making it again', () => {
    const log: string[] = []
    const split = new LevelSplit<number>()
    const token = {}
    const make = (): number => {
      log.push('make')
      return 55
    }
    expect(split.get([token], make, () => sum(10, log))).toBeNull()
    expect(split.warm(4)).toBe(true)
    expect(split.warm(4)).toBe(true)
    expect(split.warm(4)).toBe(true)
    expect(split.warm(4)).toBe(false)
    expect(split.get([token], make)).toBe(55)
    expect(log).toEqual(['step 4', 'step 4', 'step 4'])

    // Half-way through, an ask with the same inputs finishes the slices.
    log.length = 0
    const other = {}
    expect(split.get([other], make, () => sum(10, log))).toBeNull()
    expect(split.warm(3)).toBe(true)
    expect(split.get([other], make)).toBe(55)
    expect(log).toEqual(['step 3', 'step Infinity'])

    // Half-way through, other inputs drop the slices.
    log.length = 0
    expect(split.get([{}], make, () => sum(10, log))).toBeNull()
    expect(split.warm(3)).toBe(true)
    const last = {}
    expect(split.get([last], make, () => sum(4, log))).toBeNull()
    expect(split.warm(100)).toBe(true)
    expect(split.get([last], make)).toBe(10)
    expect(log).toEqual(['step 3', 'step 100'])
  })
})
