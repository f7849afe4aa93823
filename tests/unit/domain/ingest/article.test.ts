import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { readArticle } from '../../../../src/domain/ingest/article.ts'
import { findDates, leadingDate } from '../../../../src/domain/ingest/article-dates.ts'
import { htmlToText } from '../../../../src/domain/ingest/article-html.ts'
import { explicitLevel, suggestLevel } from '../../../../src/domain/ingest/article-level.ts'
import { structureArticle } from '../../../../src/domain/ingest/article-text.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import type { ImportResult } from '../../../../src/domain/model.ts'

const SEED = new URL('../../../fixtures/seed/threat-article.txt', import.meta.url)
const HTML = new URL('../../../fixtures/article/port-blockade.html', import.meta.url)
const NOW = Date.UTC(2026, 0, 15, 10)

function read(text: string, fileName?: string): ImportResult {
  const out = readArticle(text, { now: NOW, ...(fileName ? { fileName } : {}) })
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

describe('the seed article', () => {
  const r = read(readFileSync(SEED, 'utf8'), 'threat-article.txt')
  const [meeting, invasion] = r.dataset.events

  it('gives two draft events, both accepted', () => {
    expect(r.format).toBe('article')
    expect(r.total).toBe(2)
    expect(r.rejected).toBe(0)
    expect(r.dataset.events).toHaveLength(2)
  })

  it('dates the headline event 4 November 2025 and names Xi Jinping and Mikhail Mishustin with their roles', () => {
    expect(meeting!.title).toBe('China and Russia Strengthen Bilateral Relations Amid Rising Tensions')
    expect(meeting!.date).toMatchObject({ text: '2025-11-04', precision: 'day' })
    expect(meeting!.actors).toEqual([
      { name: 'Xi Jinping', type: 'person', role: 'President', country: 'CN' },
      { name: 'Mikhail Mishustin', type: 'person', role: 'Prime Minister', country: 'RU' },
      { name: 'China', type: 'state', country: 'CN' },
      { name: 'Russia', type: 'state', country: 'RU' },
    ])
  })

  it('has China and Russia, Asia and Eastern Europe, level 3 from "assessed as medium"', () => {
    expect(meeting!.countries).toEqual(['CN', 'RU'])
    expect(meeting!.regions).toEqual(['asia', 'eastern-europe'])
    expect(meeting!.threatLevel).toBe(3)
    expect(meeting!.sourceLevel).toBe('medium')
    expect(meeting!.assessment).toMatch(/^As of now, the threat level is assessed as medium;/)
    expect(meeting!.extra).toMatchObject({ draft: true })
    expect(meeting!.extra).not.toHaveProperty('levelSuggested')
  })

  it('has the sectors and the quotes with their speaker', () => {
    expect(meeting!.sectors).toEqual(['energy', 'agriculture', 'technology', 'aerospace', 'digital economy', 'green development'])
    expect(meeting!.quotes).toEqual([
      { speaker: 'Xi Jinping', text: 'China-Russia relations have forged ahead this year despite the turbulent external environment' },
      { speaker: 'Xi Jinping', text: 'It is our shared strategic choice to uphold, consolidate, and develop China-Russia relations.' },
    ])
  })

  it('makes a 2022 year-precision event of the invasion of Ukraine, with a suggested level and its reason', () => {
    expect(invasion!.title).toBe('Russia invades Ukraine')
    expect(invasion!.date).toMatchObject({ text: '2022', precision: 'year', startMs: Date.UTC(2022, 0, 1), endMs: Date.UTC(2023, 0, 1) })
    expect(invasion!.countries).toEqual(['RU', 'UA'])
    expect(invasion!.threatLevel).toBe(5)
    expect(invasion!.extra).toMatchObject({ timeline: true, levelSuggested: true, levelReason: 'suggested: the text mentions "invades"' })
  })

  it('drops the product plugs and "Related:" links', () => {
    const all = JSON.stringify(r.dataset)
    expect(all).not.toMatch(/Glow Sticks|Two-Way Radios|Gaza/)
    expect(r.warnings.at(-1)?.message).toBe('4 boilerplate lines dropped (related links, product plugs, share prompts)')
  })
})

describe('an HTML article', () => {
  const html = readFileSync(HTML, 'utf8')

  it('strips scripts, styles, navigation, ads, asides, related links and plugs, keeping the story', () => {
    const { text, title, url } = htmlToText(html)
    expect(title).toBe('Iranian Navy Vessels Block Port Access in the Strait of Hormuz')
    expect(url).toBe('https://news.example.org/2025/03/port-blockade')
    expect(text).not.toMatch(/Tracking pixel|color: red|World News Section|Advertisement|Most read|Copyright/)
    expect(text).toContain('stopped & searched three tankers')
    expect(text).toContain('“We will protect our waters')
  })

  it('skips the doctype, and calls a page with a title but no text unreadable, not an article', () => {
    const shell = '<!doctype html>\n<html lang="en"><head><title>Watchfloor</title><script type="module" src="/x.js"></script></head><body><div id="root"></div></body></html>'
    expect(htmlToText(shell)).toEqual({ text: '', title: 'Watchfloor' })
    const out = readAny(shell, { fileName: 'missing.json', now: NOW })
    expect(out).toEqual({ ok: false, reason: 'an HTML page with no article text in it (only a title)' })
  })

  it('is detected as an article by readAny', () => {
    const out = readAny(html, { fileName: 'port-blockade.html', now: NOW })
    expect(out.ok && out.result.format).toBe('article')
    expect(out.ok && out.result.total).toBe(3)
  })

  it('drops a whole ad box with nested elements of the same tag, and keeps text around it', () => {
    const { text } = htmlToText('<p>Before.</p><div class="ad-box"><div><div>Buy now</div></div> still ad</div><p>After &#8212; &#x2014; &unknown;</p>')
    expect(text).toBe('Before.\n\nAfter — — &unknown;')
  })

  it('never turns a javascript: canonical link into a source URL', () => {
    expect(htmlToText('<link rel="canonical" href="javascript:alert(1)"><h1>A headline of four words</h1>').url).toBeUndefined()
  })

  it('gives the headline event and two earlier timeline events', () => {
    const r = read(html, 'port-blockade.html')
    expect(r.total).toBe(3)
    const [main, seized, redSea] = r.dataset.events
    expect(main).toMatchObject({ title: 'Iranian Navy Vessels Block Port Access in the Strait of Hormuz', threatLevel: 4, sourceLevel: 'high' })
    expect(main!.date.text).toBe('2025-03-12')
    expect(main!.actors[0]).toEqual({ name: 'Abbas Araghchi', type: 'person', role: 'Foreign Minister', country: 'IR' })
    // The lead opens "Iranian Foreign Minister…": Iran first, by its demonym, then the United States and Oman.
    expect(main!.countries).toEqual(['IR', 'US', 'OM'])
    expect(main!.regions).toEqual(['middle-east'])
    expect(main!.sectors).toEqual(['energy', 'shipping'])
    expect(main!.quotes).toEqual([{ speaker: 'Abbas Araghchi', text: 'We will protect our waters against any aggression' }])
    expect(main!.sources).toEqual([{ name: 'port-blockade.html', url: 'https://news.example.org/2025/03/port-blockade' }])
    expect(seized).toMatchObject({ title: 'Tankers are seized in the Strait of Hormuz', threatLevel: 3 })
    expect(seized!.date.precision).toBe('year')
    expect(redSea!.date).toMatchObject({ text: '2024-01', precision: 'month' })
    expect(redSea!.actors).toEqual([{ name: 'Houthis', type: 'group' }])
    expect(redSea!.threatLevel).toBe(4)
    expect(JSON.stringify(r.dataset)).not.toMatch(/Marine Flares|Oil prices jump/)
  })
})

describe('an article without a date', () => {
  const text = 'Officials met in Geneva on Tuesday to discuss the ceasefire, but talks stalled over sanctions.\nAnalysts assessed the threat level as elevated and warned that tensions may rise in the coming weeks.\n'

  it('still gives one accepted draft, dated the import day and flagged as assumed', () => {
    const r = read(text)
    expect(r.total).toBe(1)
    expect(r.rejected).toBe(0)
    const e = r.dataset.events[0]!
    expect(e.date.text).toBe('2026-01-15')
    expect(e.extra).toMatchObject({ dateAssumed: true, draft: true })
    expect(e.threatLevel).toBe(3)
    expect(e.title).toBe('Officials met in Geneva on Tuesday to discuss the ceasefire, but talks stalled over sanctions')
    expect(r.warnings[0]).toEqual({ row: 1, field: 'date', message: 'no date in the article; dated the import day 2026-01-15 for the analyst to confirm' })
  })

  it('is rejected, not misdated, when no import time is given', () => {
    const out = readAny(text, { format: 'article' })
    expect(out.ok && out.result.rejected).toBe(1)
    expect(out.ok && out.result.total).toBe(1)
  })
})

describe('article parts', () => {
  it('finds absolute dates at their precision, not bare years', () => {
    expect(findDates('On November 4, 2025 and 5 March 2024, in May 2023, on 2022-02-24, in 2022 and on February 30, 2023.').map((d) => [d.iso, d.precision])).toEqual([
      ['2025-11-04', 'day'],
      ['2024-03-05', 'day'],
      ['2023-05', 'month'],
      ['2022-02-24', 'day'],
    ])
  })

  it('reads the date a timeline line opens with', () => {
    expect(leadingDate('2022: Russia invades Ukraine')).toMatchObject({ date: { iso: '2022', precision: 'year' }, rest: 'Russia invades Ukraine' })
    expect(leadingDate('November 4, 2025 – Xi meets Mishustin')?.date.iso).toBe('2025-11-04')
    expect(leadingDate('In 2022 Russia invaded')).toBeUndefined()
  })

  it('reads explicit levels and suggests one otherwise', () => {
    expect(explicitLevel(['The threat level is assessed as medium.'])?.threatLevel).toBe(3)
    expect(explicitLevel(['Threat level: critical.'])?.threatLevel).toBe(5)
    expect(explicitLevel(['The threat is rated substantial.'])?.threatLevel).toBe(3)
    expect(explicitLevel(['Nothing here.'])).toBeUndefined()
    expect(suggestLevel('Leaders held talks in Geneva')).toMatchObject({ threatLevel: 2, suggested: true })
    expect(suggestLevel('A quiet day')).toMatchObject({ threatLevel: 1 })
  })

  it('keeps a news dateline that looks like a plug but sells nothing', () => {
    const a = structureArticle('Border Clash Leaves Soldiers Dead Overnight\nKYIV – Russian forces attacked the city overnight, officials said on Monday in a statement.')
    expect(a.paragraphs).toHaveLength(2)
    expect(a.dropped).toBe(0)
  })
})

describe('watchfloor convert --format article', () => {
  const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
  const temp = mkdtempSync(join(tmpdir(), 'watchfloor-article-'))
  afterAll(() => rmSync(temp, { recursive: true, force: true }))

  it('converts the seed article to a dataset with its two events', async () => {
    const out = join(temp, 'seed.json')
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/watchfloor.mjs'), 'convert', 'tests/fixtures/seed/threat-article.txt', '--format', 'article', '-o', out],
      { cwd: ROOT },
    )
    expect(stdout).toMatch(/wrote .*seed\.json: 2 events from article text/)
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { events: { date: string; threatLevel: number; countries: string[] }[] }
    expect(doc.events.map((e) => [e.date, e.threatLevel, e.countries])).toEqual([
      ['2025-11-04', 3, ['CN', 'RU']],
      ['2022', 5, ['RU', 'UA']],
    ])
  }, 30_000)
})
