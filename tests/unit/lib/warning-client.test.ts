import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computeWarning } from '../../../src/domain/warning/dashboard-warning.ts'
import type { WarningMessage, WarningResponse } from '../../../src/domain/warning/warning-protocol.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../src/domain/warning/settings.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import type { startWarning as StartWarning } from '../../../src/lib/warning/warning-client.ts'
import { warningAnswerer } from '../../../src/workers/warning-run.ts'

/**
 * A stand-in for the early-warning worker that answers as the real one does (warning-run.ts),
 * but only when the test says so (`answer`), so the order of events can be driven.
 */
class FakeWorker {
  static made: FakeWorker[] = []
  readonly received: WarningMessage[] = []
  /** How many buffers each message was sent with, transferred. */
  readonly transferred: number[] = []
  onmessage: ((event: MessageEvent<WarningResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  private readonly unanswered: WarningMessage[] = []
  private readonly answerer = warningAnswerer((response) => this.onmessage?.({ data: response } as MessageEvent<WarningResponse>))
  constructor() {
    FakeWorker.made.push(this)
  }
  postMessage(message: WarningMessage, transfer: Transferable[] = []): void {
    this.received.push(message)
    this.transferred.push(transfer.length)
    if (message.type === 'counts') this.answerer(message)
    else this.unanswered.push(message)
  }
  /** Answers the oldest table or computation not yet answered. */
  answer(): void {
    const message = this.unanswered.shift()
    if (message === undefined) throw new Error('nothing to answer')
    if (this.terminated) throw new Error('an ended worker answers nothing')
    this.answerer(message)
  }
  fail(): void {
    this.onerror?.({ message: 'out of memory', preventDefault: () => {} } as unknown as ErrorEvent)
  }
  terminate(): void {
    this.terminated = true
  }
  kinds(): string[] {
    return this.received.map((m) => m.type)
  }
}

const tableA = generateSyntheticTable({ size: 3000, seed: 3 })
const tableB = generateSyntheticTable({ size: 2000, seed: 4 })
const asOf = tableA.extentMs[1]
const earlier = asOf - 90 * 86_400_000

let startWarning: typeof StartWarning

beforeEach(async () => {
  vi.useFakeTimers()
  vi.stubGlobal('Worker', FakeWorker)
  // The client keeps its worker in the module: a fresh module per test.
  vi.resetModules()
  ;({ startWarning } = await import('../../../src/lib/warning/warning-client.ts'))
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  FakeWorker.made = []
})

const start = (table = tableA, at = asOf, onProgress: (f: number) => void = () => {}) =>
  startWarning(table, at, DEFAULT_WARNING_SETTINGS, [], onProgress)

/** Starts a computation of a table not counted yet and lets its counting worker answer. */
function startCounted(table = tableA, at = asOf, onProgress?: (f: number) => void) {
  const job = start(table, at, onProgress)
  FakeWorker.made.at(-1)!.answer()
  return job
}

describe('the early-warning client', () => {
  it('counts a table in a worker of its own, ended once it answers, and keeps only the counts for every later as-of', async () => {
    const progress: number[] = []
    const first = start(tableA, asOf, (f) => progress.push(f))
    const counter = FakeWorker.made[0]!
    expect(counter.kinds()).toEqual(['table'])
    counter.answer()
    // The worker holding the copy of the columns is ended; a fresh one gets the counts, transferred (two buffers per kind).
    expect(counter.terminated).toBe(true)
    const kept = FakeWorker.made[1]!
    expect(kept.kinds()).toEqual(['counts', 'compute'])
    expect(kept.transferred).toEqual([8, 0])
    kept.answer()
    expect(await first.result).toEqual(computeWarning(tableA, asOf, DEFAULT_WARNING_SETTINGS, []))
    expect(progress.at(-1)).toBe(1)
    // A later as-of (outside the data's frame too) sends a few numbers only, and reads the same as counting the rows again.
    for (const at of [earlier, asOf + 200 * 86_400_000]) {
      const next = start(tableA, at)
      kept.answer()
      expect(await next.result).toEqual(computeWarning(tableA, at, DEFAULT_WARNING_SETTINGS, []))
    }
    expect(kept.kinds()).toEqual(['counts', 'compute', 'compute', 'compute'])
    expect(FakeWorker.made).toHaveLength(2)
    expect(kept.terminated).toBe(false)
  })

  it("hands on a computation's bands before its surges, the very bands of its result, and a cancelled one's not at all", async () => {
    startCounted()
    const worker = FakeWorker.made[1]!
    await Promise.resolve()
    const events: string[] = []
    let early: readonly unknown[] = []
    const bandPlaces = [{ kind: 'country' as const, place: 'UA' }]
    const job = startWarning(tableA, earlier, DEFAULT_WARNING_SETTINGS, bandPlaces, () => events.push('progress'), (bands) => {
      events.push('bands')
      early = bands
    })
    worker.answer()
    worker.answer()
    const result = await job.result
    expect(events[0]).toBe('bands')
    expect(events.filter((e) => e === 'bands')).toHaveLength(1)
    expect(events.slice(1).every((e) => e === 'progress')).toBe(true)
    expect(early).toEqual(result.bands)
    expect(result.bands.length).toBeGreaterThan(1)
    expect(result).toEqual(computeWarning(tableA, earlier, DEFAULT_WARNING_SETTINGS, bandPlaces))
    // Cancelled while it runs: neither its bands nor its result reach the page.
    let late = 0
    const cancelled = startWarning(tableA, asOf, DEFAULT_WARNING_SETTINGS, [], () => {}, () => late++)
    cancelled.cancel()
    worker.answer()
    expect(late).toBe(0)
  })

  it('sends the next computation at once when the one running is cancelled, and drops what the cancelled one answers', async () => {
    const first = startCounted()
    let firstSettled = false
    void first.result.then(() => (firstSettled = true))
    const worker = FakeWorker.made[1]!
    const second = start(tableA, earlier)
    expect(worker.kinds()).toEqual(['counts', 'compute'])
    // A time brush moved on: the running computation is let go of, and the next is sent without waiting for it.
    first.cancel()
    expect(worker.kinds()).toEqual(['counts', 'compute', 'compute'])
    worker.answer()
    worker.answer()
    expect(await second.result).toEqual(computeWarning(tableA, earlier, DEFAULT_WARNING_SETTINGS, []))
    expect(firstSettled).toBe(false)
  })

  it('sends a computation only once the one before has answered, and never one cancelled while it waited', async () => {
    const first = startCounted()
    const second = start(tableA, earlier)
    const third = start(tableA, earlier - 86_400_000)
    const worker = FakeWorker.made[1]!
    expect(worker.kinds()).toEqual(['counts', 'compute'])
    second.cancel()
    worker.answer()
    await first.result
    const sent = worker.received.filter((m) => m.type === 'compute').map((m) => m.type === 'compute' && m.asOfMs)
    expect(sent).toEqual([asOf, earlier - 86_400_000])
    worker.answer()
    expect((await third.result).surges).toEqual(computeWarning(tableA, earlier - 86_400_000, DEFAULT_WARNING_SETTINGS, []).surges)
  })

  it('drops the answer and the progress of a computation cancelled while it ran', async () => {
    const seen: string[] = []
    const progress: number[] = []
    const first = startCounted(tableA, asOf, (f) => progress.push(f))
    void first.result.then(() => seen.push('first'))
    first.cancel()
    const second = start(tableA, earlier)
    void second.result.then(() => seen.push('second'))
    const worker = FakeWorker.made[1]!
    worker.answer()
    worker.answer()
    await vi.runAllTimersAsync()
    expect(seen).toEqual(['second'])
    expect(progress).toEqual([])
    expect(FakeWorker.made).toHaveLength(2)
  })

  it('keeps the counts of a table whose computation was cancelled while it was counted, and sends no computation for it', async () => {
    const first = start(tableA, asOf)
    first.cancel()
    FakeWorker.made[0]!.answer()
    const kept = FakeWorker.made[1]!
    expect(kept.kinds()).toEqual(['counts'])
    const second = start(tableA, earlier)
    expect(kept.kinds()).toEqual(['counts', 'compute'])
    kept.answer()
    expect(await second.result).toEqual(computeWarning(tableA, earlier, DEFAULT_WARNING_SETTINGS, []))
  })

  it('ends a worker busy for a table no longer wanted when the next computation needs another table', async () => {
    const first = startCounted()
    first.cancel()
    const second = start(tableB, tableB.extentMs[1])
    const [, old, fresh] = FakeWorker.made
    expect(old!.terminated).toBe(true)
    expect(fresh!.kinds()).toEqual(['table'])
    fresh!.answer()
    FakeWorker.made[3]!.answer()
    expect(await second.result).toEqual(computeWarning(tableB, tableB.extentMs[1], DEFAULT_WARNING_SETTINGS, []))
  })

  it('counts a new table in a worker of its own when the one before finished', async () => {
    const first = startCounted()
    FakeWorker.made[1]!.answer()
    await first.result
    const second = startCounted(tableB, tableB.extentMs[1])
    FakeWorker.made[3]!.answer()
    await second.result
    expect(FakeWorker.made.map((w) => w.kinds())).toEqual([['table'], ['counts', 'compute'], ['table'], ['counts', 'compute']])
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, true, true, false])
  })

  it('rejects when the worker fails, and the next computation gets a new worker and the table again', async () => {
    const first = startCounted()
    FakeWorker.made[1]!.fail()
    await expect(first.result).rejects.toThrow('the early-warning worker failed: out of memory')
    const second = start(tableA, earlier)
    expect(FakeWorker.made).toHaveLength(3)
    expect(FakeWorker.made[2]!.kinds()).toEqual(['table'])
    FakeWorker.made[2]!.answer()
    FakeWorker.made[3]!.answer()
    await expect(second.result).resolves.toBeDefined()
  })

  it('rejects when the counting worker fails', async () => {
    const first = start()
    FakeWorker.made[0]!.fail()
    await expect(first.result).rejects.toThrow('the early-warning worker failed: out of memory')
    expect(FakeWorker.made[0]!.terminated).toBe(true)
  })

  it('lets the worker and its counts go after a minute without work', async () => {
    const first = startCounted()
    FakeWorker.made[1]!.answer()
    await first.result
    vi.advanceTimersByTime(59_000)
    expect(FakeWorker.made[1]!.terminated).toBe(false)
    vi.advanceTimersByTime(1_000)
    expect(FakeWorker.made[1]!.terminated).toBe(true)
    start(tableA, earlier)
    expect(FakeWorker.made[2]!.kinds()).toEqual(['table'])
  })
})
