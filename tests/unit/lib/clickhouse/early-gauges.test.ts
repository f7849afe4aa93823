import { describe, expect, it } from 'vitest'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import { EMPTY_FILTER } from '../../../../src/domain/engine/filter-spec.ts'
import type { CountryCode, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { requestFor } from '../../../engine/conformance.ts'
import { loadWarehouseTable, useTestWarehouse } from '../../../warehouse/test-warehouse.ts'
import { testEvent } from '../../domain/export/test-event.ts'

/**
 * An early answer: the gauges scored from the cube at once, their contributions (which name
 * events) in `later`, the same as a whole answer's; a newer run drops the later part.
 */
const warehouse = useTestWarehouse()

function event(id: string, day: string, level: ThreatLevel): ThreatEvent {
  return testEvent({ id, title: id, date: parsePartialDate(day)!, threatLevel: level, countries: ['FR' as CountryCode] })
}

// The latest start is 20 May 2024, so the as-of is the end of that day and the 30-day window holds
// the three May events; the March one is older than both windows.
const EVENTS = [event('old', '2024-03-01', 5), event('a', '2024-05-10', 2), event('b', '2024-05-18', 5), event('c', '2024-05-20', 3)]

describe('an early answer', () => {
  it('scores the gauges from the cube and brings their contributions later, as a whole answer has them', async () => {
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'early gauges', regions: [], events: EVENTS })
    const engine = await ClickHouseEngine.open(connection)
    const whole = await engine.run(requestFor(EMPTY_FILTER))
    const early = await engine.run({ ...requestFor(EMPTY_FILTER), early: true })
    expect(early.gauges!.contributionsPending).toBe(true)
    expect(early.gauges!.overall.contributions).toEqual([])
    // Scores, levels and counts are the whole answer's: the window's three events, the highest level 5.
    const { contributions: _omitted, ...scored } = whole.gauges!.overall
    expect(early.gauges!.overall).toEqual({ ...scored, contributions: [] })
    expect([early.gauges!.overall.eventCount, early.gauges!.overall.level]).toEqual([3, 5])
    expect(early.list).toEqual(whole.list)
    expect(early.actors).toEqual(whole.actors)

    const later = await early.later!
    expect(later.gauges).toEqual(whole.gauges)
    expect(later.gauges!.contributionsPending).toBeUndefined()
    // The level-5 event of 18 May weighs most; the three May events are all there.
    const titles = (await engine.events(later.gauges!.overall.contributions.map((c) => c.row))).map((e) => e.title)
    expect(titles[0]).toBe('b')
    expect([...titles].sort()).toEqual(['a', 'b', 'c'])
    expect(later.list).toEqual(early.list)
    // A whole answer is asked as before: no later part.
    expect(whole.later).toBeUndefined()
    await engine.close()
  }, 60_000)

  it('drops its later part when a newer run supersedes it', async () => {
    const connection = await loadWarehouseTable(warehouse(), { schemaVersion: 1, name: 'early gauges superseded', regions: [], events: EVENTS })
    const engine = await ClickHouseEngine.open(connection)
    const early = await engine.run({ ...requestFor(EMPTY_FILTER), early: true })
    const newer = engine.run(requestFor({ ...EMPTY_FILTER, levels: [5] }))
    await expect(early.later!).rejects.toMatchObject({ name: 'AbortError' })
    expect((await newer).matched).toBe(2)
    await engine.close()
  }, 60_000)
})
