import { afterEach, describe, expect, it, vi } from 'vitest'
import type { IngestResponse } from '../../../src/domain/ingest/ingest-protocol.ts'
import { keeperLater, type IngestThread } from '../../../src/lib/ingest/keeper-later.ts'
import { workerReaders } from '../../../src/lib/ingest/worker-events.ts'

/** A thread that records what it is sent and whether it was ended. */
class Thread implements IngestThread {
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  sent: { message: unknown; transfer: Transferable[] }[] = []
  ended = false
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.sent.push({ message, transfer })
  }
  terminate(): void {
    this.ended = true
  }
  tell(message: IngestResponse): void {
    this.onmessage?.({ data: message } as MessageEvent)
  }
}

const keptTitles = (): Extract<IngestResponse, { type: 'kept-titles' }> => ({ type: 'kept-titles', titles: { blob: new Blob(['onetwo2']), ends: Uint32Array.of(3, 7) } })
const kept = (): Extract<IngestResponse, { type: 'kept' }> => ({
  type: 'kept',
  rows: { blob: new Blob(['a,b']), offsets: Uint32Array.of(0, 3), headers: ['id', 'title'], mapping: ['id', 'title'], delimiter: ',' },
})
const types = (thread: Thread): string[] => thread.sent.map((s) => (s.message as { type: string }).type)

