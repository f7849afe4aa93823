import { describe, expect, it } from 'vitest'
import { openNativeJson, readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import type { ImportResult } from '../../../../src/domain/model.ts'

const seedEvent = {
  id: 'cn-ru-2025-11-04',
  title: 'China and Russia Strengthen Bilateral Relations Amid Sanctions',
  date: '2025-11-04',
  threatLevel: 'medium',
  countries: ['China', 'Russia'],
  regions: ['Asia', 'Eastern Europe'],
  actors: ['Xi Jinping', 'Mikhail Mishustin'],
}

const invasion = {
  id: 'ru-ua-2022',
  title: 'Russia invades Ukraine',
  date: '2022',
  threatLevel: 5,
  countries: ['RU', 'UA'],
}

function doc(events: unknown[], header: Record<string, unknown> = {}): string {
  return JSON.stringify({ schemaVersion: 1, name: 'Seed', ...header, events })
}

function read(text: string, fallbackName?: string): ImportResult {
  const out = readNativeJson(text, fallbackName)
  if (!out.ok) throw new Error(`unreadable: ${out.reason}`)
  return out.result
}

function unreadableReason(text: string): string {
  const out = readNativeJson(text)
  if (out.ok) throw new Error('read, but should not have been')
  return out.reason
}

describe('readNativeJson: a good dataset', () => {
  const result = read(
    doc([seedEvent, invasion], { description: 'From the seed article', source: 'seed/threat-article.txt' }),
  )

  it('accepts every event and counts them', () => {
    expect(result.format).toBe('json')
    expect(result.total).toBe(2)
    expect(result.rejected).toBe(0)
    expect(result.rejectedRows).toEqual([])
    expect(result.issues).toEqual([])
    expect(result.dataset.events).toHaveLength(2)
  })

  it('keeps the header', () => {
    expect(result.dataset).toMatchObject({
      schemaVersion: 1,
      name: 'Seed',
      description: 'From the seed article',
      source: 'seed/threat-article.txt',
      regions: [],
    })
    expect(result.dataset.levelScheme).toBeUndefined()
  })

  it('normalises the seed event', () => {
    const e = result.dataset.events[0]!
    expect(e.threatLevel).toBe(3)
    expect(e.sourceLevel).toBe('medium')
    expect(e.countries).toEqual(['CN', 'RU'])
    expect(e.regions).toEqual(['asia', 'eastern-europe'])
    expect(e.date.startMs).toBe(Date.UTC(2025, 10, 4))
  })

  it('derives regions from countries when missing', () => {
    const e = result.dataset.events[1]!
    expect(e.regions).toEqual(['eastern-europe'])
    expect(e.date).toMatchObject({ precision: 'year', startMs: Date.UTC(2022, 0, 1), endMs: Date.UTC(2023, 0, 1) })
  })
})

describe('readNativeJson: bad rows are rejected, the rest kept', () => {
  it('rejects bad rows with their 1-based row and field; accepted + rejected = total', () => {
    const { title: _t, ...untitled } = invasion
    const result = read(
      doc([
        seedEvent,
        { ...invasion, id: 'bad-date', date: '2023-02-29' },
        { ...invasion, id: 'bad-level', threatLevel: 'sky-high' },
        untitled,
        { ...invasion, id: 'backwards', date: '2022-03-01', endDate: '2022-02-28' },
        { ...invasion, id: 'ok-2' },
      ]),
    )
    expect(result.total).toBe(6)
    expect(result.dataset.events.map((e) => e.id)).toEqual(['cn-ru-2025-11-04', 'ok-2'])
    expect(result.rejected).toBe(4)
    expect(result.rejectedRows).toEqual([2, 3, 4, 5])
    expect(result.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'date'],
      [3, 'threatLevel'],
      [4, 'title'],
      [5, 'endDate'],
    ])
    expect(result.dataset.events.length + result.rejected).toBe(result.total)
  })

  it('rejects a duplicate id, naming the first row', () => {
    const result = read(doc([invasion, seedEvent, { ...invasion, title: 'Again' }]))
    expect(result.total).toBe(3)
    expect(result.dataset.events).toHaveLength(2)
    expect(result.dataset.events[0]!.title).toBe('Russia invades Ukraine')
    expect(result.rejected).toBe(1)
    expect(result.rejectedRows).toEqual([3])
    expect(result.issues).toEqual([{ row: 3, field: 'id', message: expect.stringContaining('row 1') }])
  })

  it('unknown country and 0,0 location are warnings on an accepted row', () => {
    const result = read(doc([invasion, { ...seedEvent, countries: ['Narnia', 'CN'], location: { lat: 0, lon: 0 } }]))
    expect(result.rejected).toBe(0)
    expect(result.dataset.events[1]!.countries).toEqual(['CN'])
    expect(result.dataset.events[1]!.location).toBeUndefined()
    expect(result.warnings.map((w) => [w.row, w.field])).toEqual([
      [2, 'countries'],
      [2, 'location'],
    ])
  })

  it('a non-object event is a rejected row', () => {
    const result = read(doc([null, invasion, 'x']))
    expect(result.total).toBe(3)
    expect(result.rejectedRows).toEqual([1, 3])
    expect(result.dataset.events).toHaveLength(1)
  })

  it('an empty events list is a readable, empty dataset', () => {
    const result = read(doc([]))
    expect(result.total).toBe(0)
    expect(result.dataset.events).toEqual([])
  })
})

