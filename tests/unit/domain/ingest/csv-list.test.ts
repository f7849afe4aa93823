import { describe, expect, it } from 'vitest'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { readCsv } from '../../../../src/domain/ingest/csv.ts'
import { actorItems, extraObject, listItems, quoteItems, sourceItems } from '../../../../src/domain/ingest/csv-list.ts'
import type { ThreatEvent } from '../../../../src/domain/model.ts'
import { rowValues } from '../../../../src/domain/table.ts'

function readOne(header: string, row: string): ThreatEvent {
  const outcome = readCsv(`${header}\n${row}\n`)
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result.issues).toEqual([])
  return outcome.result.dataset.events[0]!
}

describe('list cells', () => {
  it('read `;`-separated items or a JSON array the same way', () => {
    expect(listItems('a; b ;; c')).toEqual(['a', 'b', 'c'])
    expect(listItems('["a; b", " c ", ""]')).toEqual(['a; b', 'c'])
    // Not JSON: split as text.
    expect(listItems('[draft]; x')).toEqual(['[draft]', 'x'])
  })

  it('read actors with type, role and country from a JSON array; bad types are dropped', () => {
    expect(actorItems('["Navy A", {"name": "Navy B", "type": "state", "role": "attacker", "country": "CN"}, {"name": "X", "type": "alien"}, {"type": "group"}]')).toEqual([
      'Navy A',
      { name: 'Navy B', type: 'state', role: 'attacker', country: 'CN' },
      { name: 'X' },
    ])
  })

  it('read sources as URLs, names or objects with a date', () => {
    expect(sourceItems('Agency; https://example.org/a')).toEqual([{ name: 'Agency' }, { name: 'example.org', url: 'https://example.org/a' }])
    expect(sourceItems('[{"name": "Wire; desk", "url": "ftp://x", "date": "2025-01-02"}]')).toEqual([
      { name: 'Wire; desk', url: 'ftp://x', date: '2025-01-02' },
    ])
  })

  it('read quotes as `Speaker: text` items or JSON objects', () => {
    expect(quoteItems('Minister: We will respond; no speaker here')).toEqual([
      { speaker: 'Minister', text: 'We will respond' },
      { speaker: '', text: 'no speaker here' },
    ])
    expect(quoteItems('[{"speaker": "A", "text": "x; y"}, {"speaker": "B", "text": ""}]')).toEqual([{ speaker: 'A', text: 'x; y' }])
  })

  it('read extra as a JSON object of text, numbers and true/false, never a prototype key', () => {
    expect(extraObject('{"acled_id": 12, "note": "x", "ok": true, "nested": {"a": 1}, "__proto__": {"polluted": 1}}')).toEqual({ acled_id: 12, note: 'x', ok: true })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(extraObject('not json')).toBeNull()
  })
})

describe('the CSV reader, every field', () => {
  const header = 'id,title,date,threatLevel,sourceLevel,actors,lat,lon,place,locationPrecision,impacts,quotes,related,extra,fatalities'

  it('reads the columns the CSV export writes', () => {
    const e = readOne(
      header,
      `e1,"'=Title",2025-02-02,4,substantial,"[{""name"":""Navy; B"",""type"":""state""}]",24.5,121.25,Keelung,city,port closed; flights cut,"Spokesman: No comment",e0; e2,"{""acled_id"":7}",3`,
    )
    expect(e).toMatchObject({
      title: '=Title',
      threatLevel: 4,
      sourceLevel: 'substantial',
      actors: [{ name: 'Navy; B', type: 'state' }],
      location: { latDeg: 24.5, lonDeg: 121.25, name: 'Keelung', precision: 'city' },
      impacts: ['port closed', 'flights cut'],
      quotes: [{ speaker: 'Spokesman', text: 'No comment' }],
      related: ['e0', 'e2'],
      extra: { acled_id: 7 },
      fatalities: 3,
    })
  })

  it('keeps a level written as one digit as that level, with no source level beside it', () => {
    expect(readOne('id,title,date,threatLevel', 'e1,t,2025,3').sourceLevel).toBeUndefined()
    expect(readOne('id,title,date,threatLevel', 'e1,t,2025,high').sourceLevel).toBe('high')
    expect(readOne('id,title,date,threatLevel,sourceLevel', 'e1,t,2025,3,"""3"""').sourceLevel).toBe('3')
    expect(readOne('id,title,date,threatLevel,sourceLevel', 'e1,t,2025,3,-7.5').sourceLevel).toBe(-7.5)
  })

  it('gives the columnar reader the same actors from a JSON array cell, and unguarded titles', () => {
    const text = `id,title,date,threatLevel,actors\ne1,"'-5 °C; '@x",2025,3,"[""A; B"", {""name"": ""C"", ""type"": ""group""}]"\n`
    const out = readCsvColumns(text)
    if (!out.ok) throw new Error(out.reason)
    expect(out.value.columns.titles).toEqual(['-5 °C; @x'])
    const names = rowValues(out.value.columns.actors, 0)
    expect(names).toEqual(['A; B', 'C'])
    expect(readOne('id,title,date,threatLevel,actors', text.split('\n')[1]!).actors.map((a) => a.name)).toEqual(names)
  })
})
