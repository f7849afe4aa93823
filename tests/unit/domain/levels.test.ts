import { describe, expect, it } from 'vitest'
import { LEVEL_SCHEMES, levelFromGoldstein, parseThreatLevel } from '../../../src/domain/levels.ts'

describe('parseThreatLevel on the default (watchfloor) scale', () => {
  it('reads numbers 1–5 as themselves', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(parseThreatLevel(n)).toBe(n)
  })

  it('reads numeric strings, with space, sign and a zero fraction', () => {
    expect(parseThreatLevel('4')).toBe(4)
    expect(parseThreatLevel(' 2 ')).toBe(2)
    expect(parseThreatLevel('+5')).toBe(5)
    expect(parseThreatLevel('3.0')).toBe(3)
  })

  it('rejects numbers off the 1–5 integer scale', () => {
    for (const n of [0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(parseThreatLevel(n)).toBeNull()
    expect(parseThreatLevel('0')).toBeNull()
    expect(parseThreatLevel('6')).toBeNull()
    expect(parseThreatLevel('2.5')).toBeNull()
  })

  it('reads the five labels in any case', () => {
    expect(parseThreatLevel('low')).toBe(1)
    expect(parseThreatLevel('Guarded')).toBe(2)
    expect(parseThreatLevel('ELEVATED')).toBe(3)
    expect(parseThreatLevel(' high ')).toBe(4)
    expect(parseThreatLevel('critical')).toBe(5)
  })

  it('reads the synonyms: medium/moderate are 3, severe/extreme are 5', () => {
    expect(parseThreatLevel('medium')).toBe(3)
    expect(parseThreatLevel('Moderate')).toBe(3)
    expect(parseThreatLevel('severe')).toBe(5)
    expect(parseThreatLevel('EXTREME')).toBe(5)
  })

  it('garbage is null', () => {
    for (const v of ['', '  ', 'very high', 'red', 'substantial', 'defcon 1', '1e1', '3 high', null, undefined, true, {}, [3]]) {
      expect(parseThreatLevel(v)).toBeNull()
    }
  })

  it('names of Object.prototype members are not levels', () => {
    for (const v of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(parseThreatLevel(v)).toBeNull()
      for (const scheme of LEVEL_SCHEMES) expect(parseThreatLevel(v, scheme)).toBeNull()
    }
  })
})

describe('parseThreatLevel under other schemes', () => {
  it('uk-jtac: LOW 1, MODERATE 2, SUBSTANTIAL 3, SEVERE 4, CRITICAL 5', () => {
    expect(parseThreatLevel('low', 'uk-jtac')).toBe(1)
    expect(parseThreatLevel('moderate', 'uk-jtac')).toBe(2)
    expect(parseThreatLevel('SUBSTANTIAL', 'uk-jtac')).toBe(3)
    expect(parseThreatLevel('Severe', 'uk-jtac')).toBe(4)
    expect(parseThreatLevel('critical', 'uk-jtac')).toBe(5)
    expect(parseThreatLevel('elevated', 'uk-jtac')).toBeNull()
    expect(parseThreatLevel(4, 'uk-jtac')).toBe(4)
  })

  it('hsas: labels and colours green … red', () => {
    expect(parseThreatLevel('green', 'hsas')).toBe(1)
    expect(parseThreatLevel('Blue', 'hsas')).toBe(2)
    expect(parseThreatLevel('yellow', 'hsas')).toBe(3)
    expect(parseThreatLevel('ORANGE', 'hsas')).toBe(4)
    expect(parseThreatLevel('red', 'hsas')).toBe(5)
    expect(parseThreatLevel('guarded', 'hsas')).toBe(2)
    expect(parseThreatLevel('severe', 'hsas')).toBe(5)
    expect(parseThreatLevel('purple', 'hsas')).toBeNull()
  })

  it('ntas: none 1, bulletin 2, elevated 3, imminent 5', () => {
    expect(parseThreatLevel('none', 'ntas')).toBe(1)
    expect(parseThreatLevel('Bulletin', 'ntas')).toBe(2)
    expect(parseThreatLevel('elevated', 'ntas')).toBe(3)
    expect(parseThreatLevel('Elevated  Alert', 'ntas')).toBe(3)
    expect(parseThreatLevel('imminent', 'ntas')).toBe(5)
    expect(parseThreatLevel('imminent alert', 'ntas')).toBe(5)
    expect(parseThreatLevel('high', 'ntas')).toBeNull()
  })

  it('defcon runs backwards: 1 is critical (5), 5 is low (1)', () => {
    expect(parseThreatLevel(1, 'defcon')).toBe(5)
    expect(parseThreatLevel(2, 'defcon')).toBe(4)
    expect(parseThreatLevel(3, 'defcon')).toBe(3)
    expect(parseThreatLevel(4, 'defcon')).toBe(2)
    expect(parseThreatLevel(5, 'defcon')).toBe(1)
    expect(parseThreatLevel('1', 'defcon')).toBe(5)
    expect(parseThreatLevel('DEFCON 2', 'defcon')).toBe(4)
    expect(parseThreatLevel('defcon5', 'defcon')).toBe(1)
    expect(parseThreatLevel(0, 'defcon')).toBeNull()
    expect(parseThreatLevel(6, 'defcon')).toBeNull()
    expect(parseThreatLevel('defcon 6', 'defcon')).toBeNull()
    expect(parseThreatLevel('high', 'defcon')).toBeNull()
  })

  it('goldstein: boundaries of each band', () => {
    const cases: [number, number][] = [
      [10, 1],
      [0, 1],
      [-0.1, 2],
      [-3, 2],
      [-3.1, 3],
      [-6, 3],
      [-6.1, 4],
      [-8.9, 4],
      [-9, 5],
      [-10, 5],
    ]
    for (const [g, level] of cases) {
      expect(parseThreatLevel(g, 'goldstein'), `goldstein ${g}`).toBe(level)
      expect(levelFromGoldstein(g), `levelFromGoldstein ${g}`).toBe(level)
    }
  })

  it('goldstein: numeric strings, and out of range is null', () => {
    expect(parseThreatLevel('-7.5', 'goldstein')).toBe(4)
    expect(parseThreatLevel(11, 'goldstein')).toBeNull()
    expect(parseThreatLevel(-10.5, 'goldstein')).toBeNull()
    expect(parseThreatLevel('high', 'goldstein')).toBeNull()
  })

  it('every scheme rejects garbage', () => {
    for (const scheme of LEVEL_SCHEMES) {
      expect(parseThreatLevel('banana', scheme)).toBeNull()
      expect(parseThreatLevel('', scheme)).toBeNull()
      expect(parseThreatLevel(null, scheme)).toBeNull()
    }
  })
})
