import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { prewarmIngest, startIngest, type ImportedData } from '../../../src/lib/ingest/ingest-client.ts'
import { InlineIngestWorker } from './inline-ingest-worker.ts'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { combineTables } from '../../../src/domain/ingest/combine-tables.ts'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { isPackedColumn, stringAt, stringCount } from '../../../src/domain/string-column.ts'
import { eventsOfRows } from '../../../src/domain/table.ts'
import { comingCopy } from '../../../src/lib/storage/file-copies.ts'
import { withInputBlobs, type SavedDataset } from '../../../src/lib/storage/workspace-db.ts'

const CSV = readFileSync(new URL('../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')

const InlineWorker = InlineIngestWorker

async function imported(text: string, name: string): Promise<{ data: ImportedData; worker: InlineIngestWorker }> {
  const outcome = await startIngest({ kind: 'text', text, name }).done
  if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
  return { data: outcome.data, worker: InlineWorker.last() }
}

afterEach(() => vi.unstubAllGlobals())

describe('startIngest', () => {
  it('keeps the ids of many rows packed as they arrive, in order, and the titles in the worker with the events', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const n = 100_000 + 1_000
    // All on one day: ties keep the input order.
    const text = 'id,title,date,threatLevel\n' + Array.from({ length: n }, (_, i) => `e${i},Title ${i} ✓,2024-01-02,3`).join('\n') + '\n'
    const outcome = await startIngest({ kind: 'text', text, name: 'many.csv' }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    const { ids, table } = outcome.data
    expect(isPackedColumn(ids)).toBe(true)
    expect(stringCount(ids)).toBe(n)
    // The page holds no title: they are read and searched by message.
    expect(stringCount(table.titles)).toBe(0)
    expect([0, 99_999, 100_000, n - 1].map((row) => stringAt(ids, row))).toEqual(['e0', 'e99999', 'e100000', `e${n - 1}`])
    expect(await table.remoteTitles!.read([0, 100_000, n - 1])).toEqual(['Title 0 ✓', 'Title 100000 ✓', `Title ${n - 1} ✓`])
    const hits = await table.remoteTitles!.search('title 10000 ✓')
    expect(hits).toHaveLength(n)
    expect([...hits.keys()].filter((row) => hits[row] === 1)).toEqual([10_000])
    expect(await eventsOfRows(table, [n - 1])).toMatchObject([{ id: `e${n - 1}`, title: `Title ${n - 1} ✓` }])
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

  it('hands the prewarmed workers to the next import, once: one to import, one to keep its titles and rows', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    InlineWorker.reset()
    prewarmIngest()
    prewarmIngest()
    expect(InlineWorker.started).toBe(2)
    const [importer, keeper] = InlineWorker.made
    const outcome = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }).done
    expect(outcome.kind).toBe('done')
    // Both prewarmed workers were used: none was started for this import.
    expect(InlineWorker.started).toBe(2)
    expect(InlineWorker.sources).toHaveLength(1)
    // The importer is ended once its rows have come (made a slice at a time after 'done').
    await vi.waitFor(() => expect(importer!.terminated).toBe(true))
    expect(keeper!.keeper).toBe(true)
    expect(outcome.kind === 'done' && (await outcome.data.table.remoteTitles!.read([0]))).toHaveLength(1)
    // Without a dialog opened, pasted text starts its keeper when the rows come.
    await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }).done
    expect(InlineWorker.started).toBe(4)
  })

  it("starts a picked file's keeper with the import, and keeps it for the next import when it is not needed", async () => {
    vi.stubGlobal('Worker', InlineWorker)
    InlineWorker.reset()
    const json = JSON.stringify({ schemaVersion: 1, name: 'Tiny', events: [{ id: 'a', title: 'A', date: '2024-01-02', threatLevel: 2 }] })
    const job = startIngest({ kind: 'file', file: new File([json], 'tiny.json'), name: 'tiny.json' })
    // The importer and the keeper start at once, before anything is read.
    expect(InlineWorker.started).toBe(2)
    const keeper = InlineWorker.made[1]!
    expect((await job.done).kind).toBe('done')
    // A JSON's events stay with its importer: the keeper idles, and the next import takes it.
    expect(keeper.keeper).toBe(false)
    expect(keeper.terminated).toBe(false)
    const next = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }).done
    expect(next.kind).toBe('done')
    expect(InlineWorker.started).toBe(3)
    expect(keeper.keeper).toBe(true)
  })
})

