import { describe, expect, it, vi } from 'vitest'
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
  it("asks the worker for the file's copy once, when asked, gives its 'saved' copy once and passes every other message and ask through", () => {
    const worker = new Thread()
    const given: (Blob | null)[] = []
    const file = new Blob(['abc'])
    const { thread, ask } = savedApart(worker, file, (blob) => given.push(blob), 60_000)
    const seen: unknown[] = []
    thread.onmessage = (event) => seen.push(event.data)
    worker.tell({ type: 'events', id: 0, events: [] })
    thread.postMessage({ type: 'events', id: 1, rows: Uint32Array.of(0) })
    // Nothing is asked before `ask`.
    expect(worker.sent).toEqual([{ type: 'events', id: 1, rows: Uint32Array.of(0) }])
    ask()
    ask()
    expect(worker.sent).toEqual([
      { type: 'events', id: 1, rows: Uint32Array.of(0) },
      { type: 'copy-file', file },
    ])
    const copy = new Blob(['abc'])
    worker.tell({ type: 'saved', blob: copy })
    worker.tell({ type: 'saved', blob: new Blob(['other']) })
    expect(given).toEqual([copy])
    expect(seen).toEqual([{ type: 'events', id: 0, events: [] }])
    thread.terminate()
    expect(worker.ended).toBe(true)
    expect(given).toEqual([copy])
    ask()
    expect(worker.sent).toHaveLength(2)
  })

  it('gives null when the worker fails or is ended before its copy comes, and asks nothing after', () => {
    for (const how of ['error', 'ended'] as const) {
      const worker = new Thread()
      const given: (Blob | null)[] = []
      const { thread, ask } = savedApart(worker, new Blob(['x']), (blob) => given.push(blob), 60_000)
      const errors: string[] = []
      thread.onerror = (event) => errors.push(event.message)
      if (how === 'error') worker.onerror?.({ message: 'crashed', preventDefault: () => {} } as ErrorEvent)
      else thread.terminate()
      ask()
      worker.tell({ type: 'saved', blob: new Blob(['late']) })
      expect(given).toEqual([null])
      expect(worker.sent).toEqual([])
      expect(errors).toEqual(how === 'error' ? ['crashed'] : [])
    }
  })

  it('gives null when the copy does not come within the silence after the ask', () => {
    vi.useFakeTimers()
    try {
      const worker = new Thread()
      const given: (Blob | null)[] = []
      const { ask } = savedApart(worker, new Blob(['x']), (blob) => given.push(blob), 1_000)
      // The wait starts at the ask, not before.
      vi.advanceTimersByTime(5_000)
      expect(given).toEqual([])
      ask()
      vi.advanceTimersByTime(999)
      expect(given).toEqual([])
      vi.advanceTimersByTime(1)
      expect(given).toEqual([null])
      worker.tell({ type: 'saved', blob: new Blob(['x']) })
      expect(given).toEqual([null])
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('comingCopy', () => {
  it("asks for the copy told of and gives it once it comes, none for another file, and none of the wrong size", async () => {
    const file = new Blob(['id,title\n1,a\n'])
    const copy = new Blob(['id,title\n1,a\n'])
    let give: (blob: Blob | null) => void = () => {}
    let asks = 0
    copyComing(file, new Promise((resolve) => (give = resolve)), () => asks++)
    expect(asks).toBe(0)
    const waiting = comingCopy(file)
    expect(asks).toBe(1)
    give(copy)
    expect(await waiting).toBe(copy)
    expect(await comingCopy(new Blob(['id,title\n1,a\n']))).toBeNull()
    const short = new Blob(['id,title\n'])
    copyComing(short, Promise.resolve(new Blob(['id,title\n1'])), () => {})
    expect(await comingCopy(short)).toBeNull()
    const none = new Blob(['x'])
    copyComing(none, Promise.resolve(null), () => {})
    expect(await comingCopy(none)).toBeNull()
  })
})
