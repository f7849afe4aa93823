import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../../../src/domain/engine/filter-spec.ts'
import type { Views } from '../../../../src/domain/engine/views-engine.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import type { WarehouseConnection } from '../../../../src/lib/clickhouse/warehouse-client.ts'
import { requestFor } from '../../../engine/conformance.ts'
import { loadWarehouseTable } from '../../../warehouse/test-warehouse.ts'
import { TIMED_OUT } from '../../../warehouse/refused-parts.ts'
import { STRIKE_EVENTS } from '../../../warehouse/strike-events.ts'

/**
 * An early answer to a search whose cube is not at hand: the count of the matches and the list
 * window come first (`cubePending`), the cube's panels in its `later`, the whole answer in that
 * one's `later`. The endpoint holds the cube's query until the test lets it go, as a warehouse
 * grouping millions of matches would.
 */

/** What the cube's query holds, whichever form it takes (cube.ts). */
const CUBE_SQL = 'GROUP BY start_day_ms, end_day_ms, level, category, place'

let endpoint: ChdbEndpoint | undefined
let connection: WarehouseConnection
let gate: { promise: Promise<void>; open: () => void } | null = null
let refuseCube = false
const asked: string[] = []
const answered: string[] = []

function kindOf(sql: string): string {
  if (sql.includes(CUBE_SQL)) return 'cube'
  if (/^SELECT count\(\) AS n FROM .* WHERE /s.test(sql.trim()) && !sql.includes('GROUP BY')) return 'count'
  if (sql.includes('argMax(tuple(event')) return 'list'
  return 'other'
}

function closedGate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}


beforeAll(async () => {
  endpoint = await startChdbEndpoint({
    refuse: (sql) => (refuseCube && sql.includes(CUBE_SQL) ? TIMED_OUT : null),
    hold: (sql) => {
      asked.push(kindOf(sql))
      return gate !== null && sql.includes(CUBE_SQL) ? gate.promise : null
    },
    onQuery: (q) => answered.push(kindOf(q.sql)),
  })
  let n = 0
  const warehouse = { url: endpoint.url, user: 'default', password: '', nextTable: () => ({ database: 'count_first', table: `events_${n++}` }), close: async () => {} }
  connection = await loadWarehouseTable(warehouse, { schemaVersion: 1, name: 'count first', regions: [], events: [...STRIKE_EVENTS] })
}, 120_000)

afterEach(() => {
  gate?.open()
  gate = null
  refuseCube = false
})

afterAll(async () => {
  gate?.open()
  await endpoint?.close()
}, 120_000)

const SEARCH: FilterSpec = { ...EMPTY_FILTER, text: 'strike' }

/** An answer without its wall times and staged parts, for comparing. */
function settled(views: Views): unknown {
  const { timings: _timings, later: _later, points, ...rest } = views
  return { ...rest, points: points === null ? null : points.visible }
}

/** Whether `promise` has settled after the endpoint had time to answer what it was not holding. */
async function settles(promise: Promise<unknown>, ms = 300): Promise<boolean> {
  const mark = Symbol('pending')
  const won = await Promise.race([promise.then(() => true, () => true), new Promise((done) => setTimeout(() => done(mark), ms))])
  return won !== mark
}

