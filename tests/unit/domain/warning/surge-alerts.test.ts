import { describe, expect, it } from 'vitest'
import type { WatchItem } from '../../../../src/domain/alerts.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../../../src/domain/threat-index.ts'
import { computeWarning } from '../../../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../../src/domain/warning/settings.ts'
import { surgeAlerts } from '../../../../src/domain/warning/surge-alerts.ts'
import { subjectEventRows } from '../../../../src/domain/engine/local/events-of.ts'
import { buildEventTable } from '../../../../src/domain/build-table.ts'
import { parsePartialDate } from '../../../../src/domain/dates.ts'
import type { CountryCode, EventId, ThreatEvent, ThreatLevel } from '../../../../src/domain/model.ts'

function event(id: string, day: string, level: ThreatLevel, country: string): ThreatEvent {
  return {
    id: id as EventId,
    title: id,
    tags: [],
    sectors: [],
    date: parsePartialDate(day)!,
    threatLevel: level,
    actors: [],
    countries: [country as CountryCode],
    regions: [],
    impacts: [],
    quotes: [],
    sources: [],
    related: [],
  }
}

// Twelve quiet weeks in France and Germany from Monday 6 January 2025, then a week of 14 events in
// France (the worked example's numbers for France: 4, 6, 5, 3, 5, 4, 6, 5, 4, 7, 5, 6, then 14).
const FRANCE = [4, 6, 5, 3, 5, 4, 6, 5, 4, 7, 5, 6, 14]
const events: ThreatEvent[] = []
FRANCE.forEach((n, week) => {
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 0, 6 + week * 7 + (i % 7))).toISOString().slice(0, 10)
    events.push(event(`France ${week}-${i}`, day, week === 12 && i === 0 ? 5 : 2, 'FR'))
  }
  events.push(event(`Germany ${week}`, new Date(Date.UTC(2025, 0, 7 + week * 7)).toISOString().slice(0, 10), 1, 'DE'))
})
const table = buildEventTable({ schemaVersion: 1, name: 'two countries', regions: [], events })
// As of the end of Sunday 6 April 2025: the thirteenth week (31 March) is the judged week.
const AS_OF = Date.UTC(2025, 3, 7)
const result = computeWarning(table, AS_OF, DEFAULT_WARNING_SETTINGS, [{ kind: 'country', place: 'FR' }])

const item = (value: string, surge: boolean, muted = false): WatchItem => ({
  id: `country:${value}`,
  kind: 'country',
  value,
  label: value,
  thresholdLevel: 5,
  risePoints: null,
  muted,
  surge,
})

/** The events of rows, read as an engine reads them: asynchronously. */
const readRows = (rows: readonly number[]) => Promise.resolve(rows.map((row) => table.eventAt(row)))

describe('early warning in the dashboard and the surge alert rule', () => {
  it('finds France’s week of 14 with the worked example’s figures', () => {
    const fr = result.surges.find((s) => s.kind === 'country' && s.place === 'FR')
    expect(fr).toMatchObject({ name: 'France', observed: 14, sinceWeek: fr?.week })
    expect(fr?.expected).toBeCloseTo(5, 9)
    expect(fr?.p).toBeCloseTo(0.0012224001945334024, 9)
    expect(fr?.recent.slice(-3)).toEqual([5, 6, 14])
    expect(result.surges.some((s) => s.place === 'DE')).toBe(false)
    // The band of all events, of the watched place and of every region (the gauges), four weeks
    // each; the as-of is the data's end, so no actual count yet.
    expect(result.bands.map((b) => `${b.kind}:${b.place}:${b.weeks.length}`)).toEqual([
      'all::4',
      'country:FR:4',
      'region:western-europe:4',
      'region:europe:4',
      'region:central-europe:4',
    ])
    expect(result.bands.every((b) => b.actual.length === 4 && b.actual.every((a) => a === null))).toBe(true)
  })

  it('lists the events behind the surge, most severe first', () => {
    const fr = result.surges.find((s) => s.place === 'FR')!
    const from = Date.UTC(2025, 2, 31)
    const behind = subjectEventRows(table, 'country', 'FR', from, from + 7 * 86_400_000, 3)
    expect(behind.total).toBe(14)
    expect(behind.rows.map((r) => table.eventAt(r).title)).toEqual(['France 12-0', expect.stringMatching(/^France 12-/), expect.stringMatching(/^France 12-/)])
    expect(fr.week).toBeGreaterThan(0)
  })

  it('raises one alert per surging watched place with the rule on, once per week', async () => {
    const items = [item('FR', true), item('DE', true), item('FR', false)]
    const alerts = await surgeAlerts(table, items.slice(0, 2), result, DEFAULT_INDEX_SETTINGS, [], 1000, readRows)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({
      id: 'country:FR@w2025-03-31:surge:stat',
      reasons: ['surge'],
      eventCount: 14,
      surge: { weekStart: '2025-03-31', observed: 14 },
    })
    expect(alerts[0]!.events[0]!.level).toBe(5)
    expect(await surgeAlerts(table, items.slice(0, 2), result, DEFAULT_INDEX_SETTINGS, alerts, 2000, readRows)).toEqual([])
    expect(await surgeAlerts(table, [items[2]!], result, DEFAULT_INDEX_SETTINGS, [], 1000, readRows)).toEqual([])
    expect(await surgeAlerts(table, [item('FR', true, true)], result, DEFAULT_INDEX_SETTINGS, [], 1000, readRows)).toEqual([])
  })
})
