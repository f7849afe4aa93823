import { describe, expect, it } from 'vitest'
import { syntheticCsvLines } from '../../../bench/lib/synthetic-csv.ts'
import { readCsv } from '../../../src/domain/ingest/csv.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { inputRowOf, titleAt } from '../../../src/domain/table.ts'

describe('generated tables written as CSV', () => {
  it('reads back through the CSV importer with every row accepted, titles and summaries intact', () => {
    const size = 300
    const table = generateSyntheticTable({ size, seed: 5, text: 'real' })
    const lines = [...syntheticCsvLines(table, size, { summaries: true })]
    expect(lines[0]).toBe('id,title,summary,date,threatLevel,countries,actors,category,lat,lon')
    expect(lines).toHaveLength(size + 1)
    const outcome = readCsv(lines.join('\n') + '\n')
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.result.dataset.events).toHaveLength(size)
    const byId = new Map(outcome.result.dataset.events.map((e) => [e.id as string, e]))
    for (const row of [0, 150, 299]) {
      const read = byId.get(`e${inputRowOf(table, row)}`)!
      expect(read.title).toBe(titleAt(table, row))
      expect(read.summary).toBe(table.eventAt(row).summary)
      expect(read.threatLevel).toBe(table.level[row])
    }
  })

  it('has no summary column for short text', () => {
    const table = generateSyntheticTable({ size: 3, seed: 5 })
    expect([...syntheticCsvLines(table, 3)][0]).toBe('id,title,date,threatLevel,countries,actors,category,lat,lon')
  })
})
