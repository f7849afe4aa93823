import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { computeMask } from '../../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { htmlToText } from '../../../src/domain/ingest/article-html.ts'
import { readArticle } from '../../../src/domain/ingest/article.ts'
import { readCsvColumns, splitUnique } from '../../../src/domain/ingest/csv-columns.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { ResultBuilder } from '../../../src/domain/ingest/read-outcome.ts'
import { readStix } from '../../../src/domain/ingest/stix.ts'
import type { CountryCode, ImportIssue, ThreatEvent } from '../../../src/domain/model.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../../src/domain/threat-index.ts'
import { shadePlaces } from '../../../src/domain/engine/local/shading.ts'
import { csvLongCountryLists, htmlUnclosedComments, htmlUnclosedTags, stixHugeArrays, stixRepeatedReferences } from './pathological-inputs.ts'

/**
 * Inputs that once froze a reader for tens of seconds (quadratic work) or threw "Maximum call
 * stack size exceeded" (a huge array spread into a call). Each must finish well inside a
 * generous bound: the bound catches a hang, it is not a benchmark (bench/ measures speed).
 */
const GENEROUS_MS = 5_000

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now()
  const value = run()
  return { value, ms: performance.now() - started }
}

const MILLION = 1_000_000

describe('quadratic inputs read in linear time', () => {
  it('a STIX report naming 30,000 actors (4.7 MB; once 41 s): every actor once', () => {
    const text = stixRepeatedReferences(1, 30_000, 1, 1)
    const { value: outcome, ms } = timed(() => readStix(text))
    expect(ms).toBeLessThan(GENEROUS_MS)
    if (!outcome.ok) throw new Error(outcome.reason)
    const [event] = outcome.result.dataset.events
    // The report's own references first, then the actor it is attributed to.
    expect(event!.actors).toHaveLength(30_001)
    expect(event!.actors[0]).toMatchObject({ name: 'Actor 0-0', role: 'threat actor' })
    expect(event!.actors.at(-1)).toMatchObject({ name: 'Hub', role: 'attributed', country: 'FR' })
  })

  it('300 reports attributed to one actor with 20,000 places, each naming its actors ten times over (8.6 MB; once 11 s)', () => {
    const text = stixRepeatedReferences(300, 10, 10, 20_000)
    const { value: outcome, ms } = timed(() => readStix(text))
    expect(ms).toBeLessThan(GENEROUS_MS)
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.result.dataset.events).toHaveLength(300)
    // Ten distinct actors and the hub, each once, though each is named ten times.
    expect(outcome.result.dataset.events[0]!.actors.map((a) => a.name)).toEqual([...Array.from({ length: 10 }, (_, a) => `Actor 0-${a}`), 'Hub'])
  })

  it('splitUnique keeps the first of each item, in order, and is linear on 200,000 distinct items', () => {
    expect(splitUnique(' FR ; DE;FR;; UA ;DE')).toEqual(['FR', 'DE', 'UA'])
    const cell = Array.from({ length: 200_000 }, (_, i) => `Place ${i}`).join(';')
    const { value, ms } = timed(() => splitUnique(cell))
    expect(value).toHaveLength(200_000)
    expect(ms).toBeLessThan(GENEROUS_MS)
  })

  it('a CSV of 100 rows each naming 5,000 countries (4.7 MB; once 13 s)', () => {
    const { value: outcome, ms } = timed(() => readCsvColumns(csvLongCountryLists(100, 5_000)))
    expect(ms).toBeLessThan(GENEROUS_MS)
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.value.columns.size).toBe(100)
  })

  it('an HTML page ending in 16,000 unclosed comments (160 KB; once 9 s): the story before them is read', () => {
    const html = htmlUnclosedComments(16_000)
    const { value, ms } = timed(() => htmlToText(html))
    expect(ms).toBeLessThan(GENEROUS_MS)
    expect(value.text).toBe('Port closed\n\nOfficials said on 4 May 2024 the port was closed.')
    const article = timed(() => readArticle(html, { now: Date.UTC(2024, 5, 1), fileName: 'port.html' }))
    expect(article.ms).toBeLessThan(GENEROUS_MS)
    expect(article.value.ok).toBe(true)
  })

  it('an HTML page of 16,000 tags that never close (200 KB; once 15 s): read as text', () => {
    const { value, ms } = timed(() => htmlToText(htmlUnclosedTags(16_000)))
    expect(ms).toBeLessThan(GENEROUS_MS)
    expect(value.text.startsWith('Port closed\n\nOfficials said on 4 May 2024 the port was closed.')).toBe(true)
    expect(value.title).toBe('Port closed')
  })

  it('the tag scanner still reads quoted attributes holding ">" and closed comments', () => {
    const { text, url } = htmlToText('<p>A<!-- a > b -->B</p><link rel="canonical" href="https://example.org/a?x=>"><p title=\'1 > 0\'>C</p>')
    expect(text).toBe('AB\n\nC')
    expect(url).toBe('https://example.org/a?x=>')
  })
})

describe('arrays of a million items never overflow the stack', () => {
  it('a STIX campaign whose target has a million sectors', () => {
    const { value: outcome, ms } = timed(() => readStix(stixHugeArrays(MILLION)))
    expect(ms).toBeLessThan(4 * GENEROUS_MS)
    if (!outcome.ok) throw new Error(outcome.reason)
    const [event] = outcome.result.dataset.events
    expect(event!.sectors).toHaveLength(MILLION)
    expect(event!.sectors.at(-1)).toBe(`sector-${MILLION - 1}`)
  })

  it('an importer with a million warnings on one row and a million issues on another', () => {
    const builder = new ResultBuilder()
    const issues: ImportIssue[] = Array.from({ length: MILLION }, (_, i) => ({ row: 2, field: 'x', message: `issue ${i}` }))
    const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events: [{ id: 'a', title: 'A', date: '2024-01-02', threatLevel: 3 }] }))
    if (!outcome.ok) throw new Error(outcome.reason)
    builder.accept(outcome.result.dataset.events[0]!, 1, issues)
    builder.reject(2, issues)
    const result = builder.finish('json', { schemaVersion: 1, name: 't', regions: [] })
    expect(result.warnings).toHaveLength(MILLION)
    expect(result.issues).toHaveLength(MILLION)
    expect(result.total).toBe(2)
  })

  it('the map shades a country whose events (a million) share a place set with a neighbour', () => {
    const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events: [{ id: 'a', title: 'A', date: '2025-03-10', threatLevel: 4, countries: ['UA'] }] }))
    if (!outcome.ok) throw new Error(outcome.reason)
    const first = outcome.result.dataset.events[0]!
    const events: ThreatEvent[] = [first]
    // One event in Ukraine alone, then a million in Ukraine and Poland: Ukraine's rows come from two place sets.
    const both = { ...first, countries: ['UA', 'PL'] as CountryCode[] }
    for (let i = 0; i < MILLION; i++) events.push({ ...both, id: `e${i}` as ThreatEvent['id'] })
    const table = buildEventTable({ ...outcome.result.dataset, events })
    const mask = computeMask(table, EMPTY_FILTER)
    const shading = shadePlaces(table, 'countries', mask, Date.UTC(2025, 2, 11), DEFAULT_INDEX_SETTINGS)
    expect(shading.get('UA')).toMatchObject({ level: 4, windowCount: MILLION + 1, totalCount: MILLION + 1 })
    expect(shading.get('PL')).toMatchObject({ level: 4, windowCount: MILLION })
  }, 60_000)
})
