import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { serialiseDataset } from '../../../src/domain/export/dataset-json.ts'
import { exportStixBundle, serialiseStixBundle } from '../../../src/domain/export/stix.ts'
import { readAny } from '../../../src/domain/ingest/read-any.ts'
import { rejectedIssuesCsv, rejectedRowsCsv } from '../../../src/domain/ingest/rejected-csv.ts'
import { readStix } from '../../../src/domain/ingest/stix.ts'
import type { Dataset } from '../../../src/domain/model.ts'
import { comparisonCsv, type ComparisonRow } from '../../../src/domain/period-comparison.ts'
import { titleAt } from '../../../src/domain/table.ts'

/**
 * The hostile corpus read by the domain code: payloads kept as the exact text, no prototype
 * changed by __proto__/constructor/prototype keys, and exports that escape what they embed.
 */
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/hostile/${name}`, import.meta.url), 'utf8')

const PRISTINE = Object.getOwnPropertyNames(Object.prototype).sort()

function read(name: string): Dataset {
  const outcome = readAny(fixture(name), { fileName: name, now: Date.UTC(2026, 0, 1) })
  if (!outcome.ok) throw new Error(outcome.reason)
  expect(outcome.result).toMatchObject({ total: 6, rejected: 0 })
  return outcome.result.dataset
}

function expectPrototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PRISTINE)
  expect(Object.keys(Object.prototype)).toEqual([])
  expect(Object.keys(Array.prototype)).toEqual([])
  const probe: Record<string, unknown> = {}
  expect([probe.polluted, probe.isAdmin]).toEqual([undefined, undefined])
}

/** Every string anywhere in a value, depth first. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out)
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out)
  return out
}

/** A CSV line's cells (RFC 4180 quotes), enough for these documents. */
function cells(csv: string): string[] {
  const out: string[] = []
  for (const match of csv.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,\r\n]*)/gm)) out.push(match[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'))
  return out
}

describe('the hostile JSON dataset', () => {
  const dataset = read('hostile.json')

  it('keeps every payload as the exact text it was given', () => {
    const [first] = dataset.events
    expect(dataset.name).toBe(`HX-dataset <img src=x onerror="window.__pwned='img'"> {{constructor.constructor('window.__pwned=1')()}}`)
    expect(dataset.regions).toEqual([{ id: 'hostile-zone', name: `HX-region <img src=x onerror="window.__pwned='img'"> "><svg onload="window.__pwned='svg'">`, countries: ['UA', 'PL', 'SY', 'TW', 'ML', 'VE'] }])
    expect(first!.title).toBe(`HX-title <img src=x onerror="window.__pwned='img'"> <script>window.__pwned='script'</script>`)
    expect(first!.tags).toEqual([`HX-tag <img src=x onerror="window.__pwned='img'"> <script>window.__pwned='script'</script>`, '{{7*7}}', '${7*7}'])
    expect(first!.sources.map((s) => s.url)).toEqual([
      "javascript:window.__pwned='js'",
      'vbscript:msgbox("pwned")',
      `https://example.org/report?q="><script>window.__pwned='href'</script>`,
    ])
  })

  it('changes no prototype: __proto__, constructor and prototype keys are dropped or kept as plain data', () => {
    expectPrototypesUntouched()
    for (const event of dataset.events) {
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype)
      expect((event as unknown as Record<string, unknown>).polluted).toBeUndefined()
      expect((event as unknown as Record<string, unknown>).isAdmin).toBeUndefined()
      for (const part of [event.extra, event.location, ...event.actors]) {
        if (part === undefined) continue
        expect(Object.getPrototypeOf(part)).toBe(Object.prototype)
        expect((part as unknown as Record<string, unknown>).polluted).toBeUndefined()
      }
      expect(Object.keys(event.extra ?? {})).toEqual(['note'])
    }
    // The columnar table built from them is just as clean.
    const table = buildEventTable(dataset)
    expect(table.size).toBe(6)
    for (let row = 0; row < table.size; row++) expect(titleAt(table, row)).toBe(table.eventAt(row).title)
    expect(table.titles).toContain(dataset.events[0]!.title)
    expectPrototypesUntouched()
  })

  it('exports dataset JSON and STIX that read back to the same text', () => {
    const json = serialiseDataset(dataset)
    // JSON escapes what it embeds: the payloads are string values, never markup around them.
    expect(stringsIn(JSON.parse(json))).toEqual(expect.arrayContaining(stringsIn(dataset.events.map((e) => e.title))))
    const again = readAny(json, { fileName: 'again.json' })
    if (!again.ok) throw new Error(again.reason)
    expect(again.result.dataset.events).toEqual(dataset.events)

    const stix = serialiseStixBundle(exportStixBundle(dataset, { now: Date.UTC(2026, 0, 1) }))
    const parsed = JSON.parse(stix) as { objects: { type: string; name?: string }[] }
    expect(parsed.objects.filter((o) => o.type === 'campaign').map((o) => o.name)).toEqual(dataset.events.map((e) => e.title))
    const back = readStix(stix, 'back')
    if (!back.ok) throw new Error(back.reason)
    expect(back.result.dataset.events.map((e) => e.title).sort()).toEqual(dataset.events.map((e) => e.title).sort())
    expectPrototypesUntouched()
  })
})

describe('the hostile CSV', () => {
  const dataset = read('hostile.csv')

  it('reads __proto__, constructor and prototype headers without touching a prototype', () => {
    expectPrototypesUntouched()
    for (const event of dataset.events) {
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype)
      expect((event as unknown as Record<string, unknown>).polluted).toBeUndefined()
    }
    expect(dataset.events[0]!.title).toBe('=HYPERLINK("http://evil.example","HX-csv-title-formula")')
  })

  it('makes only http(s) sources into URLs: a javascript: item stays a name', () => {
    expect(dataset.events[0]!.sources).toEqual([{ name: "javascript:window.__pwned='js'" }, { name: 'example.org', url: 'https://example.org/ok-0' }])
  })
})

describe('CSV exports have no formula cell', () => {
  const FORMULA = /^[=+\-@\t\r]/

  it('in the rejected rows of an import', () => {
    const csv = rejectedRowsCsv(['id', 'title'], [2, 3], [['=1+1', '@SUM(A1)'], ['+cmd', '-2+3']], [{ row: 2, field: 'title', message: '=bad' }])
    const all = cells(csv)
    expect(all).toContain("'=1+1")
    expect(all.filter((c) => FORMULA.test(c))).toEqual([])
    expect(cells(rejectedIssuesCsv([{ row: 1, field: '@x', message: '=HYPERLINK("x")' }])).filter((c) => FORMULA.test(c))).toEqual([])
  })

  it('in the period comparison, with hostile region names', () => {
    const row: ComparisonRow = {
      target: { kind: 'region', value: '=evil' },
      label: '=HYPERLINK("http://evil.example","x")',
      level: 4,
      previousLevel: null,
      score: 10,
      previousScore: 0,
      delta: 10,
      events: 2,
      previousEvents: 0,
    }
    const csv = comparisonCsv([row], Date.UTC(2025, 10, 1), 30)
    const all = cells(csv)
    expect(all.some((c) => c.includes('HYPERLINK'))).toBe(true)
    expect(all.filter((c) => FORMULA.test(c))).toEqual([])
  })
})
