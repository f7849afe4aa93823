import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { computeMask } from '../../../src/domain/engine/local/mask.ts'
import { TextIndexBuilder, buildTextIndex, textIndexBuffers } from '../../../src/domain/engine/local/text-index.ts'
import { hasTextIndex, titlesHolding } from '../../../src/domain/engine/local/text-search.ts'
import { packStrings, type PackedStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { stringList, stringsContaining } from '../../../src/domain/string-column.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { titleAt } from '../../../src/domain/table.ts'
import type { EventTable } from '../../../src/domain/table-types.ts'
import { CHUNK_ROWS, indexTitles, titlesChunk } from '../../../src/state/index-titles.ts'
import { FIVE_ROWS, asInputRows, handTable } from '../domain/hand-table.ts'

/**
 * A stand-in for the text-index worker running the worker's own builder: each message is copied
 * as postMessage copies it, and the index comes back on a later task.
 */
class FakeWorker {
  static made = 0
  static chunks = 0
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  onmessageerror: (() => void) | null = null
  terminated = false
  private readonly builder = new TextIndexBuilder()
  constructor() {
    FakeWorker.made++
  }
  postMessage(data: PackedStrings | 'end', transfer: Transferable[] = []): void {
    if (data !== 'end') {
      FakeWorker.chunks++
      this.builder.addChunk(structuredClone(data, { transfer }))
      return
    }
    const index = this.builder.finish()
    setTimeout(() => this.onmessage?.({ data: structuredClone(index, { transfer: textIndexBuffers(index) }) } as MessageEvent), 0)
  }
  terminate(): void {
    this.terminated = true
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  FakeWorker.made = 0
  FakeWorker.chunks = 0
})

/** Input rows matching a text search (title, actors or category), through whatever search the titles have. */
function searched(table: EventTable, text: string): number[] {
  const mask = computeMask(table, { ...EMPTY_FILTER, text })
  return asInputRows(table, [...mask.keys()].filter((row) => mask[row] === 0))
}

describe('titles handed to the index worker in chunks', () => {
  it('packs each chunk on its own, ends counted from its start, from a list and a packed column alike', () => {
    const titles = ['Air strike', '', 'Kyiv port', 'talks']
    const want = { text: 'Kyiv porttalks', ends: Uint32Array.of(9, 14) }
    expect(titlesChunk(titles, 2, 4)).toEqual(want)
    expect(titlesChunk(packStrings(titles), 2, 4)).toEqual(want)
    expect(titlesChunk(packStrings(titles), 0, 2)).toEqual({ text: 'Air strike', ends: Uint32Array.of(10, 10) })
  })

  it('builds, chunk by chunk, the index a build over every title makes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 10 }), { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (titles, size) => {
        const builder = new TextIndexBuilder()
        for (let from = 0; from < titles.length; from += size) builder.addChunk(titlesChunk(titles, from, Math.min(titles.length, from + size)))
        expect(builder.finish()).toEqual(buildTextIndex(titles))
      }),
      { numRuns: 200 },
    )
  })
})

describe('text search with and without the index', () => {
  it('finds the hand-checked rows before the index arrives and through it after', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const table = handTable(FIVE_ROWS)
    const checks: [string, number[]][] = [
      ['STRIKE', [2]], // title, any case
      ['strike on', [2]], // across a separator
      ['pla nav', [4]], // an actor, not in the title
      ['Diplo', [1]], // a category
      ['armed', [0, 2]],
      ['russia', [0, 2]], // row 0's title, row 2's actor
      ['in', [0, 1, 3]], // inside words: invades, Beijing, incident; not row 4 (Naval drills near Taiwan)
      ['zzz', []],
    ]
    const before = checks.map(([text]) => searched(table, text))
    expect(before).toEqual(checks.map(([, rows]) => rows))
    await expect(indexTitles(table.titles, () => true)).resolves.toBe(true)
    expect(hasTextIndex(table.titles)).toBe(true)
    expect(checks.map(([text]) => searched(table, text))).toEqual(before)
  })

  it('hands a large column over in chunks of rows, and stops when the table is no longer wanted', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const table = generateSyntheticTable({ size: CHUNK_ROWS * 2 + 10, seed: 3 })
    await expect(indexTitles(table.titles, () => true)).resolves.toBe(true)
    expect(FakeWorker.chunks).toBe(3)
    const other = generateSyntheticTable({ size: 100, seed: 4 })
    await expect(indexTitles(other.titles, () => false)).resolves.toBe(false)
    expect(hasTextIndex(other.titles)).toBe(false)
  })

  it('hands each later chunk over in a task of background priority where the browser has them', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const priorities: (string | undefined)[] = []
    vi.stubGlobal('scheduler', {
      postTask: (run: () => void, options?: { priority?: string }) => {
        priorities.push(options?.priority)
        return new Promise<void>((resolve) => setTimeout(() => resolve(run()), 0))
      },
    })
    const table = generateSyntheticTable({ size: CHUNK_ROWS * 2 + 10, seed: 3 })
    await expect(indexTitles(table.titles, () => true)).resolves.toBe(true)
    // The first chunk goes at once; the second, the third and the end each after a background task.
    expect(FakeWorker.chunks).toBe(3)
    expect(priorities).toEqual(['background', 'background', 'background'])
  })

  it('reads every title where there are no workers: the same answers', async () => {
    vi.stubGlobal('Worker', undefined)
    const table = handTable(FIVE_ROWS)
    await expect(indexTitles(table.titles, () => true)).resolves.toBe(false)
    expect(searched(table, 'strike on')).toEqual([2])
  })

  it('matches, through the index, exactly the rows a scan of every title matches', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const generated = generateSyntheticTable({ size: 3000, seed: 11 })
    // Unique, packed titles, as an import keeps them: the generator's own are a few shared strings.
    const titles = packStrings(Array.from({ length: generated.size }, (_, row) => `${titleAt(generated, row)} no.${(row * 7919) % 10007}-É${row % 13}`))
    const table: EventTable = { ...generated, titles }
    const scanned: EventTable = { ...generated, titles: packStrings(stringList(titles)) }
    await indexTitles(table.titles, () => true)
    const list = stringList(titles)
    const needle = fc
      .tuple(fc.nat(list.length - 1), fc.nat(40), fc.integer({ min: 1, max: 12 }), fc.boolean())
      .map(([row, at, length, upper]) => {
        const piece = list[row]!.slice(at, at + length)
        return upper ? piece.toUpperCase() : piece
      })
    fc.assert(
      fc.property(fc.oneof(needle, fc.string({ minLength: 1, maxLength: 4 })), (text) => {
        const lower = text.trim().toLowerCase()
        expect([...titlesHolding(titles, lower)]).toEqual([...stringsContaining(titles, lower)])
        expect(searched(table, text)).toEqual(searched(scanned, text))
      }),
      { numRuns: 150 },
    )
    expect(hasTextIndex(scanned.titles)).toBe(false)
  })
})
