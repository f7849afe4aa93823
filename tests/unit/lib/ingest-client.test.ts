import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ROWS_PER_MESSAGE, type IngestRequest, type IngestResponse } from '../../../src/domain/ingest/ingest-protocol.ts'
import { prewarmIngest, startIngest } from '../../../src/lib/ingest/ingest-client.ts'
import { postRowsAhead, runIngest } from '../../../src/workers/ingest-run.ts'

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

describe('postRowsAhead', () => {
  it('sends all but the last slice of ids and titles ahead, in order, and says where the rest starts', () => {
    const n = 2 * ROWS_PER_MESSAGE + 7
    const ids = Array.from({ length: n }, (_, i) => `e${i}`)
    const titles = ids.map((id) => `T ${id}`)
    const sent: IngestResponse[] = []
    const rest = postRowsAhead(ids, titles, (m) => sent.push(m))
    expect(rest).toBe(2 * ROWS_PER_MESSAGE)
    expect(sent.map((m) => (m.type === 'rows' ? [m.ids.length, m.ids[0], m.titles.at(-1)] : m.type))).toEqual([
      [ROWS_PER_MESSAGE, 'e0', `T e${ROWS_PER_MESSAGE - 1}`],
      [ROWS_PER_MESSAGE, `e${ROWS_PER_MESSAGE}`, `T e${2 * ROWS_PER_MESSAGE - 1}`],
    ])
    // Exactly one slice or less: nothing goes ahead.
    expect(postRowsAhead(ids.slice(0, ROWS_PER_MESSAGE), titles, () => expect.unreachable())).toBe(0)
  })
})

describe('startIngest', () => {
  it('joins rows sent ahead to the rows of done, in order', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const n = ROWS_PER_MESSAGE + 1_000
    const text = 'id,title,date,threatLevel\n' + Array.from({ length: n }, (_, i) => `e${i},Title ${i},2024-01-02,3`).join('\n') + '\n'
    const outcome = await startIngest({ kind: 'text', text, name: 'many.csv' }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    expect(outcome.data.ids).toHaveLength(n)
    expect(outcome.data.table.titles).toHaveLength(n)
    expect(outcome.data.ids[ROWS_PER_MESSAGE]).toBe(`e${ROWS_PER_MESSAGE}`)
    expect(outcome.data.table.titles[n - 1]).toBe(`Title ${n - 1}`)
    expect(outcome.data.table.eventAt(n - 1).id).toBe(`e${n - 1}`)
  })

  it('counts the known ids the input holds in the worker', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const outcome = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }, { knownIds: ['evt-001', 'evt-002', 'evt-007', 'nope'] }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    // evt-007 is a rejected row (an impossible date): only accepted rows clash.
    expect(outcome.data.clashes).toBe(2)
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
