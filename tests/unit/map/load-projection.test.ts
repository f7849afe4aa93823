import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EventTable } from '../../../src/domain/table-types.ts'
import { loadProjection, PROJECT_IN_WORKER_ROWS, projectionIfReady, projectsInWorker } from '../../../src/features/map/utils/load-projection.ts'
import { projectColumns } from '../../../src/features/map/utils/mercator.ts'

/** A stand-in for the projection worker: answers on a later task, as the real one does, or fails. */
class FakeWorker {
  static made = 0
  static fail = false
  static posted: unknown[][] = []
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  constructor() {
    FakeWorker.made++
  }
  postMessage(data: { latDeg: Float32Array; lonDeg: Float32Array }, transfer: unknown[]): void {
    FakeWorker.posted.push(transfer)
    setTimeout(() => {
      if (FakeWorker.fail) this.onerror?.({ message: 'boom' } as ErrorEvent)
      else this.onmessage?.({ data: projectColumns(data.latDeg, data.lonDeg) } as MessageEvent)
    }, 0)
  }
  terminate(): void {
    this.terminated = true
  }
}

/** Only what the projection reads: the size and the position columns (three rows, said to be many). */
function tableOf(size: number): EventTable {
  return { size, latDeg: new Float32Array([0, 60, NaN]), lonDeg: new Float32Array([0, 90, 10]) } as unknown as EventTable
}

afterEach(() => {
  vi.unstubAllGlobals()
  FakeWorker.made = 0
  FakeWorker.fail = false
  FakeWorker.posted = []
})

describe('loadProjection', () => {
  it('projects a small table at once, on the main thread', () => {
    vi.stubGlobal('Worker', FakeWorker)
    const table = tableOf(10)
    expect(projectsInWorker(table)).toBe(false)
    const projected = projectionIfReady(table)!
    expect(Array.from(projected.x.subarray(0, 2))).toEqual([128, 192])
    expect(projected.y[0]).toBeCloseTo(128, 5)
    expect(FakeWorker.made).toBe(0)
  })

  it('projects a large table once in a worker, with the same numbers, and shares the result', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const table = tableOf(PROJECT_IN_WORKER_ROWS)
    expect(projectsInWorker(table)).toBe(true)
    expect(projectionIfReady(table)).toBeUndefined()
    const [a, b] = await Promise.all([loadProjection(table), loadProjection(table)])
    expect(a).toBe(b)
    expect(FakeWorker.made).toBe(1)
    // The columns go over as copies, transferred: the table keeps its own.
    expect(FakeWorker.posted[0]).toHaveLength(2)
    expect(FakeWorker.posted[0]![0]).not.toBe(table.latDeg.buffer)
    expect(table.latDeg.length).toBe(3)
    const want = projectColumns(table.latDeg, table.lonDeg)
    expect(Array.from(a.x)).toEqual(Array.from(want.x))
    expect(Array.from(a.y)).toEqual(Array.from(want.y))
    expect(projectionIfReady(table)).toBe(a)
    await loadProjection(table)
    expect(FakeWorker.made).toBe(1)
  })

  it('falls back to the main thread when the worker fails, with the same numbers', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    FakeWorker.fail = true
    const table = tableOf(PROJECT_IN_WORKER_ROWS + 1)
    const projected = await loadProjection(table)
    expect(Array.from(projected.x.subarray(0, 2))).toEqual([128, 192])
    expect(Number.isNaN(projected.y[2]!)).toBe(true)
  })

  it('projects on the main thread where there are no workers', () => {
    vi.stubGlobal('Worker', undefined)
    const table = tableOf(PROJECT_IN_WORKER_ROWS)
    expect(projectsInWorker(table)).toBe(false)
    expect(Array.from(projectionIfReady(table)!.x.subarray(0, 2))).toEqual([128, 192])
  })
})
