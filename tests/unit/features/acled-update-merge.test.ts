import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readMany } from '../../../src/domain/ingest/read-many.ts'
import type { SavedDataset, SavedInput } from '../../../src/lib/storage/workspace-db.ts'
import { acledUpdateInput, isAcledUpdate } from '../../../src/services/ingest/acled-update-merge.ts'
import { reportAfterDrop, withDropChoice } from '../../../src/services/ingest/drop-removed.ts'
import { savedRead } from '../../../src/services/ingest/saved-input.ts'

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/acled/${name}`, import.meta.url), 'utf8')
const WEEK_1 = fixture('acled-week-1.csv')
const WEEK_2 = fixture('acled-week-2.csv')

const older: SavedInput = { name: 'week-1.csv', text: WEEK_1, format: 'acled', overrides: [] }
const newer: SavedInput = { name: 'week-2.csv', text: WEEK_2, format: 'acled', overrides: [] }
const base: SavedDataset = { id: 'ds-1', name: 'week-1', savedAtMs: 0, eventCount: 6, origin: 'week-1.csv', json: '', inputs: [older] }

describe('a newer ACLED export merged into saved ACLED data', () => {
  it('is an update only when the saved data is one ACLED import and the import is ACLED', () => {
    expect(isAcledUpdate(base, 'acled')).toBe(true)
    expect(isAcledUpdate(base, 'csv')).toBe(false)
    expect(isAcledUpdate(null, 'acled')).toBe(false)
    // Merged into the sample (a base of JSON) or into data of two inputs: a plain merge by id.
    expect(isAcledUpdate({ ...base, json: '{"schemaVersion":1}' }, 'acled')).toBe(false)
    expect(isAcledUpdate({ ...base, inputs: [older, { ...newer, format: 'csv' }] }, 'acled')).toBe(false)
    expect(acledUpdateInput(base, [{ ...newer, format: 'json' }])).toBeNull()
  })

  it('reads both exports again as one joined input, which counts the update', () => {
    const joined = acledUpdateInput({ ...base, inputs: [{ ...older, choices: { dropRemovedUpstream: true, dedupe: true } }] }, [newer])!
    expect(joined.name).toBe('week-1.csv + week-2.csv')
    expect(joined.companions).toEqual([{ name: 'week-2.csv', text: WEEK_2 }])
    // The newer export decides anew what is removed upstream: an earlier drop does not carry over.
    expect(joined.choices).toEqual({ dedupe: true })
    const read = savedRead(joined)
    expect(read.source).toEqual({ kind: 'text', text: WEEK_1, name: 'week-1.csv' })
    const out = readMany([
      { text: WEEK_1, fileName: 'week-1.csv' },
      { text: WEEK_2, fileName: 'week-2.csv' },
    ])
    if (!out.ok) throw new Error(out.reason)
    // SOM1002 revised, SOM1001 and SOM1004 the same, SOM1007 new; SOM1003 and SOM1005 gone from
    // Somalia in the week the newer export covers; Kenya is not in it, so KEN1006 stays as it is.
    expect(out.result.notes).toEqual(['week-2.csv into the older data: ACLED update: 1 updated, 2 unchanged, 1 new, 2 removed upstream (kept, tagged "removed upstream")'])
    expect(out.result.dataset.events.filter((e) => e.extra?.removedUpstream === true).map((e) => e.id)).toEqual(['acled-SOM1003', 'acled-SOM1005'])
  })

  it('joins a third export after the two already joined', () => {
    const twice = acledUpdateInput(base, [newer])!
    const third = acledUpdateInput({ ...base, inputs: [twice] }, [{ ...newer, name: 'week-3.csv' }])!
    expect(third.name).toBe('week-1.csv + week-2.csv + week-3.csv')
    expect(third.companions?.map((c) => c.name)).toEqual(['week-2.csv', 'week-3.csv'])
  })
})

describe('dropping the events removed upstream after the import', () => {
  it('saves the choice with every input, and takes it back', () => {
    const joined = acledUpdateInput(base, [newer])!
    const dropped = withDropChoice({ ...base, inputs: [joined] }, true, 5, 1000)
    expect(dropped.inputs?.[0]?.choices).toEqual({ dropRemovedUpstream: true })
    expect({ eventCount: dropped.eventCount, savedAtMs: dropped.savedAtMs }).toEqual({ eventCount: 5, savedAtMs: 1000 })
    const back = withDropChoice(dropped, false, 7, 2000)
    expect(back.inputs?.[0]).toEqual(joined)
  })

  it('reports them as left out, every row still accounted for, as the reader does when asked before', () => {
    const kept = readMany([
      { text: WEEK_1, fileName: 'week-1.csv' },
      { text: WEEK_2, fileName: 'week-2.csv' },
    ])
    const left = readMany(
      [
        { text: WEEK_1, fileName: 'week-1.csv' },
        { text: WEEK_2, fileName: 'week-2.csv' },
      ],
      { dropRemovedUpstream: true },
    )
    if (!kept.ok || !left.ok) throw new Error('unreadable')
    const report = { format: 'acled', origin: 'x', total: kept.result.total, accepted: kept.result.total, rejected: 0, merged: kept.result.merged, rejectedRows: [], issues: [], warnings: [], unlisted: 0, rejectedCsv: '', bytes: 0, parseMs: 0, notes: kept.result.notes, removedUpstream: { count: 2, listed: [], ids: ['acled-SOM1003', 'acled-SOM1005'] } }
    const after = reportAfterDrop(report, 2)
    expect({ total: after.total, merged: after.merged, notes: after.notes }).toEqual({ total: left.result.total, merged: left.result.merged, notes: left.result.notes })
    expect(after.removedUpstream).toBeUndefined()
    expect(after.accepted).toBe(5)
  })
})
