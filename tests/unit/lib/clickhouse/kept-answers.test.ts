import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { KeptAnswers } from '../../../../src/lib/clickhouse/kept-answers.ts'
import { requestFor } from '../../../engine/conformance.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { testEvent } from '../../domain/export/test-event.ts'

/**
 * An export's preview and its file draw the same answer: the engine asks the warehouse once for
 * a snapshot, a map frame or the top events of the same request, and again for another.
 */
describe('kept answers', () => {
  it('keeps an answer by key, shares one still coming, lets a failed one go and the oldest past its size', async () => {
    const kept = new KeptAnswers(2)
    let asked = 0
    const ask = (value: string) => () => {
      asked++
      return Promise.resolve(value)
    }
    const first = kept.answer('a', ask('A'))
    expect(kept.answer('a', ask('other'))).toBe(first)
    expect(await first).toBe('A')
    expect(asked).toBe(1)
    // A failure is not kept: the next ask tries again.
    await expect(kept.answer('b', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused')
    expect(await kept.answer('b', ask('B'))).toBe('B')
    expect(asked).toBe(2)
    // 'a' asked again is the newest; 'c' then lets 'b' go, the oldest.
    expect(await kept.answer('a', ask('again'))).toBe('A')
    expect(await kept.answer('c', ask('C'))).toBe('C')
    expect(kept.count).toBe(2)
    expect(await kept.answer('a', ask('again'))).toBe('A')
    expect(await kept.answer('b', ask('B2'))).toBe('B2')
    expect(asked).toBe(4)
  })
})

const warehouse = useTestWarehouse()

function event(id: string, day: string, level: ThreatLevel): ThreatEvent {
  return testEvent({ id, title: `Event ${id}`, date: parsePartialDate(day)!, threatLevel: level, countries: ['FR' as CountryCode], location: { latDeg: 48.85, lonDeg: 2.35 } })
}

describe('an export’s answers from the warehouse', () => {
  it('are asked once per request, whatever the moment of asking, and again for another filter or with a signal', async () => {
    const connection = await loadWarehouseTable(warehouse(), {
      schemaVersion: 1,
      name: 'kept exports',
      regions: [],
      events: [event('a', '2024-05-10', 2), event('b', '2024-05-18', 5), event('c', '2024-05-19', 4)],
    })
    const engine = await ClickHouseEngine.open(connection)
    const request = requestFor(EMPTY_FILTER)
    const preview = await engine.snapshot(request)
    expect(preview.matched).toBe(3)
    // The file, asked a moment later: the same answer, not asked again.
    expect(await engine.snapshot({ ...request, nowMs: request.nowMs + 5_000 })).toBe(preview)
    const top = await engine.topEvents(request, 2)
    expect(top.map((e) => e.id)).toEqual(['b', 'c'])
    expect(await engine.topEvents({ ...request, nowMs: request.nowMs + 5_000 }, 2)).toBe(top)
    const frame = await engine.pictureFrame(request)
    expect(frame.visible).toBe(3)
    expect(await engine.pictureFrame(request)).toBe(frame)
    // Another filter, another limit, a signal: asked anew.
    const levels = { ...EMPTY_FILTER, levels: [2, 4] as ThreatLevel[] }
    const filtered = await engine.snapshot(requestFor(levels))
    expect(filtered).not.toBe(preview)
    expect(filtered.matched).toBe(2)
    expect((await engine.topEvents(requestFor(levels), 2)).map((e) => e.id)).toEqual(['c', 'a'])
    expect(await engine.topEvents(request, 1)).not.toBe(top)
    expect((await engine.pictureFrame(requestFor(levels))).visible).toBe(2)
    const asked = await engine.snapshot(request, new AbortController().signal)
    expect(asked).not.toBe(preview)
    expect(asked.matched).toBe(3)
    // As of today, the moment is the as-of: a later ask is answered anew.
    const today = { ...request, asOf: { mode: 'today' as const } }
    const now = await engine.snapshot(today)
    expect(await engine.snapshot({ ...today, nowMs: today.nowMs + 5_000 })).not.toBe(now)
    await engine.close()
  }, 60_000)
})