describe('keeperLater', () => {
  it("holds the asks made before the titles and rows come, then hands each, with the asks that wait for it in order, to a fresh worker and ends the parsing one", () => {
    const parsing = new Thread()
    const made: Thread[] = []
    const stand = keeperLater(parsing, () => {
      const t = new Thread()
      made.push(t)
      return t
    })
    stand.postMessage({ type: 'events', id: 0, rows: Uint32Array.of(1) })
    stand.postMessage({ type: 'search-titles', id: 1, needle: 'two' })
    stand.postMessage({ type: 'read-titles', id: 2, rows: Uint32Array.of(0) })
    // The fresh worker is started at once (its code loads while the rows are made), and sent nothing yet.
    expect(made).toHaveLength(1)
    const fresh = made[0]!
    expect(fresh.sent).toEqual([])
    // The titles come first: the asks of titles follow them; the ask of events waits for the rows.
    const titles = keptTitles()
    parsing.tell(titles)
    expect(types(fresh)).toEqual(['keep-titles', 'search-titles', 'read-titles'])
    expect(fresh.sent[0]!.message).toEqual({ type: 'keep-titles', titles: titles.titles })
    expect(fresh.sent[0]!.transfer).toEqual([titles.titles.ends.buffer])
    expect(parsing.ended).toBe(false)
    stand.postMessage({ type: 'hash-titles', id: 3, sourceRow: null, startMs: new Float64Array(0), endMs: new Float64Array(0), level: new Uint8Array(0) })
    stand.postMessage({ type: 'events', id: 4, rows: Uint32Array.of(2) })
    expect(types(fresh)).toEqual(['keep-titles', 'search-titles', 'read-titles', 'hash-titles'])
    const message = kept()
    parsing.tell(message)
    expect(parsing.ended).toBe(true)
    expect(made).toHaveLength(1)
    expect(types(fresh)).toEqual(['keep-titles', 'search-titles', 'read-titles', 'hash-titles', 'keep', 'events', 'events'])
    expect(fresh.sent[4]!.message).toEqual({ type: 'keep', rows: message.rows })
    expect(fresh.sent.slice(5).map((s) => (s.message as { id: number }).id)).toEqual([0, 4])
    // Later asks go straight to it, and its answers come out of the stand-in.
    stand.postMessage({ type: 'events', id: 2, rows: Uint32Array.of(0) })
    expect(fresh.sent).toHaveLength(8)
    const answers: unknown[] = []
    stand.onmessage = (event) => answers.push(event.data)
    fresh.onmessage?.({ data: { type: 'events', id: 2, events: [] } } as MessageEvent)
    expect(answers).toEqual([{ type: 'events', id: 2, events: [] }])
    // A second 'kept' (there is none) would start nothing more and send nothing.
    parsing.tell(keptTitles())
    parsing.tell(kept())
    expect(made).toHaveLength(1)
    expect(fresh.sent).toHaveLength(8)
    stand.terminate()
    expect(fresh.ended).toBe(true)
  })

  it("fails the readers with the worker's reason when the rows cannot be made, or when it fails", () => {
    for (const how of ['failed', 'error'] as const) {
      const parsing = new Thread()
      const fresh = new Thread()
      const stand = keeperLater(parsing, () => fresh)
      const errors: string[] = []
      stand.onerror = (event) => errors.push(event.message)
      stand.postMessage({ type: 'events', id: 0, rows: Uint32Array.of(0) })
      if (how === 'failed') parsing.tell({ type: 'failed', reason: 'could not import: out of memory' })
      else parsing.onerror?.({ message: 'crashed', preventDefault: () => {} } as ErrorEvent)
      expect(errors).toEqual([how === 'failed' ? 'could not import: out of memory' : 'crashed'])
      expect(parsing.ended).toBe(true)
      expect(fresh.ended).toBe(true)
      expect(fresh.sent).toEqual([])
    }
  })

  it('ends both workers when the readers are done with before the rows come, and sends nothing after', () => {
    const parsing = new Thread()
    const fresh = new Thread()
    const stand = keeperLater(parsing, () => fresh)
    stand.terminate()
    expect(parsing.ended).toBe(true)
    expect(fresh.ended).toBe(true)
    parsing.tell(keptTitles())
    parsing.tell(kept())
    stand.postMessage({ type: 'events', id: 0, rows: Uint32Array.of(0) })
    expect(fresh.sent).toEqual([])
  })

  it("answers every held and every later ask at once with the worker's reason once it has failed, without readers listening for errors", async () => {
    for (const how of ['failed', 'error'] as const) {
      const parsing = new Thread()
      const fresh = new Thread()
      const stand = keeperLater(parsing, () => fresh)
      const answers: unknown[] = []
      stand.onmessage = (event) => answers.push(event.data)
      stand.postMessage({ type: 'events', id: 0, rows: Uint32Array.of(0) })
      stand.postMessage({ type: 'read-titles', id: 1, rows: Uint32Array.of(1) })
      if (how === 'failed') parsing.tell({ type: 'failed', reason: 'out of memory' })
      else parsing.onerror?.({ message: 'out of memory', preventDefault: () => {} } as ErrorEvent)
      expect(answers).toEqual([
        { type: 'events-failed', id: 0, reason: 'out of memory' },
        { type: 'titles-failed', id: 1, reason: 'out of memory' },
      ])
      stand.postMessage({ type: 'search-titles', id: 2, needle: 'x' })
      stand.postMessage({ type: 'events', id: 3, rows: Uint32Array.of(2) })
      await Promise.resolve()
      expect(answers.slice(2)).toEqual([
        { type: 'titles-failed', id: 2, reason: 'out of memory' },
        { type: 'events-failed', id: 3, reason: 'out of memory' },
      ])
      // A 'kept' after the failure (there is none) hands nothing to the fresh worker.
      parsing.tell(keptTitles())
      parsing.tell(kept())
      expect(fresh.sent).toEqual([])
    }
  })

  it("fails the reads made before and after the failure with the worker's reason, long before the silence limit", async () => {
    const parsing = new Thread()
    const fresh = new Thread()
    const { readEvents, titles } = workerReaders(keeperLater(parsing, () => fresh), null, 60_000)
    const before = readEvents([0])
    parsing.tell({ type: 'failed', reason: 'could not keep the rows' })
    await expect(before).rejects.toThrow('could not keep the rows')
    await expect(readEvents([1])).rejects.toThrow('could not keep the rows')
    await expect(titles.read([1])).rejects.toThrow('could not keep the rows')
  })

  it('fails the asks held for the rows, and not those sent with the titles, when the rows cannot be made after the titles came', () => {
    const parsing = new Thread()
    const fresh = new Thread()
    const stand = keeperLater(parsing, () => fresh)
    const answers: unknown[] = []
    stand.onmessage = (event) => answers.push(event.data)
    stand.postMessage({ type: 'read-titles', id: 0, rows: Uint32Array.of(0) })
    stand.postMessage({ type: 'events', id: 1, rows: Uint32Array.of(0) })
    parsing.tell(keptTitles())
    expect(types(fresh)).toEqual(['keep-titles', 'read-titles'])
    parsing.tell({ type: 'failed', reason: 'out of memory' })
    expect(answers).toEqual([{ type: 'events-failed', id: 1, reason: 'out of memory' }])
    expect(parsing.ended).toBe(true)
    expect(fresh.ended).toBe(true)
  })

  it('refuses rows that come before the titles', () => {
    const parsing = new Thread()
    const fresh = new Thread()
    const stand = keeperLater(parsing, () => fresh)
    const errors: string[] = []
    stand.onerror = (event) => errors.push(event.message)
    parsing.tell(kept())
    expect(errors).toEqual(['the import worker sent its rows before its titles'])
    expect(fresh.sent).toEqual([])
  })

  it("ends the parsing worker once the rows have come; sends an ask for a file's copy to the fresh worker at once, and answers none after a failure", async () => {
    const parsing = new Thread()
    const fresh = new Thread()
    const stand = keeperLater(parsing, () => fresh)
    const file = new Blob(['a,b'])
    stand.postMessage({ type: 'copy-file', file })
    expect(fresh.sent.map((s) => s.message)).toEqual([{ type: 'copy-file', file }])
    parsing.tell(keptTitles())
    expect(parsing.ended).toBe(false)
    parsing.tell(kept())
    expect(parsing.ended).toBe(true)
    // An error of the parsing worker now fails no read: the fresh worker has all it needs.
    parsing.onerror?.({ message: 'late', preventDefault: () => {} } as ErrorEvent)
    expect(fresh.ended).toBe(false)
    expect(types(fresh)).toEqual(['copy-file', 'keep-titles', 'keep'])
    // After the parsing worker has failed, an ask for a copy is answered: no copy.
    const failing = new Thread()
    const broken = keeperLater(failing, () => new Thread())
    const answers: unknown[] = []
    broken.onmessage = (event) => answers.push(event.data)
    broken.onerror = () => {}
    failing.tell({ type: 'failed', reason: 'out of memory' })
    broken.postMessage({ type: 'copy-file', file })
    await Promise.resolve()
    expect(answers).toEqual([{ type: 'saved', blob: null }])
  })

  describe('the silence limit while reads wait for the rows', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('does not fail a read held past the limit while the parsing worker says it is alive, and answers it once the rows come', async () => {
      vi.useFakeTimers()
      const parsing = new Thread()
      const fresh = new Thread()
      const { readEvents } = workerReaders(keeperLater(parsing, () => fresh), null, 1_000)
      let outcome = 'waiting'
      const read = readEvents([0]).then(
        (events) => (outcome = `read ${events.length}`),
        (error: Error) => (outcome = error.message),
      )
      // Three seconds of making the rows, with a sign of life every 800 ms: three limits' worth.
      for (let i = 0; i < 4; i++) {
        await vi.advanceTimersByTimeAsync(800)
        parsing.tell({ type: 'alive' })
      }
      expect(outcome).toBe('waiting')
      parsing.tell(keptTitles())
      parsing.tell(kept())
      expect(types(fresh)).toEqual(['keep-titles', 'keep', 'events'])
      fresh.onmessage?.({ data: { type: 'events', id: 0, events: [] } } as MessageEvent)
      await read
      expect(outcome).toBe('read 0')
      expect(fresh.ended).toBe(false)
    })

    it('fails a held read once the parsing worker has said nothing for the limit', async () => {
      vi.useFakeTimers()
      const parsing = new Thread()
      const fresh = new Thread()
      const { readEvents } = workerReaders(keeperLater(parsing, () => fresh), null, 1_000)
      let outcome = 'waiting'
      void readEvents([0]).catch((error: Error) => (outcome = error.message))
      await vi.advanceTimersByTimeAsync(900)
      parsing.tell({ type: 'alive' })
      await vi.advanceTimersByTimeAsync(900)
      expect(outcome).toBe('waiting')
      // Silent from 900 ms: the limit is reached at 1,900 ms.
      await vi.advanceTimersByTimeAsync(150)
      expect(outcome).toMatch(/stopped answering \(nothing for 1 s\)/)
      expect(parsing.ended).toBe(true)
      expect(fresh.ended).toBe(true)
    })

    it('passes on no sign of life when no ask is held', () => {
      const parsing = new Thread()
      const fresh = new Thread()
      const stand = keeperLater(parsing, () => fresh)
      const answers: unknown[] = []
      stand.onmessage = (event) => answers.push(event.data)
      parsing.tell({ type: 'alive' })
      stand.postMessage({ type: 'events', id: 0, rows: Uint32Array.of(0) })
      parsing.tell({ type: 'alive' })
      expect(answers).toEqual([{ type: 'alive' }])
    })
  })
})
