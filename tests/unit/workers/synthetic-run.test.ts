import { describe, expect, it } from 'vitest'
import type { SyntheticResponse, SyntheticTransfer } from '../../../src/domain/synthetic-protocol.ts'
import { PROGRESS_EVERY_ROWS, generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { stringList } from '../../../src/domain/string-column.ts'
import { tableArrays } from '../../../src/domain/table.ts'
import { type EventTable } from '../../../src/domain/table-types.ts'
import { generateSynthetic, overallProgress, tableFromTransfer } from '../../../src/lib/synthetic/synthetic-client.ts'
import { codeTitles, runSynthetic } from '../../../src/workers/synthetic-run.ts'

/** The bytes of a typed array (toEqual on 200k-element arrays is slow; Buffer.equals is not). */
function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}

/** Asserts two tables hold the same columns, dictionaries and titles (eventAt aside). */
function expectSameTable(actual: EventTable, expected: EventTable): void {
  expect(actual.size).toBe(expected.size)
  const a = tableArrays(actual)
  const e = tableArrays(expected)
  expect(a.length).toBe(e.length)
  for (let i = 0; i < e.length; i++) {
    expect(a[i]!.constructor, `typed array ${i}`).toBe(e[i]!.constructor)
    expect(bytesOf(a[i]!).equals(bytesOf(e[i]!)), `typed array ${i}`).toBe(true)
  }
  const dictionaries = (t: EventTable): unknown[] => [
    t.categories.values,
    [...t.categories.indexOf],
    t.places.size,
    t.places.countries.dict.values,
    t.places.regions.dict.values,
    t.places.named.dict.values,
    t.actors.dict.values,
    [...t.actors.dict.indexOf],
    t.extentMs,
  ]
  expect(dictionaries(actual)).toEqual(dictionaries(expected))
  expect(stringList(actual.titles)).toEqual(stringList(expected.titles))
}

/** Runs the worker's job in this thread, with a clock that moves 100 ms per reading. */
function run(size: number, seed: number): { messages: SyntheticResponse[]; transfers: Transferable[][] } {
  const messages: SyntheticResponse[] = []
  const transfers: Transferable[][] = []
  let clock = 0
  runSynthetic(
    { type: 'generate', size, seed },
    (m, t = []) => {
      messages.push(m)
      transfers.push(t)
    },
    () => (clock += 100),
  )
  return { messages, transfers }
}

describe('codeTitles', () => {
  it('codes titles by first appearance', () => {
    const { titleCodes, titleValues } = codeTitles(['riot in Chad', 'cyber in Peru', 'riot in Chad', 'riot in Chad', 'drill in Fiji'])
    expect([...titleCodes]).toEqual([0, 1, 0, 0, 2])
    expect(titleValues).toEqual(['riot in Chad', 'cyber in Peru', 'drill in Fiji'])
  })
})

describe('overallProgress', () => {
  it('gives making rows 55 % of the bar and ordering the rest', () => {
    expect(overallProgress('generating', 0)).toBe(0)
    expect(overallProgress('generating', 0.5)).toBeCloseTo(0.275, 10)
    expect(overallProgress('generating', 1)).toBeCloseTo(0.55, 10)
    expect(overallProgress('ordering', 0)).toBeCloseTo(0.55, 10)
    expect(overallProgress('ordering', 1)).toBe(1)
    expect(overallProgress('generating', 7)).toBeCloseTo(0.55, 10)
  })
})

describe('runSynthetic (the worker path)', () => {
  const SIZE = 3 * PROGRESS_EVERY_ROWS + 1000
  const { messages, transfers } = run(SIZE, 7)
  const done = messages[messages.length - 1]!

  it('reports progress by phase, then one done', () => {
    const progress = messages.slice(0, -1)
    // 0, the three 65,536-row marks, then ordering once the rows are made.
    expect(progress).toEqual([
      { type: 'progress', phase: 'generating', fraction: 0 },
      { type: 'progress', phase: 'generating', fraction: PROGRESS_EVERY_ROWS / SIZE },
      { type: 'progress', phase: 'generating', fraction: (2 * PROGRESS_EVERY_ROWS) / SIZE },
      { type: 'progress', phase: 'generating', fraction: (3 * PROGRESS_EVERY_ROWS) / SIZE },
      { type: 'progress', phase: 'ordering', fraction: 0 },
    ])
    expect(done.type).toBe('done')
  })

  it('gives the same table as generating on this thread, after crossing threads with its buffers transferred', () => {
    if (done.type !== 'done') throw new Error('no table')
    const sent = done.transfer
    const sentArrays = [...tableArrays({ ...sent.table, titles: [] }), sent.titleCodes]
    // What the main thread receives: a structured clone with the listed buffers moved, not copied.
    const received = structuredClone(sent, { transfer: transfers[transfers.length - 1]! }) as SyntheticTransfer
    expect(sentArrays.every((a) => a.byteLength === 0)).toBe(true)
    const table = tableFromTransfer(received)
    const direct = generateSyntheticTable({ size: SIZE, seed: 7 })
    expectSameTable(table, direct)
    // A few thousand distinct titles, not one string per row.
    expect(received.titleValues.length).toBeLessThan(3000)
    for (const row of [0, 1, 4321, SIZE - 1]) expect(table.eventAt(row)).toEqual(direct.eventAt(row))
  })

  it('reports a failure as one failed message', () => {
    const failed = run(-1, 7).messages
    expect(failed[failed.length - 1]).toMatchObject({ type: 'failed' })
    expect(failed.filter((m) => m.type === 'done')).toEqual([])
  })
})

describe('generateSynthetic without a Worker (Node, jsdom)', () => {
  it('generates on this thread: the same table as a direct call, with progress', async () => {
    expect(typeof Worker).toBe('undefined')
    const seen: number[] = []
    const table = await generateSynthetic({ size: 70_000, seed: 11, onProgress: (f) => seen.push(f) })
    expectSameTable(table, generateSyntheticTable({ size: 70_000, seed: 11 }))
    expect(seen).toEqual([overallProgress('generating', PROGRESS_EVERY_ROWS / 70_000), overallProgress('generating', 1)])
  })
})
