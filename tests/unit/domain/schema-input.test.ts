import { describe, expect, it } from 'vitest'
import { datasetHeaderSchema, eventInputSchema } from '../../../src/domain/schema.ts'

// Field-by-field checks of the input schema; schema.test.ts covers the published JSON Schema.
const minimal = { id: 'e1', title: 'Title', date: '2022', threatLevel: 'medium' }

describe('eventInputSchema', () => {
  it('accepts the minimal event and trims strings', () => {
    const parsed = eventInputSchema.parse({ ...minimal, id: ' e1 ', title: ' Title ' })
    expect(parsed).toMatchObject({ id: 'e1', title: 'Title' })
  })

  it.each(['2022', '2022-02', '2022-02-24', '2022-02-24T03:00Z', '2022-02-24 03:00:15.5+02:00', '2022-02-24T03:00-0500'])(
    'accepts the date %s',
    (date) => {
      expect(eventInputSchema.safeParse({ ...minimal, date }).success).toBe(true)
    },
  )

  it.each(['22', '2022-2', '24/02/2022', '2022-02-24T03', ''])('rejects the date %j', (date) => {
    const r = eventInputSchema.safeParse({ ...minimal, date })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['date'])
  })

  it('requires id, title, date and threatLevel', () => {
    const r = eventInputSchema.safeParse({})
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['date', 'id', 'threatLevel', 'title'])
  })

  it('takes a level as a number or a non-empty label', () => {
    expect(eventInputSchema.safeParse({ ...minimal, threatLevel: 4 }).success).toBe(true)
    expect(eventInputSchema.safeParse({ ...minimal, threatLevel: ' ' }).success).toBe(false)
    expect(eventInputSchema.safeParse({ ...minimal, threatLevel: true }).success).toBe(false)
  })

  it('checks coordinate ranges, confidence and fatalities', () => {
    expect(eventInputSchema.safeParse({ ...minimal, location: { lat: 90, lon: -180 } }).success).toBe(true)
    expect(eventInputSchema.safeParse({ ...minimal, location: { lat: 0, lon: 180.5 } }).success).toBe(false)
    expect(eventInputSchema.safeParse({ ...minimal, confidence: 101 }).success).toBe(false)
    expect(eventInputSchema.safeParse({ ...minimal, fatalities: 1.5 }).success).toBe(false)
    expect(eventInputSchema.safeParse({ ...minimal, fatalities: -1 }).success).toBe(false)
  })

  it('keeps only scalar values in extra', () => {
    expect(eventInputSchema.safeParse({ ...minimal, extra: { a: 'x', b: 2, c: false } }).success).toBe(true)
    expect(eventInputSchema.safeParse({ ...minimal, extra: { a: { nested: 1 } } }).success).toBe(false)
  })
})

describe('datasetHeaderSchema', () => {
  it('wants schemaVersion 1, a name and an events array', () => {
    expect(datasetHeaderSchema.safeParse({ schemaVersion: 1, name: 'x', events: [] }).success).toBe(true)
    expect(datasetHeaderSchema.safeParse({ schemaVersion: '1', name: 'x', events: [] }).success).toBe(false)
    expect(datasetHeaderSchema.safeParse({ schemaVersion: 1, name: 'x', events: {} }).success).toBe(false)
  })

  it('wants region ids as lower-case slugs', () => {
    const region = (id: string): unknown => ({ schemaVersion: 1, name: 'x', events: [], regions: [{ id, name: 'R', countries: [] }] })
    expect(datasetHeaderSchema.safeParse(region('baltic-states')).success).toBe(true)
    expect(datasetHeaderSchema.safeParse(region('Baltic States')).success).toBe(false)
    expect(datasetHeaderSchema.safeParse(region('-x')).success).toBe(false)
  })
})
