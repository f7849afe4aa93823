import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkDatasetHeader, checkEventInput } from '../../../../src/domain/ingest/sample-check.ts'
import { datasetHeaderSchema, eventInputSchema } from '../../../../src/domain/schema.ts'

const sample = JSON.parse(readFileSync('public/data/sample.json', 'utf8')) as { events: unknown[] } & Record<string, unknown>

/** Values a field might hold: right for some field, wrong for most. */
const junk = fc.oneof(
  fc.constantFrom(null, '', '   ', ' x ', 'state', 'stable', '2022-02-24', '2022-13', ' 2021 ', 'a-slug', 'Not a slug', 0, -1, 1, 2.5, 90, 91, -181, 100, 101, 1e300, Infinity, NaN, true, false),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.integer({ min: -300, max: 300 }),
  fc.constant({}),
  fc.constant([]),
  fc.constant([' a ', '']),
  fc.constant([1]),
  fc.constant({ name: ' Reuters ', url: ' https://x ' }),
  fc.constant({ name: ' ' }),
  fc.constant({ lat: 10, lon: 20, name: ' Kyiv ' }),
  fc.constant({ lat: 95, lon: 0 }),
  fc.constant({ speaker: '', text: ' said ' }),
  fc.constant({ k: 'v', n: 1, b: true }),
  fc.constant({ k: null }),
)

/** Numbers at and about ±limit. */
const bound = (limit: number): fc.Arbitrary<number> => fc.oneof(fc.constantFrom(limit, -limit, limit + 1e-9, -limit - 1e-9, limit + 1, 0), fc.double({ min: -limit - 5, max: limit + 5, noNaN: true }))

const list = <T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(item, { maxLength: 3 })

const eventKeys = [
  'id', 'title', 'summary', 'category', 'tags', 'sectors', 'date', 'endDate', 'threatLevel', 'sourceLevel', 'actors', 'countries',
  'involvedCountries', 'regions', 'location', 'trend', 'confidence', 'fatalities', 'assessment', 'impacts', 'quotes', 'sources', 'related', 'extra',
] as const

/** For each field: values right for it, about its limits, and junk. */
const fieldValues: Record<(typeof eventKeys)[number] | 'unknownKey', fc.Arbitrary<unknown>> = {
  ...(Object.fromEntries(eventKeys.map((k) => [k, fc.oneof(junk, list(junk))])) as Record<(typeof eventKeys)[number], fc.Arbitrary<unknown>>),
  id: fc.oneof(fc.constantFrom('ev-1', ' ev-2 ', '', 'x'.repeat(200), 'x'.repeat(201), ` ${'x'.repeat(200)} `), junk),
  title: fc.oneof(fc.constantFrom('A title', '  ', ' padded ', 'x'.repeat(1000), 'x'.repeat(1001), ` ${'x'.repeat(1000)} `), junk),
  date: fc.oneof(fc.constantFrom('2022', '2022-02-24T03:00Z', ' 2022-02 ', '24/02/2022', '2022-02-24 03:00:00.5+0100'), junk),
  endDate: fc.oneof(fc.constantFrom('2023', ' 2023-01 ', '2023/01'), junk),
  threatLevel: fc.oneof(fc.constantFrom(3, 'high', ' ', ' critical ', 7.5), junk),
  sourceLevel: fc.oneof(fc.constantFrom(' 4 ', '', 4), junk),
  actors: fc.oneof(list(fc.oneof(junk, fc.constantFrom('Xi', ' Xi ', { name: 'Xi', type: 'person', role: ' head ' }, { name: 'X', type: 'alien' }, { name: ' ', country: 'CN' }))), junk),
  location: fc.oneof(
    fc.record({ lat: fc.oneof(bound(90), junk), lon: fc.oneof(bound(180), junk), name: junk, precision: junk }, { requiredKeys: [] }),
    fc.record({ lat: bound(90), lon: bound(180) }),
    junk,
  ),
  trend: fc.oneof(fc.constantFrom('improving', 'stable', 'deteriorating', 'Stable', ' stable'), junk),
  confidence: fc.oneof(fc.constantFrom(0, -0.5, 100, 100.5, 99.9), junk),
  fatalities: fc.oneof(fc.constantFrom(0, -1, 3, 3.5, 2 ** 53, 2 ** 53 - 1), junk),
  quotes: fc.oneof(list(fc.oneof(junk, fc.constantFrom({ speaker: ' A ', text: ' said ' }, { speaker: 'A', text: '' }, { text: 'x' }))), junk),
  sources: fc.oneof(list(fc.oneof(junk, fc.constantFrom({ name: 'R' }, { name: 'R', url: 3 }, { name: ' R ', date: ' 2022 ' }))), junk),
  extra: fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'code'), junk, { maxKeys: 2 }), junk),
  unknownKey: junk,
}

/** Records near the format: each field missing, right-ish, or junk, plus keys the format does not know. */
const eventLike = fc.record(fieldValues, { requiredKeys: [] }).map((r) => r as Record<string, unknown>)