describe("an import's events, read from its worker", () => {
  it("ends a CSV's parsing worker and reads rows by message from a fresh one holding its rows, in the order asked", async () => {
    vi.stubGlobal('Worker', InlineWorker)
    InlineWorker.reset()
    const { data, worker } = await imported(CSV, 'x.csv')
    // The worker that parsed is ended; the one started after it was handed the rows.
    expect(InlineWorker.made.map((w) => [w.keeper, w.terminated])).toEqual([[false, true], [true, false]])
    expect(worker.keeper).toBe(true)
    // The page holds no event: its eventAt says where they are.
    expect(() => data.table.eventAt(0)).toThrow(/eventsOfRows/)
    const { ids, table } = data
    const rows = [table.size - 1, 0, 5]
    const events = await eventsOfRows(table, rows)
    // Each row's event is the one of the row's id (rows are stored newest first).
    expect(events.map((e) => e.id)).toEqual(rows.map((row) => stringAt(ids, row)))
    expect(await table.remoteTitles!.read([0])).toEqual([events[1]!.title])
    expect(worker.asks).toBe(1)
    expect(await eventsOfRows(table, [])).toEqual([])
    expect(worker.asks).toBe(1)
  })

  it("has a picked file's copy made by the worker that reads its rows only when the workspace asks, and saves that copy", async () => {
    vi.stubGlobal('Worker', InlineWorker)
    InlineWorker.reset()
    const file = new File([CSV], 'x.csv')
    const streams = vi.spyOn(file, 'stream')
    const outcome = await startIngest({ kind: 'file', file, name: 'x.csv' }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    // What the workspace saves is the file, whose copy can be asked for.
    expect(outcome.data.text).toBe(file)
    // The events and titles are read as before; the parsing worker is ended once it has sent the rows.
    expect(await outcome.data.table.remoteTitles!.read([0])).toHaveLength(1)
    expect(await eventsOfRows(outcome.data.table, [0])).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(InlineWorker.made.map((w) => [w.keeper, w.terminated])).toEqual([[false, true], [true, false]])
    // No copy is made before the ask: no worker was asked, and the file was read once, by the import.
    expect(InlineWorker.made.map((w) => w.copyAsks)).toEqual([0, 0])
    expect(streams).toHaveBeenCalledTimes(1)
    // The workspace's save asks the worker that reads the rows, once, and stores its copy.
    const dataset = { inputs: [{ name: 'x.csv', text: file, format: 'csv', overrides: [] }] } as unknown as SavedDataset
    const stored = (await withInputBlobs(dataset)).inputs![0]!.text
    const copy = await comingCopy(file)
    expect(stored).toBe(copy)
    expect(copy).toBeInstanceOf(Blob)
    expect(copy).not.toBe(file)
    expect(await copy!.text()).toBe(CSV)
    expect(InlineWorker.made.map((w) => w.copyAsks)).toEqual([0, 1])
    expect(streams).toHaveBeenCalledTimes(2)
    // A file with no copy coming is copied by the workspace.
    const other = new File([CSV], 'y.csv')
    expect(await comingCopy(other)).toBeNull()
    const own = (await withInputBlobs({ inputs: [{ name: 'y.csv', text: other, format: 'csv', overrides: [] }] } as unknown as SavedDataset)).inputs![0]!.text as Blob
    expect(own).not.toBe(other)
    expect(await own.text()).toBe(CSV)
  })

  it("has a picked file copied by the workspace when the worker that would make its copy was ended before the ask", async () => {
    vi.stubGlobal('Worker', InlineWorker)
    InlineWorker.reset()
    const file = new File([CSV], 'x.csv')
    const outcome = await startIngest({ kind: 'file', file, name: 'x.csv' }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    expect(await eventsOfRows(outcome.data.table, [0])).toHaveLength(1)
    // The reader worker stops (killed for memory): the copy will not come, and nothing waits for it.
    InlineWorker.made[1]!.crash('out of memory')
    expect(await comingCopy(file)).toBeNull()
    expect(InlineWorker.made.map((w) => w.copyAsks)).toEqual([0, 0])
    const stored = (await withInputBlobs({ inputs: [{ name: 'x.csv', text: file, format: 'csv', overrides: [] }] } as unknown as SavedDataset)).inputs![0]!.text as Blob
    expect(stored).not.toBe(file)
    expect(await stored.text()).toBe(CSV)
  })

  it('reads a merge of two imports and the sample from each part', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const a = await imported('id,title,date,threatLevel\na1,First A,2024-01-02,2\na2,Second A,2024-03-04,3\n', 'a.csv')
    const b = await imported(JSON.stringify({ schemaVersion: 1, name: 'B', events: [{ id: 'b1', title: 'Only B', date: '2024-02-01', threatLevel: 4 }] }), 'b.json')
    // Data read in this thread (the sample): its events are at hand.
    const read = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 'S', events: [{ id: 's1', title: 'Sample', date: '2023-01-01', threatLevel: 1 }] }))
    if (!read.ok) throw new Error(read.reason)
    const sample = buildEventTable(read.result.dataset)
    const { table, ids } = combineTables([
      { table: a.data.table, ids: a.data.ids },
      { table: b.data.table, ids: b.data.ids },
      { table: sample, ids: ['s1'] },
    ])
    expect(ids).toEqual(['a2', 'b1', 'a1', 's1'])
    const events = await eventsOfRows(table, [3, 0, 1, 2])
    expect(events.map((e) => e.title)).toEqual(['Sample', 'Second A', 'Only B', 'First A'])
    expect([a.worker.asks, b.worker.asks]).toEqual([1, 1])
    // A JSON's events stay in the worker that read them.
    expect([a.worker.keeper, b.worker.keeper, b.worker.terminated]).toEqual([true, false, false])
  })

  it('reads non-ASCII rows, quoted line breaks and a CRLF file from the fresh worker as the parse read them', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const text = 'id,title,date,threatLevel,summary\r\nk1,Заголовок 東京 ✓,2024-01-02,2,"two\r\nlines, and ""quotes"""\r\nk2,Plain,2024-01-03,3,\r\n'
    const { data } = await imported(text, 'k.csv')
    const events = await eventsOfRows(data.table, [1, 0])
    expect(events.map((e) => [e.id, e.title, e.summary ?? ''])).toEqual([
      ['k1', 'Заголовок 東京 ✓', 'two\r\nlines, and "quotes"'],
      ['k2', 'Plain', ''],
    ])
  })

  it("fails reads with a reason once the worker fails, and ends it", async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const { data, worker } = await imported(CSV, 'x.csv')
    worker.silent = true
    const pending = eventsOfRows(data.table, [0])
    worker.crash('out of memory')
    await expect(pending).rejects.toThrow(/import's worker stopped \(out of memory\)/)
    expect(worker.terminated).toBe(true)
    // Later reads fail at once, without asking.
    const asks = worker.asks
    await expect(eventsOfRows(data.table, [1])).rejects.toThrow(/import the data again/)
    expect(worker.asks).toBe(asks)
  })

  it('fails a read the worker never answers after the silence allowed', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const outcome = await startIngest({ kind: 'text', text: CSV, name: 'x.csv' }, { silenceMs: 50 }).done
    if (outcome.kind !== 'done') throw new Error(JSON.stringify(outcome))
    const worker = InlineWorker.last()
    worker.silent = true
    await expect(eventsOfRows(outcome.data.table, [0])).rejects.toThrow(/stopped answering/)
    expect(worker.terminated).toBe(true)
  })

  it('says the worker holds nothing when a failed import is asked', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const outcome = await startIngest({ kind: 'text', text: 'not,a\n', name: 'x.csv' }).done
    expect(outcome.kind).toBe('failed')
    // A failed import's worker is ended: no table reads from it.
    expect(InlineWorker.last().terminated).toBe(true)
  })
})
