import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { datasetJsonSchema, eventInputSchema } from '../../../src/domain/schema.ts'

describe('published JSON Schema', () => {
  it('matches the zod schema (run `npm run schema` after changing src/domain/schema.ts)', () => {
    const published = JSON.parse(readFileSync(new URL('../../../public/schema/dataset.v1.json', import.meta.url), 'utf8'))
    expect(published).toEqual(JSON.parse(JSON.stringify(datasetJsonSchema())))
  })

  it('requires id, title, date and threatLevel on an event', () => {
    const schema = datasetJsonSchema() as { properties: { events: { items: { required: string[] } } } }
    expect(schema.properties.events.items.required.sort()).toEqual(['date', 'id', 'threatLevel', 'title'])
  })
})

describe('event input schema', () => {
  it('accepts dates of every precision and rejects other text', () => {
    const base = { id: 'x', title: 'X', threatLevel: 3 }
    for (const date of ['2022', '2022-02', '2022-02-24', '2022-02-24T03:00Z', '2022-02-24T03:00:15+02:00']) {
      expect(eventInputSchema.safeParse({ ...base, date }).success).toBe(true)
    }
    for (const date of ['24/02/2022', 'Feb 2022', '22', '']) {
      expect(eventInputSchema.safeParse({ ...base, date }).success).toBe(false)
    }
  })

  it('rejects a blank title and an out-of-range coordinate', () => {
    const base = { id: 'x', title: 'X', date: '2022', threatLevel: 3 }
    expect(eventInputSchema.safeParse({ ...base, title: '   ' }).success).toBe(false)
    expect(eventInputSchema.safeParse({ ...base, location: { lat: 91, lon: 0 } }).success).toBe(false)
    expect(eventInputSchema.safeParse({ ...base, location: { lat: 50.45, lon: 30.52 } }).success).toBe(true)
  })
})