describe('readNativeJson: other shapes', () => {
  it('accepts a bare array of events under the fallback name', () => {
    const result = read(JSON.stringify([seedEvent, invasion]), 'pasted.json')
    expect(result.total).toBe(2)
    expect(result.rejected).toBe(0)
    expect(result.dataset.name).toBe('pasted.json')
    expect(result.dataset.schemaVersion).toBe(1)
  })

  it('skips a byte-order mark', () => {
    const result = read(`\uFEFF${doc([seedEvent])}`)
    expect(result.total).toBe(1)
    expect(result.dataset.events[0]!.threatLevel).toBe(3)
  })

  it('applies the dataset level scheme to every event', () => {
    const result = read(doc([{ ...invasion, threatLevel: 1 }, { ...seedEvent, threatLevel: 'DEFCON 4' }], { levelScheme: 'defcon' }))
    expect(result.dataset.levelScheme).toBe('defcon')
    expect(result.dataset.events.map((e) => e.threatLevel)).toEqual([5, 2])
    // 'medium' is not a DEFCON level.
    const mixed = read(doc([seedEvent], { levelScheme: 'defcon' }))
    expect(mixed.rejected).toBe(1)
    expect(mixed.issues[0]).toMatchObject({ row: 1, field: 'threatLevel' })
  })

  it('reads dataset-defined regions, their countries as codes, and events that name them', () => {
    const result = read(
      doc([{ ...invasion, id: 'baltic-1', countries: [], regions: ['Baltic States'] }], {
        regions: [{ id: 'baltic', name: 'Baltic states', countries: ['Estonia', 'LV', 'LTU', 'Atlantis'] }],
      }),
    )
    expect(result.dataset.regions).toEqual([{ id: 'baltic', name: 'Baltic states', countries: ['EE', 'LV', 'LT'] }])
    expect(result.dataset.events[0]!.regions).toEqual(['baltic'])
  })
})

describe('readNativeJson: unreadable input gives ok:false with a one-line reason', () => {
  it('truncated JSON', () => {
    const text = doc([seedEvent, invasion])
    const reason = unreadableReason(text.slice(0, text.length - 40))
    expect(reason).toMatch(/^not valid JSON/)
    expect(reason).not.toContain('\n')
  })

  it('not JSON at all, or empty', () => {
    for (const text of ['', 'id,title\n1,x', '<html>']) {
      const reason = unreadableReason(text)
      expect(reason).toMatch(/^not valid JSON/)
      expect(reason).not.toContain('\n')
    }
  })

  it('wrong schema version, no name, no events, or not an object', () => {
    expect(unreadableReason(JSON.stringify({ schemaVersion: 2, name: 'x', events: [] }))).toMatch(/schemaVersion/)
    expect(unreadableReason(JSON.stringify({ schemaVersion: 1, events: [] }))).toMatch(/name/)
    expect(unreadableReason(JSON.stringify({ schemaVersion: 1, name: 'x' }))).toMatch(/events/)
    expect(unreadableReason('42')).toMatch(/^not a Watchfloor dataset/)
    expect(unreadableReason('null')).not.toContain('\n')
  })
})

describe('readNativeJson: __proto__ and constructor keys', () => {
  it('change nothing, at the top level, in events or in extra', () => {
    const text = `{
      "__proto__": {"polluted": 1},
      "constructor": {"prototype": {"polluted": 1}},
      "schemaVersion": 1,
      "name": "hostile",
      "events": [
        {
          "__proto__": {"polluted": 1},
          "constructor": {"prototype": {"polluted": 1}},
          "id": "e1", "title": "t", "date": "2024", "threatLevel": 2,
          "extra": {"__proto__": {"polluted": 1}, "constructor": "x", "keep": "yes"}
        },
        {"id": "e2", "title": "t", "date": "2024", "threatLevel": 2, "extra": {"__proto__": "scalar", "n": 1}}
      ]
    }`
    const result = read(text)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(result.total).toBe(2)
    expect(result.rejected).toBe(0)
    const [e1, e2] = result.dataset.events
    expect(e1!.extra).toEqual({ keep: 'yes' })
    expect(Object.getPrototypeOf(e1!.extra)).toBe(Object.prototype)
    expect(e2!.extra).toEqual({ n: 1 })
    expect(Object.getPrototypeOf(e2!.extra)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(result.dataset)).toBe(Object.prototype)
    expect(Object.keys(result.dataset)).not.toContain('constructor')
  })
})

describe('openNativeJson: read in slices', () => {
  it('reads a few events at a time and ends with what readNativeJson gives, bad rows included', () => {
    const events = [seedEvent, invasion, { id: 'bad', title: '', date: 'soon' }, { ...invasion, id: 'ru-ua-2023', date: '2023' }, seedEvent]
    const reader = openNativeJson(doc(events))
    if (!reader.ok) throw new Error(reader.reason)
    expect(reader.size).toBe(5)
    expect([reader.readNext(2), reader.readNext(2), reader.readNext(2), reader.readNext(2)]).toEqual([2, 2, 1, 0])
    const sliced = reader.finish()
    expect(sliced).toEqual(readNativeJson(doc(events)))
    if (!sliced.ok) throw new Error('unreadable')
    expect(sliced.result.dataset.events.map((e) => e.id)).toEqual(['cn-ru-2025-11-04', 'ru-ua-2022', 'ru-ua-2023'])
    expect(sliced.result.issues.map((i) => i.row)).toContain(3)
    expect(sliced.result.issues.map((i) => i.row)).toContain(5)
  })

  it('finishes the events not yet read, and gives the same reason for unreadable input', () => {
    const reader = openNativeJson(doc([seedEvent, invasion]))
    if (!reader.ok) throw new Error(reader.reason)
    reader.readNext(1)
    const out = reader.finish()
    expect(out.ok && out.result.dataset.events).toHaveLength(2)
    expect(openNativeJson('{"schemaVersion": 2')).toEqual(readNativeJson('{"schemaVersion": 2'))
  })
})
