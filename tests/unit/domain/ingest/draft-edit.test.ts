import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readArticle } from '../../../../src/domain/ingest/article.ts'
import { checkDraft } from '../../../../src/domain/ingest/draft-check.ts'
import { draftInput, draftOf, isDraftEvent, parseActors, precisionOf } from '../../../../src/domain/ingest/draft-edit.ts'
import type { ThreatEvent } from '../../../../src/domain/model.ts'

const SEED = new URL('../../../fixtures/seed/threat-article.txt', import.meta.url)
const NOW = Date.UTC(2026, 0, 15, 10)

function events(text: string): readonly ThreatEvent[] {
  const out = readArticle(text, { now: NOW })
  if (!out.ok) throw new Error(out.reason)
  return out.result.dataset.events
}

const [meeting, invasion] = events(readFileSync(SEED, 'utf8'))

describe('draftOf', () => {
  it('shows the seed drafts as editable text, keeping date precision and the level reason', () => {
    const d = draftOf(meeting!)
    expect(isDraftEvent(meeting!)).toBe(true)
    expect(d.fields.date).toBe('2025-11-04')
    expect(d.fields.threatLevel).toBe('3')
    expect(d.fields.countries).toBe('China; Russia')
    expect(d.fields.regions).toBe('Asia; Eastern Europe')
    expect(d.fields.actors).toBe('Xi Jinping (President); Mikhail Mishustin (Prime Minister); China; Russia')
    expect(d.levelSuggested).toBe(false)
    expect(d.levelReason).toMatch(/^As of now, the threat level is assessed as medium/)
    expect(d.quotes).toHaveLength(2)
    const inv = draftOf(invasion!)
    expect(inv.fields.date).toBe('2022')
    expect(precisionOf(inv.fields.date)).toBe('year precision')
    expect(inv.levelSuggested).toBe(true)
    expect(inv.level).toBe(5)
  })
})

describe('checkDraft', () => {
  it('gives back the event unchanged but marked reviewed, no longer a draft, when nothing is edited', () => {
    const d = draftOf(meeting!)
    const { event, errors } = checkDraft(d, d.fields, 1)
    expect(errors).toEqual({})
    expect(event?.title).toBe(meeting!.title)
    expect(event?.date).toEqual(meeting!.date)
    expect(event?.countries).toEqual(['CN', 'RU'])
    expect(event?.actors).toEqual(meeting!.actors)
    expect(event?.quotes).toEqual(meeting!.quotes)
    expect(event?.sourceLevel).toBe('medium')
    expect(event?.extra).toMatchObject({ draft: false, reviewed: true, kicker: 'China News' })
    expect(event?.tags).toEqual([])
    expect(event?.sectors).toEqual(meeting!.sectors)
    expect(event && isDraftEvent(event)).toBe(false)
  })

  it('applies edits through normalisation: a month date stays month precision, names become codes', () => {
    const d = draftOf(invasion!)
    const { event } = checkDraft(d, { ...d.fields, title: 'Full-scale invasion', date: '2022-02', threatLevel: '4', countries: 'Russia; UA; Belarus' }, 2)
    expect(event?.title).toBe('Full-scale invasion')
    expect(event?.date.precision).toBe('month')
    expect(event?.date.startMs).toBe(Date.UTC(2022, 1, 1))
    expect(event?.threatLevel).toBe(4)
    expect(event?.countries).toEqual(['RU', 'UA', 'BY'])
    expect(event?.extra?.draftLevel).toBe(5)
  })

  it('reports bad edits by field, and unknown names as warnings', () => {
    const d = draftOf(meeting!)
    const bad = checkDraft(d, { ...d.fields, title: '  ', date: '2025-02-30' }, 1)
    expect(bad.event).toBeNull()
    expect(bad.errors.title).toEqual(['must not be empty'])
    const date = checkDraft(d, { ...d.fields, date: '4 Nov 2025' }, 1)
    expect(date.errors.date?.[0]).toMatch(/must be an ISO 8601 date/)
    const impossible = checkDraft(d, { ...d.fields, date: '2025-02-30' }, 1)
    expect(impossible.errors).toEqual({ date: ['not a real date: "2025-02-30"'] })
    const odd = checkDraft(d, { ...d.fields, countries: 'China; Atlantis' }, 1)
    expect(odd.event?.countries).toEqual(['CN'])
    expect(odd.warnings.countries).toEqual(['unknown country "Atlantis" ignored'])
  })

  it('keeps an assumed date flagged until it is confirmed or corrected', () => {
    const [undated] = events('Talks continue\n\nDiplomats from France and Germany met to discuss trade and energy cooperation in Brussels.')
    const d = draftOf(undated!)
    expect(d.dateAssumed).toBe(true)
    expect(d.fields.date).toBe('2026-01-15')
    expect(checkDraft(d, d.fields, 1).event?.extra).toMatchObject({ dateAssumed: true })
    const confirmed = checkDraft(d, { ...d.fields, dateConfirmed: true }, 1).event?.extra ?? {}
    expect(confirmed.dateAssumed).toBeUndefined()
    expect(confirmed.dateConfirmed).toBe(true)
    const corrected = checkDraft(d, { ...d.fields, date: '2025-12' }, 1).event
    expect(corrected?.extra?.dateAssumed).toBeUndefined()
    expect(corrected?.date.text).toBe('2025-12')
  })
})

describe('parseActors', () => {
  it('keeps known actors’ type and country, reads roles in brackets, and makes countries states', () => {
    const known = [{ name: 'Xi Jinping', type: 'person' as const, role: 'President', country: 'CN' }]
    expect(parseActors('Xi Jinping (General Secretary); Japan; Jane Doe (envoy)', known)).toEqual([
      { name: 'Xi Jinping', type: 'person', role: 'General Secretary', country: 'CN' },
      { name: 'Japan', type: 'state', country: 'JP' },
      { name: 'Jane Doe', type: 'unknown', role: 'envoy' },
    ])
  })
})

it('draftInput leaves the fields it does not edit as read', () => {
  const d = draftOf(meeting!)
  const input = draftInput(d, { ...d.fields, summary: '' })
  expect(input.summary).toBeUndefined()
  expect(input.assessment).toBe(meeting!.assessment)
  expect(input.id).toBe(meeting!.id)
})
