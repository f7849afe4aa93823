import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { stringList } from '../../../src/domain/string-column.ts'
import { rebuildSaved } from '../../../src/services/ingest/restore.ts'
import { startIngest } from '../../../src/lib/ingest/ingest-client.ts'
import { withInputBlobs, type SavedDataset, type SavedInput } from '../../../src/lib/storage/workspace-db.ts'
import { comingCopy } from '../../../src/lib/storage/file-copies.ts'
import { InlineIngestWorker } from '../lib/inline-ingest-worker.ts'
import { eventsOfRows } from '../../../src/domain/table.ts'

const CSV_BYTES = readFileSync(new URL('../../fixtures/csv/hundred-ten-bad.csv', import.meta.url))
const CSV = CSV_BYTES.toString('utf8')
const CLASH = readFileSync(new URL('../../fixtures/csv/two-rows-one-clash.csv', import.meta.url), 'utf8')

const InlineWorker = InlineIngestWorker

afterEach(() => {
  vi.unstubAllGlobals()
  InlineWorker.reset()
})

function saved(inputs: SavedInput[]): SavedDataset {
  return { id: 'ds-1', name: 'Saved', savedAtMs: 1, eventCount: 0, origin: inputs.map((i) => i.name).join(', '), json: '', inputs }
}

const csvInput = (text: string | Blob, name = 'hundred-ten-bad.csv'): SavedInput => ({ name, text, format: 'csv', overrides: [] })

describe('rebuilding a saved dataset', () => {
  it('reads a saved Blob (the imported file, byte-order mark and all) as a file, with no size limit', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const file = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), CSV_BYTES])
    const data = await rebuildSaved(saved([csvInput(file)]))
    expect(data.table.size).toBe(90)
    expect(data.meta.name).toBe('Saved')
    expect(InlineWorker.sources).toEqual([{ kind: 'file', file, name: 'hundred-ten-bad.csv' }])
    expect(InlineWorker.maxBytes).toEqual([Number.POSITIVE_INFINITY])
  })

  it('reads a record saved before inputs were Blobs (text) the same way as one saved as a Blob', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const fromText = await rebuildSaved(saved([csvInput(CSV)]))
    const fromBlob = await rebuildSaved(saved([csvInput(new Blob([CSV]))]))
    expect(InlineWorker.sources.map((s) => s.kind)).toEqual(['text', 'file'])
    expect(fromText.table.size).toBe(90)
    expect(fromBlob.ids).toEqual(fromText.ids)
    expect(fromBlob.report.rejectedRows).toEqual([7, 15, 23, 31, 44, 52, 68, 77, 85, 99])
    expect((await eventsOfRows(fromBlob.table, [stringList(fromBlob.ids).indexOf('evt-003')]))[0]!.title).toBe('Кибератака на энергосеть #3')
  })

  it('rebuilds a merge from Blob and text inputs in order, the later input replacing the same id', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const data = await rebuildSaved(saved([csvInput(new Blob([CSV_BYTES])), csvInput(CLASH, 'two-rows-one-clash.csv')]))
    // 90 events, one replaced, one new.
    expect(data.table.size).toBe(91)
    expect((await eventsOfRows(data.table, [stringList(data.ids).indexOf('evt-001')]))[0]!.title).toBe('Replaced title')
    expect(stringList(data.ids)).toContain('new-001')
  })

  it('fails (for the caller to set the record aside) when a saved Blob cannot be read', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const unreadable = new Blob([CSV])
    Object.defineProperty(unreadable, 'stream', {
      value: () =>
        new ReadableStream({
          pull(controller) {
            controller.error(new Error('the file is gone'))
          },
        }),
    })
    await expect(rebuildSaved(saved([csvInput(unreadable)]))).rejects.toThrow('the file is gone')
  })
})

describe('the input an import keeps to save', () => {
  it("is a copy of a file's bytes made by the worker for a file import, and the text for pasted text", async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const file = new File([CSV_BYTES], 'hundred-ten-bad.csv', { type: 'text/csv' })
    const fromFile = await startIngest({ kind: 'file', file, name: file.name }).done
    const fromText = await startIngest({ kind: 'text', text: CSV, name: 'pasted text' }).done
    if (fromFile.kind !== 'done' || fromText.kind !== 'done') throw new Error('the imports failed')
    // The file, whose copy the worker makes after the import: the workspace stores that copy, a
    // Blob and not the File (a saved File is only a reference to the file on disk).
    expect(fromFile.data.text).toBe(file)
    const dataset = { inputs: [{ name: file.name, text: fromFile.data.text, format: 'csv', overrides: [] }] } as unknown as SavedDataset
    const saved = (await withInputBlobs(dataset)).inputs![0]!.text
    if (typeof saved === 'string') throw new Error('a file import saves its bytes')
    expect(saved).not.toBeInstanceOf(File)
    expect(saved).toBe(await comingCopy(file))
    expect(new Uint8Array(await saved.arrayBuffer())).toEqual(new Uint8Array(CSV_BYTES))
    expect(fromText.data.text).toBe(CSV)
  })
})
