import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mergeAcledUpdate } from '../../../../src/domain/ingest/acled-update.ts'
import { readAcled } from '../../../../src/domain/ingest/acled.ts'
import { readMany } from '../../../../src/domain/ingest/read-many.ts'
import type { ImportResult, ThreatEvent } from '../../../../src/domain/model.ts'

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/acled/${name}`, import.meta.url), 'utf8')
const OLDER = fixture('acled-update-older.csv')
const NEWER = fixture('acled-update-newer.csv')

function events(text: string): ThreatEvent[] {
  const out = readAcled(text)
  if (!out.ok) throw new Error(out.reason)
  return [...out.result.dataset.events]
}

function together(...files: [string, string][]): ImportResult {
  const out = readMany(files.map(([text, fileName]) => ({ text, fileName })))
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

describe('ACLED as a living dataset', () => {
  const update = mergeAcledUpdate(events(OLDER), events(NEWER))
  const byId = (id: string): ThreatEvent => update.events.find((e) => e.id === id)!

  it('counts updated, unchanged, new and removed upstream', () => {
    // SDN9102 revised (timestamp 1749600000 > 1749000000); SDN9101 the same; SDN9104's copy in the
    // newer export is older (1748900000), so the older file's stays; SDN9107 new; SDN9103 gone.
    expect(update.counts).toEqual({ updated: 1, unchanged: 2, new: 1, removed: 1 })
    expect(update.removedIds).toEqual(['acled-SDN9103'])
  })

  it('takes the revised event (newer timestamp wins) and keeps the older copy when the newer is older', () => {
    expect(byId('acled-SDN9102').fatalities).toBe(11)
    expect(byId('acled-SDN9102').extra?.timestamp).toBe('1749600000')
    expect(byId('acled-SDN9104').summary).toBe('Synthetic example: fighting reported.')
  })

  it('flags only events the newer export covers (its countries, its first to last day), keeping them', () => {
    expect(byId('acled-SDN9103').extra?.removedUpstream).toBe(true)
    expect(byId('acled-SDN9103').tags).toContain('removed upstream')
    // Chad is not in the newer export; 20 May is before its first day (2 June).
    expect(byId('acled-TCD9105').extra?.removedUpstream).toBeUndefined()
    expect(byId('acled-SDN9106').extra?.removedUpstream).toBeUndefined()
    expect(update.events.map((e) => e.id)).toEqual(['acled-SDN9101', 'acled-SDN9102', 'acled-SDN9103', 'acled-SDN9104', 'acled-TCD9105', 'acled-SDN9106', 'acled-SDN9107'])
  })

  it('un-flags an event removed by one update that a later export brings back', () => {
    const back = mergeAcledUpdate(update.events, events(OLDER))
    expect(back.events.find((e) => e.id === 'acled-SDN9103')?.extra?.removedUpstream).toBeUndefined()
  })

  it('reads two exports together in either order, oldest first, every row accounted for', () => {
    for (const r of [together([OLDER, 'week-1.csv'], [NEWER, 'week-2.csv']), together([NEWER, 'week-2.csv'], [OLDER, 'week-1.csv'])]) {
      expect(r.dataset.events).toHaveLength(7)
      // 6 + 4 rows read: 7 events, and the older or newer copy of the 3 events in both merged.
      expect(r.total).toBe(7)
      expect(r.merged).toBe(3)
      expect(r.notes).toEqual(['week-2.csv into the older data: ACLED update: 1 updated, 2 unchanged, 1 new, 1 removed upstream (kept, tagged "removed upstream")'])
    }
  })

  it('leaves out the removed upstream when asked, still accounting for their rows', () => {
    const out = readMany([{ text: OLDER, fileName: 'a.csv' }, { text: NEWER, fileName: 'b.csv' }], { dropRemovedUpstream: true })
    expect(out.ok && out.result.dataset.events.map((e) => e.id)).not.toContain('acled-SDN9103')
    expect(out.ok && out.result.dataset.events.length + out.result.rejected + out.result.merged).toBe(10)
  })
})

describe('events removed upstream, as the import report lists them', () => {
  it('lists the flagged events (id, date, country, title) and counts them all', async () => {
    const { removedUpstreamOf } = await import('../../../../src/domain/ingest/acled-update.ts')
    const update = mergeAcledUpdate(events(OLDER), events(NEWER))
    expect(removedUpstreamOf(update.events, 10)).toEqual({
      count: 1,
      listed: [{ id: 'acled-SDN9103', date: '2025-06-04', country: 'SD', title: expect.stringContaining('Omdurman') }],
      ids: ['acled-SDN9103'],
    })
    // Listed or not, every flagged id is given: dropping them after the import needs them all.
    expect(removedUpstreamOf(update.events, 0)).toEqual({ count: 1, listed: [], ids: ['acled-SDN9103'] })
    expect(removedUpstreamOf(events(OLDER), 10)).toBeNull()
  })

  it('leaves them out when the analyst dropped them: one event fewer, one more merged record', () => {
    const kept = together([OLDER, 'older.csv'], [NEWER, 'newer.csv'])
    const out = readMany([{ text: OLDER, fileName: 'older.csv' }, { text: NEWER, fileName: 'newer.csv' }], { dropRemovedUpstream: true })
    if (!out.ok) throw new Error(out.reason)
    expect(kept.dataset.events).toHaveLength(7)
    expect(out.result.dataset.events).toHaveLength(6)
    expect(out.result.dataset.events.some((e) => e.id === 'acled-SDN9103')).toBe(false)
    expect(out.result.merged).toBe(kept.merged + 1)
  })
})
