import { describe, expect, it } from 'vitest'
import { savedApart } from '../../../src/lib/ingest/saved-apart.ts'
import type { IngestThread } from '../../../src/lib/ingest/keeper-later.ts'
import { comingCopy, copyComing } from '../../../src/lib/storage/file-copies.ts'

/** A thread that records what it is sent and whether it was ended. */
class Thread implements IngestThread {
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  sent: unknown[] = []
  ended = false
  postMessage(message: unknown): void {
    this.sent.push(message)
  }
  terminate(): void {
    this.ended = true
  }
  tell(message: unknown): void {
    this.onmessage?.({ data: message } as MessageEvent)
  }
}

describe('savedApart', () => {
  it("gives the worker's 'saved' copy once and passes every other message and ask through", () => {
    const worker = new Thread()
    const given: (Blob | null)[] = []
    const thread = savedApart(worker, (blob) => given.push(blob))
    const seen: unknown[] = []
    thread.onmessage = (event) => seen.push(event.data)
    const copy = new Blob(['abc'])
    worker.tell({ type: 'events', id: 0, events: [] })
    worker.tell({ type: 'saved', blob: copy })
    worker.tell({ type: 'saved', blob: new Blob(['other']) })
    expect(given).toEqual([copy])
    expect(seen).toEqual([{ type: 'events', id: 0, events: [] }])
    thread.postMessage({ type: 'events', id: 1, rows: Uint32Array.of(0) })
    expect(worker.sent).toEqual([{ type: 'events', id: 1, rows: Uint32Array.of(0) }])
    thread.terminate()
    expect(worker.ended).toBe(true)
    expect(given).toEqual([copy])
  })

  it('gives null when the worker fails or is ended before its copy comes', () => {
    for (const how of ['error', 'ended'] as const) {
      const worker = new Thread()
      const given: (Blob | null)[] = []
      const thread = savedApart(worker, (blob) => given.push(blob))
      const errors: string[] = []
      thread.onerror = (event) => errors.push(event.message)
      if (how === 'error') worker.onerror?.({ message: 'crashed', preventDefault: () => {} } as ErrorEvent)
      else thread.terminate()
      worker.tell({ type: 'saved', blob: new Blob(['late']) })
      expect(given).toEqual([null])
      expect(errors).toEqual(how === 'error' ? ['crashed'] : [])
    }
  })
})

describe('comingCopy', () => {
  it("gives the copy told of once it comes, none for another file, and none of the wrong size", async () => {
    const file = new Blob(['id,title\n1,a\n'])
    const copy = new Blob(['id,title\n1,a\n'])
    let give: (blob: Blob | null) => void = () => {}
    copyComing(file, new Promise((resolve) => (give = resolve)))
    const waiting = comingCopy(file)
    give(copy)
    expect(await waiting).toBe(copy)
    expect(await comingCopy(new Blob(['id,title\n1,a\n']))).toBeNull()
    const short = new Blob(['id,title\n'])
    copyComing(short, Promise.resolve(new Blob(['id,title\n1'])))
    expect(await comingCopy(short)).toBeNull()
    const none = new Blob(['x'])
    copyComing(none, Promise.resolve(null))
    expect(await comingCopy(none)).toBeNull()
  })
})
