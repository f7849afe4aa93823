import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IngestRequest } from '../../../src/domain/ingest/ingest-protocol.ts'
import { prewarmIngest, startIngest } from '../../../src/lib/ingest/ingest-client.ts'
import { runIngest } from '../../../src/workers/ingest-run.ts'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { isPackedColumn, stringAt, stringCount } from '../../../src/domain/string-column.ts'
import { titleAt } from '../../../src/domain/table.ts'

const CSV = readFileSync(new URL('../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')

/** A stand-in for the browser's Worker that runs the ingest in this thread, as the worker would. */
class InlineWorker {
  static started = 0
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  constructor() {
    InlineWorker.started++
  }
  postMessage(request: IngestRequest): void {
    void runIngest(request, (message) => this.onmessage?.({ data: message } as MessageEvent))
  }
  terminate(): void {
    this.terminated = true
  }
}

afterEach(() => vi.unstubAllGlobals())

describe('startIngest', () => {
  it('keeps the ids and titles of many rows packed as they arrive, in order, with their events', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const n = 100_000 + 1_000
    // All on one day: ties keep the input order.
    const text = 'id,title,date,threatLevel\n' + Array.from({ length: n }, (_, i) => `e${i},Title ${i} ✓,2024-01-02,3`).join('\n') + '\n'
    const outcome = await startIngest({ kind: 'text', text, name: 'many.csv' }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    const { ids, table } = outcome.data
    expect(isPackedColumn(ids)).toBe(true)
    expect(stringCount(ids)).toBe(n)
    expect(isPackedColumn(table.titles)).toBe(true)
    expect(stringCount(table.titles)).toBe(n)
    expect([0, 99_999, 100_000, n - 1].map((row) => stringAt(ids, row))).toEqual(['e0', 'e99999', 'e100000', `e${n - 1}`])
    expect([titleAt(table, 0), titleAt(table, 100_000), titleAt(table, n - 1)]).toEqual(['Title 0 ✓', 'Title 100000 ✓', `Title ${n - 1} ✓`])
    expect(table.eventAt(n - 1)).toMatchObject({ id: `e${n - 1}`, title: `Title ${n - 1} ✓` })
  })

  it('counts the known ids the input holds in the worker', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const outcome = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }, { knownIds: ['evt-001', 'evt-002', 'evt-007', 'nope'] }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    // evt-007 is a rejected row (an impossible date): only accepted rows clash.
    expect(outcome.data.clashes).toBe(2)
    // Packed known ids (the ids of an import on screen) count the same.
    const packed = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }, { knownIds: packStrings(['evt-001', 'evt-002', 'evt-007', 'nope']) }).done
    expect(packed.kind === 'done' && packed.data.clashes).toBe(2)
    const without = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }).done
    expect(without.kind === 'done' && without.data.clashes).toBeUndefined()
  })

  it('hands a prewarmed worker to the next import, once', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    InlineWorker.started = 0
    prewarmIngest()
    prewarmIngest()
    expect(InlineWorker.started).toBe(1)
    const outcome = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }).done
    expect(outcome.kind).toBe('done')
    expect(InlineWorker.started).toBe(1)
    await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }).done
    expect(InlineWorker.started).toBe(2)
  })
})
