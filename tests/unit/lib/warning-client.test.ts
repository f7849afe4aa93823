import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computeWarning } from '../../../src/domain/warning/dashboard-warning.ts'
import type { WarningMessage, WarningResponse } from '../../../src/domain/warning/warning-protocol.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../src/domain/warning/settings.ts'
import type { WeeklyInput } from '../../../src/domain/warning/weekly-counts.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import type { startWarning as StartWarning } from '../../../src/lib/warning/warning-client.ts'

/**
 * A stand-in for the early-warning worker that computes as the real one does, but answers a
 * computation only when the test says so (`answer`), so the order of events can be driven.
 */
class FakeWorker {
  static made: FakeWorker[] = []
  readonly received: WarningMessage[] = []
  onmessage: ((event: MessageEvent<WarningResponse>) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  private table: WeeklyInput | null = null
  constructor() {
    FakeWorker.made.push(this)
  }
  postMessage(message: WarningMessage): void {
    this.received.push(message)
    if (message.type === 'table') this.table = message.table
  }
  /** Answers the oldest computation not yet answered, with a progress report first. */
  answer(): void {
    const done = new Set(this.answered)
    const request = this.received.find((m) => m.type === 'compute' && !done.has(m.id))
    if (request?.type !== 'compute') throw new Error('nothing to answer')
    this.answered.push(request.id)
    this.onmessage?.({ data: { type: 'progress', id: request.id, fraction: 0.5 } } as MessageEvent<WarningResponse>)
    const result = computeWarning(this.table!, request.asOfMs, request.settings, request.bandPlaces)
    this.onmessage?.({ data: { type: 'done', id: request.id, result } } as MessageEvent<WarningResponse>)
  }
  private readonly answered: number[] = []
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

describe('the early-warning client', () => {
  it('sends a table once and only the as-of for each later computation, with the same results as computing here', async () => {
    const progress: number[] = []
    const first = start(tableA, asOf, (f) => progress.push(f))
    const worker = FakeWorker.made[0]!
    worker.answer()
    expect(await first.result).toEqual(computeWarning(tableA, asOf, DEFAULT_WARNING_SETTINGS, []))
    expect(progress).toEqual([0.5])
    const second = start(tableA, earlier)
    worker.answer()
    expect(await second.result).toEqual(computeWarning(tableA, earlier, DEFAULT_WARNING_SETTINGS, []))
    expect(worker.kinds()).toEqual(['table', 'compute', 'compute'])
    expect(FakeWorker.made).toHaveLength(1)
  })

  it('sends a computation only once the one before has answered, and never one cancelled while it waited', async () => {
    const first = start(tableA, asOf)
    const second = start(tableA, earlier)
    const third = start(tableA, earlier - 86_400_000)
    const worker = FakeWorker.made[0]!
    expect(worker.kinds()).toEqual(['table', 'compute'])
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
    const first = start(tableA, asOf, (f) => progress.push(f))
    void first.result.then(() => seen.push('first'))
    first.cancel()
    const second = start(tableA, earlier)
    void second.result.then(() => seen.push('second'))
    const worker = FakeWorker.made[0]!
    worker.answer()
    worker.answer()
    await vi.runAllTimersAsync()
    expect(seen).toEqual(['second'])
    expect(progress).toEqual([])
    expect(FakeWorker.made).toHaveLength(1)
  })

  it('ends a worker busy for a table no longer wanted when the next computation needs another table', async () => {
    const first = start(tableA, asOf)
    first.cancel()
    const second = start(tableB, tableB.extentMs[1])
    const [old, fresh] = FakeWorker.made
    expect(old!.terminated).toBe(true)
    expect(fresh!.kinds()).toEqual(['table', 'compute'])
    fresh!.answer()
    expect(await second.result).toEqual(computeWarning(tableB, tableB.extentMs[1], DEFAULT_WARNING_SETTINGS, []))
  })

  it('sends the new table to the kept worker when the one before finished', async () => {
    const first = start(tableA, asOf)
    FakeWorker.made[0]!.answer()
    await first.result
    const second = start(tableB, tableB.extentMs[1])
    FakeWorker.made[0]!.answer()
    await second.result
    expect(FakeWorker.made).toHaveLength(1)
    expect(FakeWorker.made[0]!.kinds()).toEqual(['table', 'compute', 'table', 'compute'])
  })

  it('rejects when the worker fails, and the next computation gets a new worker and the table again', async () => {
    const first = start(tableA, asOf)
    FakeWorker.made[0]!.fail()
    await expect(first.result).rejects.toThrow('the early-warning worker failed: out of memory')
    const second = start(tableA, earlier)
    expect(FakeWorker.made).toHaveLength(2)
    expect(FakeWorker.made[1]!.kinds()).toEqual(['table', 'compute'])
    FakeWorker.made[1]!.answer()
    await expect(second.result).resolves.toBeDefined()
  })

  it('lets the worker and its copy of the table go after a minute without work', async () => {
    const first = start(tableA, asOf)
    FakeWorker.made[0]!.answer()
    await first.result
    vi.advanceTimersByTime(59_000)
    expect(FakeWorker.made[0]!.terminated).toBe(false)
    vi.advanceTimersByTime(1_000)
    expect(FakeWorker.made[0]!.terminated).toBe(true)
    start(tableA, earlier)
    expect(FakeWorker.made[1]!.kinds()).toEqual(['table', 'compute'])
  })
})
