import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EventTable } from '../../../src/domain/table-types.ts'
import { LocalEngine, POSITIONS_ELSEWHERE_ROWS } from '../../../src/domain/engine/local/local-engine.ts'
import { placeEvents } from '../../../src/state/project-positions.ts'
import { requestFor } from '../../engine/conformance.ts'
import { projectColumns, type ProjectedPoints } from '../../../src/domain/geo/mercator.ts'
import type { PointFrame } from '../../../src/domain/engine/map-points.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'

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

/** Generated events (each with a position): their table, and where each row lies in world units. */
function tableOf(size: number): { table: EventTable; want: ProjectedPoints } {
  const table = generateSyntheticTable({ size, seed: 5 })
  return { table, want: projectColumns(table.latDeg, table.lonDeg) }
}

/** The frame's items, by ref, as the positions they were binned or drawn from (points mode). */
function expectAt(frame: PointFrame, want: ProjectedPoints, scale: number): void {
  for (let i = 0; i < Math.min(frame.size, 20); i++) {
    const row = frame.ref[i]!
    expect(frame.x[i]).toBeCloseTo(want.x[row]! * scale, 3)
    expect(frame.y[i]).toBeCloseTo(want.y[row]! * scale, 3)
  }
}

afterEach(() => {
  vi.unstubAllGlobals()
  FakeWorker.made = 0
  FakeWorker.fail = false
  FakeWorker.posted = []
})

/** The world at zoom 0 in a 256 px square. */
const WORLD = { scale: 1, originX: 0, originY: 0, width: 256, height: 256 }

/** The engine's answer for the map's events over the whole world, no filter. */
function pointsOf(engine: LocalEngine) {
  return engine.answer({ ...requestFor(), points: { viewport: WORLD } }, new Set(['points'])).points
}

describe('placing events on the map', () => {
  it('places a small table at once, on this thread', () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { table, want } = tableOf(10)
    const engine = new LocalEngine(table)
    expect(engine.awaitsPositions).toBe(false)
    const frame = pointsOf(engine)!
    expect(frame.mode).toBe('points')
    expect(frame.visible).toBe(10)
    expectAt(frame, want, 1)
    expect(FakeWorker.made).toBe(0)
  })

  it('places a large table once, in a worker, with the same numbers, drawing nothing until then', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const { table, want } = tableOf(POSITIONS_ELSEWHERE_ROWS)
    const engine = new LocalEngine(table)
    expect(engine.awaitsPositions).toBe(true)
    expect(pointsOf(engine)).toBeNull()
    const [a, b] = [placeEvents(engine), placeEvents(engine)]
    expect(a).toBe(b)
    await a
    expect(FakeWorker.made).toBe(1)
    // The columns go over as copies, transferred: the table keeps its own.
    expect(FakeWorker.posted[0]).toHaveLength(2)
    expect(table.latDeg.length).toBe(POSITIONS_ELSEWHERE_ROWS)
    expect(engine.awaitsPositions).toBe(false)
    // Zoomed in on row 0 at zoom 12, so that few enough are in view to be points.
    const near = { scale: 4096, originX: want.x[0]! * 4096 - 400, originY: want.y[0]! * 4096 - 300, width: 800, height: 600 }
    const frame = engine.answer({ ...requestFor(), points: { viewport: near } }, new Set(['points'])).points!
    expect(frame.mode).toBe('points')
    expect(Array.from(frame.ref)).toContain(0)
    for (let i = 0; i < frame.size; i++) {
      const row = frame.ref[i]!
      expect(frame.x[i]).toBeCloseTo(want.x[row]! * 4096 - near.originX, 1)
    }
    expect(pointsOf(engine)!.visible).toBe(POSITIONS_ELSEWHERE_ROWS)
    await placeEvents(engine)
    expect(FakeWorker.made).toBe(1)
  })

  it('places on this thread when the worker fails', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    FakeWorker.fail = true
    const engine = new LocalEngine(tableOf(POSITIONS_ELSEWHERE_ROWS + 1).table)
    await placeEvents(engine)
    expect(engine.awaitsPositions).toBe(false)
    expect(pointsOf(engine)!.visible).toBe(POSITIONS_ELSEWHERE_ROWS + 1)
  })

  it('places on this thread where there are no workers', async () => {
    vi.stubGlobal('Worker', undefined)
    const engine = new LocalEngine(tableOf(POSITIONS_ELSEWHERE_ROWS).table)
    await placeEvents(engine)
    expect(pointsOf(engine)!.visible).toBe(POSITIONS_ELSEWHERE_ROWS)
  })
})
