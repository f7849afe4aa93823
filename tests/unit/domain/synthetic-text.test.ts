import { describe, expect, it } from 'vitest'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { syntheticSummary, syntheticTitle } from '../../../src/domain/synthetic-text.ts'
import { inputRowOf, titleAt } from '../../../src/domain/table.ts'

const SUBJECT = { country: 'Moldova', category: 'civil-unrest', level: 3 }

describe('real-shaped generated text', () => {
  it('names the subject and the report number in the title', () => {
    const title = syntheticTitle(1, 41, SUBJECT)
    expect(title).toMatch(/ of Moldova \(civil unrest, report 42\)$/)
    expect(title.length).toBeGreaterThan(60)
  })

  it('makes the same text again from the seed and the row alone', () => {
    expect(syntheticTitle(9, 1234, SUBJECT)).toBe(syntheticTitle(9, 1234, SUBJECT))
    expect(syntheticSummary(9, 1234, SUBJECT)).toBe(syntheticSummary(9, 1234, SUBJECT))
    expect(syntheticSummary(9, 1234, SUBJECT)).not.toBe(syntheticSummary(10, 1234, SUBJECT))
  })

  it('writes summaries of three or four sentences that end with the level', () => {
    for (let row = 0; row < 200; row++) {
      const summary = syntheticSummary(3, row, SUBJECT)
      expect(summary.length).toBeGreaterThanOrEqual(150)
      expect(summary.length).toBeLessThanOrEqual(450)
      expect(summary.match(/\. /g)?.length ?? 0).toBeGreaterThanOrEqual(2)
      expect(summary).toMatch(new RegExp(`assessed at level 3 of 5 \\(report ${row + 1}\\)\\.$`))
    }
  })
})

describe('a generated table with real-shaped text', () => {
  const size = 5000
  const table = generateSyntheticTable({ size, seed: 20251104, text: 'real' })

  it('has a unique title on every row, about 100 characters on average', () => {
    const titles = new Set<string>()
    let chars = 0
    for (let row = 0; row < size; row++) {
      titles.add(titleAt(table, row))
      chars += titleAt(table, row).length
    }
    expect(titles.size).toBe(size)
    expect(chars / size).toBeGreaterThan(80)
    expect(chars / size).toBeLessThan(130)
  })

  it("gives each row's event its summary, about the row's own country and level", () => {
    for (const row of [0, 17, 4999]) {
      const event = table.eventAt(row)
      expect(event.title).toContain(`report ${inputRowOf(table, row) + 1})`)
      expect(event.summary).toMatch(new RegExp(`assessed at level ${table.level[row]} of 5 \\(report ${inputRowOf(table, row) + 1}\\)\\.$`))
    }
  })

  it('keeps the columns of the short-text table: the text draws on a source of its own', () => {
    const short = generateSyntheticTable({ size, seed: 20251104 })
    expect(table.startMs).toEqual(short.startMs)
    expect(table.level).toEqual(short.level)
    expect(table.latDeg).toEqual(short.latDeg)
    expect(titleAt(short, 0)).not.toBe(titleAt(table, 0))
  })
})