describe('an early answer to a search, the count and the list first', () => {
  it('draws the count and the list while the cube is held, then the cube’s panels, then the whole answer', async () => {
    const straight = await ClickHouseEngine.open(connection)
    const whole = await straight.run(requestFor(SEARCH))
    await straight.close()
    expect(whole.matched).toBe(3)
    expect([...whole.levelCounts]).toEqual([0, 0, 1, 1, 0, 1])

    const engine = await ClickHouseEngine.open(connection)
    gate = closedGate()
    asked.length = 0
    answered.length = 0
    const first = await engine.run({ ...requestFor(SEARCH), early: true })
    expect(first.cubePending).toBe(true)
    expect(first.matched).toBe(3)
    expect(first.list).toEqual(whole.list)
    expect(first.list!.rows.map((r) => r.event!.id)).toEqual(['d', 'b', 'a'])
    // Nothing the cube makes is drawn from it: empty or null until it comes.
    expect([...first.levelCounts]).toEqual([0, 0, 0, 0, 0, 0])
    expect(first.timeline).toBeNull()
    expect(first.gauges).toBeNull()
    expect(first.map).toBeNull()
    expect(first.compare).toBeNull()
    expect(first.actorsPending).toBe(true)
    // The count and the list were answered before the cube was asked.
    expect(answered).toContain('count')
    expect(answered).toContain('list')
    await vi.waitFor(() => expect(asked).toContain('cube'))
    expect(asked.lastIndexOf('list')).toBeLessThan(asked.indexOf('cube'))
    expect(asked.lastIndexOf('count')).toBeLessThan(asked.indexOf('cube'))
    expect(answered).not.toContain('cube')
    expect(await settles(first.later!)).toBe(false)

    gate.open()
    gate = null
    const cubed = await first.later!
    expect(cubed.cubePending).toBeUndefined()
    expect(cubed.matched).toBe(3)
    expect([...cubed.levelCounts]).toEqual([0, 0, 1, 1, 0, 1])
    expect(cubed.actorsPending).toBe(true)
    expect(cubed.points).toBeNull()
    const final = await cubed.later!
    expect(final.later).toBeUndefined()
    expect(settled(final)).toEqual(settled(whole))

    // A level toggle under the same search: the cube is at hand, so its panels come at once.
    const toggled = await engine.run({ ...requestFor({ ...SEARCH, levels: [2, 3] }), early: true })
    expect(toggled.cubePending).toBeUndefined()
    expect(toggled.matched).toBe(2)
    await engine.close()
  }, 60_000)

  it('lets a newer search supersede the older one’s cube and later parts', async () => {
    gate?.open()
    const engine = await ClickHouseEngine.open(connection)
    gate = closedGate()
    const first = await engine.run({ ...requestFor(SEARCH), early: true })
    expect(first.cubePending).toBe(true)
    const older = first.later!.then(
      () => 'answered',
      (error: Error) => error.name,
    )
    const newer = engine.run({ ...requestFor({ ...SEARCH, text: 'port' }), early: true })
    // The older run is aborted at once, its cube still held: nothing of it is ever drawn.
    expect(await older).toBe('AbortError')
    const next = await newer
    expect(next.cubePending).toBe(true)
    expect(next.matched).toBe(1)
    expect(next.list!.rows.map((r) => r.event!.id)).toEqual(['a'])
    gate.open()
    gate = null
    let views = next
    while (views.later !== undefined) views = await views.later
    expect(views.matched).toBe(1)
    expect([...views.levelCounts]).toEqual([0, 0, 1, 0, 0, 0])
    await engine.close()
  }, 60_000)

  it('rejects the later part with the warehouse’s reason when the cube fails, the count and the list answered', async () => {
    gate?.open()
    gate = null
    const engine = await ClickHouseEngine.open(connection)
    refuseCube = true
    try {
      const first = await engine.run({ ...requestFor(SEARCH), early: true })
      expect(first.cubePending).toBe(true)
      expect(first.matched).toBe(3)
      expect(first.list!.rows.length).toBe(3)
      await expect(first.later!).rejects.toThrow('The warehouse did not answer within 30 s')
    } finally {
      refuseCube = false
    }
    // The same search again asks the cube again (a failed cube is not kept) and answers whole.
    const again = await engine.run({ ...requestFor(SEARCH), early: true })
    let views = again
    while (views.later !== undefined) views = await views.later
    expect([...views.levelCounts]).toEqual([0, 0, 1, 1, 0, 1])
    await engine.close()
  }, 60_000)
})