function sameAsZod(value: unknown): void {
  const hand = checkEventInput(value)
  const zod = eventInputSchema.safeParse(value)
  expect(hand.ok, JSON.stringify(value)).toBe(zod.success)
  if (hand.ok && zod.success) expect(hand.value).toEqual(zod.data)
  // A refusal points where zod's first issue does (or within it, or at what holds it).
  if (!hand.ok && !zod.success) {
    const where = zod.error.issues[0]!.path.join('.') || '(record)'
    const near = (field: string): boolean => field === where || field.startsWith(`${where}.`) || where.startsWith(`${field}.`)
    expect(hand.issues.some((i) => near(i.field)), `${JSON.stringify(hand.issues)} vs ${where}`).toBe(true)
  }
}

describe('checkEventInput: the event format checked by hand', () => {
  it('accepts and gives what eventInputSchema does, for records near the format (property)', () => {
    fc.assert(fc.property(eventLike, sameAsZod), { numRuns: 3000 })
  })

  it('gives what eventInputSchema does for every event of the bundled sample, and accepts them all', () => {
    expect(sample.events).toHaveLength(286)
    for (const event of sample.events) {
      const hand = checkEventInput(event)
      expect(hand.ok).toBe(true)
      if (hand.ok) expect(hand.value).toEqual(eventInputSchema.parse(event))
    }
  })

  it('gives what eventInputSchema does for the sample events with one field spoilt (property)', () => {
    const spoilt = fc
      .tuple(fc.constantFrom(...sample.events), fc.constantFrom(...eventKeys))
      .chain(([event, key]) => fieldValues[key].map((value) => ({ ...(event as Record<string, unknown>), [key]: value })))
    fc.assert(fc.property(spoilt, sameAsZod), { numRuns: 2000 })
  })

  it('trims text and drops keys the format does not know', () => {
    const out = checkEventInput({ id: ' a ', title: ' T ', date: ' 2022 ', threatLevel: 2, tags: [' x '], colour: 'red' })
    expect(out).toEqual({ ok: true, value: { id: 'a', title: 'T', date: '2022', threatLevel: 2, tags: ['x'] } })
  })

  it.each([
    [{ title: 'T', date: '2022', threatLevel: 2 }, 'id', 'is missing'],
    [{ id: 'a', title: '   ', date: '2022', threatLevel: 2 }, 'title', 'must not be empty'],
    [{ id: 'a', title: 'T', date: '24/02/2022', threatLevel: 2 }, 'date', 'must be an ISO 8601 date: 2022, 2022-02, 2022-02-24 or 2022-02-24T03:00Z'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: null }, 'threatLevel', 'must be a number or a label'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: 2, actors: ['Xi', 7] }, 'actors.1', 'must be a name or an object with a name'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: 2, location: { lat: 91, lon: 0 } }, 'location.lat', 'must be at most 90'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: 2, fatalities: 2.5 }, 'fatalities', 'must be a whole number'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: 2, sources: [{ name: 'R' }, { url: 'x' }] }, 'sources.1.name', 'is missing'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: 2, trend: 'worse' }, 'trend', 'must be one of improving, stable, deteriorating'],
    [{ id: 'a', title: 'T', date: '2022', threatLevel: 2, extra: { code: null } }, 'extra.code', 'must be a string, number or true/false'],
    ['an event', '(record)', 'must be an object'],
  ])('refuses a bad shape with where and why: %j', (value, field, message) => {
    const out = checkEventInput(value)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.issues).toContainEqual({ field, message })
    expect(eventInputSchema.safeParse(value).success).toBe(false)
  })
})

describe('checkDatasetHeader: the header checked by hand', () => {
  const headerLike = fc
    .record(
      {
        schemaVersion: fc.oneof(fc.constant(1), junk),
        name: fc.oneof(fc.constantFrom('Sample', ' padded ', ''), junk),
        description: junk,
        generatedAt: junk,
        source: junk,
        levelScheme: fc.oneof(fc.constantFrom('uk-jtac', 'defcon', 'other'), junk),
        regions: fc.oneof(list(fc.oneof(junk, fc.constantFrom({ id: 'sahel', name: 'Sahel', countries: [' ML '] }, { id: 'Bad Id', name: 'X', countries: [] }))), junk),
        events: fc.oneof(fc.constant([1, 'x']), junk),
      },
      { requiredKeys: [] },
    )
    .map((r) => r as Record<string, unknown>)

  it('accepts and gives what datasetHeaderSchema does (property)', () => {
    fc.assert(
      fc.property(headerLike, (value) => {
        const hand = checkDatasetHeader(value)
        const zod = datasetHeaderSchema.safeParse(value)
        expect(hand.ok, JSON.stringify(value)).toBe(zod.success)
        if (hand.ok && zod.success) expect(hand.value).toEqual(zod.data)
      }),
      { numRuns: 3000 },
    )
  })

  it('accepts the sample header and refuses a wrong version with where and why', () => {
    expect(checkDatasetHeader(sample).ok).toBe(true)
    expect(checkDatasetHeader({ ...sample, schemaVersion: 2 })).toEqual({ ok: false, issues: [{ field: 'schemaVersion', message: 'must be 1' }] })
    expect(checkDatasetHeader({ schemaVersion: 1, name: 'S' })).toEqual({ ok: false, issues: [{ field: 'events', message: 'is missing' }] })
  })
})
