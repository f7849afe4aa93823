import { describe, expect, it } from 'vitest'
import { fileToBlob, sliceEnd, textToBlob } from '../../../src/lib/storage/stored-blob.ts'
import { withInputBlobs, type SavedDataset } from '../../../src/lib/storage/workspace-db.ts'

/** A wait that counts how often it was called and gives the next run `budgetMs`. */
function countingWait(budgetMs: number): { between: () => Promise<number>; waits: () => number } {
  let waits = 0
  return {
    between: () => {
      waits++
      return Promise.resolve(budgetMs)
    },
    waits: () => waits,
  }
}

describe('sliceEnd', () => {
  // 'ab😀c': a 0, b 1, the emoji's two halves 2 and 3, c 4.
  const text = 'ab\u{1F600}c'

  it('ends a slice after sliceChars characters', () => {
    expect(sliceEnd(text, 0, 2)).toBe(2)
    expect(sliceEnd(text, 0, 4)).toBe(4)
  })

  it('never ends a slice between the two halves of a surrogate pair', () => {
    expect(sliceEnd(text, 0, 3)).toBe(4)
    expect(sliceEnd(text, 1, 2)).toBe(4)
  })

  it('ends at the end of the text', () => {
    expect(sliceEnd(text, 4, 3)).toBe(5)
    expect(sliceEnd(text, 0, 100)).toBe(5)
  })
})

describe('textToBlob', () => {
  it('gives back the same text, whatever the slices cut through (accents, Cyrillic, CJK, emoji)', async () => {
    const text = 'id,title\r\ne1,Crème brûlée\ne2,Кибератака\ne3,台湾海峡\ne4,\u{1F600}\u{1F30D} flags\n'
    for (const sliceChars of [1, 2, 3, 5, 7, 1000]) {
      const blob = await textToBlob(text, { sliceChars, between: countingWait(0).between })
      expect(await blob.text()).toBe(text)
    }
  })

  it('holds the UTF-8 bytes: é is two bytes, 😀 four', async () => {
    expect((await textToBlob('é')).size).toBe(2)
    expect((await textToBlob('a\u{1F600}')).size).toBe(5)
    expect((await textToBlob('')).size).toBe(0)
  })

  it('waits before each slice but the first when a wait gives no time', async () => {
    // 10 characters in slices of 3: [0,3) [3,6) [6,9) [9,10), so 3 waits.
    const wait = countingWait(0)
    const blob = await textToBlob('abcdefghij', { sliceChars: 3, between: wait.between, nowMs: () => 0 })
    expect(await blob.text()).toBe('abcdefghij')
    expect(wait.waits()).toBe(3)
  })

  it('goes on without waiting while the time a wait gave lasts', async () => {
    let clockMs = 0
    const wait = countingWait(10)
    // Each reading of the clock moves it 4 ms on. A wait gives 10 ms, from the reading after it:
    // three slices fit (read at +0, +4 and +8 ms; the one read at +12 waits). So the 10
    // one-character slices are 1 before any wait, then 3 after each of 3 waits.
    const blob = await textToBlob('abcdefghij', {
      sliceChars: 1,
      between: wait.between,
      nowMs: () => (clockMs += 4) - 4,
    })
    expect(await blob.text()).toBe('abcdefghij')
    expect(wait.waits()).toBe(3)
  })
})

/** A Blob-like file whose stream gives `chunks` one read at a time. */
function chunkedFile(chunks: readonly number[][]): Blob {
  let next = 0
  const stream = (): ReadableStream<Uint8Array> =>
    new ReadableStream({
      pull(controller) {
        if (next < chunks.length) controller.enqueue(new Uint8Array(chunks[next++]!))
        else controller.close()
      },
    })
  return { stream, type: 'text/csv', size: chunks.flat().length } as unknown as Blob
}

describe('fileToBlob', () => {
  it('copies the bytes exactly, byte-order mark and UTF-16 alike, into a Blob that is not the File', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x69, 0x00, 0x64, 0x00, 0x0a, 0x00, 0x1f, 0x04])
    const file = new File([bytes], 'utf16.csv', { type: 'text/csv' })
    const copy = await fileToBlob(file)
    expect(copy).not.toBeInstanceOf(File)
    expect(copy.type).toBe('text/csv')
    expect([...new Uint8Array(await copy.arrayBuffer())]).toEqual([...bytes])
    expect((await fileToBlob(new File([], 'empty.csv'))).size).toBe(0)
  })

  it('copies a slice once it holds sliceBytes, waiting before each full slice but the first when a wait gives no time', async () => {
    // Reads of 2, 2, 1, 3 and 1 bytes in slices of at least 3: [2+2], a wait, [1+3], then what
    // is left at the end ([1], less than a slice) with no wait: 1 wait.
    const wait = countingWait(0)
    const copy = await fileToBlob(chunkedFile([[1, 2], [3, 4], [5], [6, 7, 8], [9]]), { sliceBytes: 3, between: wait.between, nowMs: () => 0 })
    expect([...new Uint8Array(await copy.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(wait.waits()).toBe(1)
  })

  it('rejects when the file cannot be read', async () => {
    const gone = {
      stream: () =>
        new ReadableStream({
          pull(controller) {
            controller.error(new DOMException('A requested file could not be read', 'NotReadableError'))
          },
        }),
      type: '',
    } as unknown as Blob
    await expect(fileToBlob(gone)).rejects.toThrow('could not be read')
  })
})

describe('withInputBlobs', () => {
  const record = (inputs: SavedDataset['inputs']): SavedDataset => ({ id: 'ds-1', name: 'Test', savedAtMs: 1, eventCount: 2, origin: 'a.csv', json: '', inputs })

  it('stores text as a Blob of the same text, a File as a copy of its bytes, and keeps other Blobs as they are', async () => {
    const blob = new Blob(['id,title\ne1,One\n'])
    const file = new File(['id,title\ne3,Three\n'], 'c.csv')
    const saved = record([
      { name: 'a.csv', text: 'id,title\ne2,Две\n', format: 'csv', overrides: [[1, 'title']] },
      { name: 'b.csv', text: blob, format: 'csv', overrides: [] },
      { name: 'c.csv', text: file, format: 'csv', overrides: [] },
    ])
    const stored = await withInputBlobs(saved)
    const [first, second, third] = stored.inputs!
    expect(first!.text).toBeInstanceOf(Blob)
    expect(await (first!.text as Blob).text()).toBe('id,title\ne2,Две\n')
    expect({ ...first!, text: null }).toEqual({ name: 'a.csv', text: null, format: 'csv', overrides: [[1, 'title']] })
    expect(second!.text).toBe(blob)
    expect(third!.text).not.toBeInstanceOf(File)
    expect(await (third!.text as Blob).text()).toBe('id,title\ne3,Three\n')
    expect({ ...stored, inputs: null }).toEqual({ ...saved, inputs: null })
    // The record given is left as it was.
    expect(saved.inputs![0]!.text).toBe('id,title\ne2,Две\n')
  })

  it('returns the same record when every input is already a Blob, or there are none', async () => {
    const blobs = record([{ name: 'b.csv', text: new Blob(['x']), format: 'csv', overrides: [] }])
    expect(await withInputBlobs(blobs)).toBe(blobs)
    const none = record(undefined)
    expect(await withInputBlobs(none)).toBe(none)
  })
})
