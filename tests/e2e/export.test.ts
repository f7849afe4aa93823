import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parquetReadObjects } from 'hyparquet'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { visibleSpan } from '../../src/domain/timeline/buckets.ts'
import { timelineChart } from '../../src/features/export/utils/deck-slides.ts'
import { requestOf } from '../../src/state/run-views.ts'
import { DEFAULT_ASKS } from '../../src/state/view-slice.ts'
import { DEFAULT_INDEX_SETTINGS } from '../../src/domain/threat-index.ts'
import { LATEST_AS_OF } from '../../src/domain/engine/views-engine.ts'
import { countOf, expectedCount, sample } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'
import { csvCells, download, openDialog, zipEntries, zipNames, zipText } from './export-helpers.ts'

/** Exports decoded outside the app: the .pptx's zip and its chart parts, data files. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SERVED = `${ROOT}/${process.env.WATCHFLOOR_DIST ?? 'dist'}/e2e-export`


beforeAll(() => mkdirSync(SERVED, { recursive: true }))
afterAll(() => rmSync(SERVED, { recursive: true, force: true }))

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})


describe('briefing pack and data', () => {
  it('builds a .pptx whose timeline is a native chart holding the counts by level, with a What changed slide', async () => {
    opened = await openPage('/?levels=4,5')
    await expect.poll(() => countOf(opened!)).toBe(expectedCount({ levels: [4, 5] }))
    await openDialog(opened, 'timeline')
    await opened.page.fill('[data-testid="export-title"]', 'Q4 <brief> & co')
    await opened.page.selectOption('[data-testid="export-marking"]', 'TLP:GREEN')
    const { bytes, name } = await download(opened.page, 'export-briefing')
    expect(name).toBe('q4-brief-co.pptx')
    const names = zipNames(bytes)
    const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    // Title; timeline; gauges; map picture and top countries; top events; What changed; sources.
    expect(slides).toHaveLength(8)
    const charts = names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))
    expect(charts.length).toBe(3)
    // The timeline chart's series are the counts by level, as the engine gives them for the filters.
    const engine = new LocalEngine(sample)
    const views = engine.answer(requestOf({ filter: { ...EMPTY_FILTER, levels: [4, 5] }, asOfSetting: LATEST_AS_OF, indexSettings: DEFAULT_INDEX_SETTINGS, meta: null, watchlist: [], asks: DEFAULT_ASKS }))
    const expected = timelineChart({ counts: views.days, span: visibleSpan(views.days, null)! }).chart
    const xml = charts.map((c) => zipText(bytes, c)).find((x) => x.includes('5 critical') && x.includes('<c:grouping val="stacked"/>'))!
    expect(xml).toBeDefined()
    const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
      const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(m[1]!)![1]
      const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(m[1]!)![1]!
      return { name, values: [...val.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((v) => Number(v[1])) }
    })
    expect(series.map((x) => x.name)).toEqual(expected.series.map((x) => x.name))
    for (const [i, s] of series.entries()) expect(s.values).toEqual(expected.series[i]!.values)
    // Levels 1–3 are filtered out; 4 and 5 hold every matching event.
    const sum = (vs: readonly number[]): number => vs.reduce((a, b) => a + b, 0)
    expect(sum(series[0]!.values) + sum(series[1]!.values) + sum(series[2]!.values)).toBe(0)
    expect(Math.round(sum(series[3]!.values) + sum(series[4]!.values))).toBe(expectedCount({ levels: [4, 5] }))
    // The title slide carries the typed title (escaped) and the marking; every slide its own caption.
    const title = zipText(bytes, 'ppt/slides/slide1.xml')
    expect(title).toContain('Q4 &lt;brief&gt; &amp; co')
    expect(title).toContain('TLP:GREEN')
    const captions = slides.slice(1, -1).map((n) => /Filters: Levels: high, critical|What changed/.test(zipText(bytes, n)))
    expect(captions.every(Boolean)).toBe(true)
    const texts = slides.map((n) => zipText(bytes, n))
    expect(texts.some((t) => t.includes('What changed') && t.includes('against the 30 days before'))).toBe(true)
    expect(texts.some((t) => t.includes('<a:tbl>') && t.includes('Highest-level events'))).toBe(true)
    const notes = zipEntries(bytes).filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(e.name)).map((e) => zipText(bytes, e.name))
    expect(notes.some((n) => n.includes('Filters: Levels: high, critical') && n.includes('Top events:'))).toBe(true)
    expect(notes.some((n) => n.includes('Data: Watchfloor sample'))).toBe(true)
  })

  it('exports the events in view as dataset JSON that reloads to the same count', async () => {
    const expected = expectedCount({ levels: [4, 5] })
    opened = await openPage('/?levels=4,5')
    await expect.poll(() => countOf(opened!)).toBe(expected)
    await openDialog(opened, 'events')
    const { bytes } = await download(opened.page, 'export-data-json')
    const json = JSON.parse(bytes.toString('utf8')) as { schemaVersion: number; events: unknown[] }
    expect(json.schemaVersion).toBe(1)
    expect(json.events).toHaveLength(expected)
    const geo = JSON.parse((await download(opened.page, 'export-data-geojson')).bytes.toString('utf8')) as { type: string; features: { geometry: { coordinates: number[] } }[] }
    expect(geo.type).toBe('FeatureCollection')
    // Every sample event has a place (its own or its country's), so every one is a point.
    expect(geo.features).toHaveLength(expected)
    expect(geo.features.every((f) => Math.abs(f.geometry.coordinates[0]!) <= 180 && Math.abs(f.geometry.coordinates[1]!) <= 90)).toBe(true)
    const stix = JSON.parse((await download(opened.page, 'export-data-stix')).bytes.toString('utf8')) as { type: string; objects: { type: string }[] }
    expect(stix.type).toBe('bundle')
    expect(stix.objects.filter((o) => o.type === 'campaign')).toHaveLength(expected)
    // Parquet: decoded with hyparquet, one typed row per event in view.
    const parquet = (await download(opened.page, 'export-data-parquet')).bytes
    expect(parquet.subarray(0, 4).toString('latin1')).toBe('PAR1')
    const rows = (await parquetReadObjects({ file: new Uint8Array(parquet).buffer })) as { id: string; threatLevel: number }[]
    expect(rows).toHaveLength(expected)
    expect(new Set(rows.map((r) => r.threatLevel))).toEqual(new Set([4, 5]))
    expect(rows.map((r) => r.id).sort()).toEqual((json.events as { id: string }[]).map((e) => e.id).sort())
    writeFileSync(`${SERVED}/roundtrip.json`, bytes)
    await opened.close()
    opened = await openPage('/?data=e2e-export/roundtrip.json')
    await expect.poll(() => countOf(opened!)).toBe(expected)
  })

  it('exports CSV with formula-like cells neutralised', async () => {
    const events = [
      { id: 'f1', title: '=HYPERLINK("http://evil.example","x")', date: '2025-11-01', threatLevel: 4, countries: ['UA'], actors: ['@admin'] },
      { id: 'f2', title: '+cmd|/c calc', date: '2025-11-02', threatLevel: 3, summary: '-2+3', countries: ['PL'] },
      { id: 'f3', title: 'Plain', date: '2025-11-03', threatLevel: 2, location: { lat: -12.5, lon: 30 } },
    ]
    writeFileSync(`${SERVED}/formulas.json`, JSON.stringify({ schemaVersion: 1, name: 'Formulas', events }))
    opened = await openPage('/?data=e2e-export/formulas.json')
    await expect.poll(() => countOf(opened!)).toBe(3)
    await openDialog(opened, 'events')
    const { bytes } = await download(opened.page, 'export-data-csv')
    const rows = csvCells(bytes.toString('utf8'))
    expect(rows).toHaveLength(4)
    const cells = rows.flat()
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","x")`)
    expect(cells).toContain("'+cmd|/c calc")
    expect(cells).toContain("'@admin")
    expect(cells).toContain('-12.5')
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !Number.isFinite(Number(c)))
    expect(formulas).toEqual([])
  })

  it('exports CSV that a semicolon spreadsheet cannot split into a formula, and that imports back to the same events', async () => {
    const events = [
      { id: 's1', title: 'x;=1+1', date: '2025-11-01', threatLevel: 4, countries: ['UA'], fatalities: 3, actors: [{ name: 'Navy; B', type: 'state', role: 'blockade' }] },
      { id: 's2', title: '＝HYPERLINK("x")', date: '2025-11-02', threatLevel: 3, quotes: [{ speaker: 'Minister', text: 'No; comment' }], location: { lat: 45.4666, lon: 4.05 } },
    ]
    writeFileSync(`${SERVED}/semicolons.json`, JSON.stringify({ schemaVersion: 1, name: 'Semicolons', events }))
    opened = await openPage('/?data=e2e-export/semicolons.json')
    await expect.poll(() => countOf(opened!)).toBe(2)
    await openDialog(opened, 'events')
    const { bytes } = await download(opened.page, 'export-data-csv')
    const text = bytes.toString('utf8')
    expect(text.split('\r\n')[0]).toContain('fatalities')
    // Split as a spreadsheet with ";" as its list separator would, quotes or not: no piece is a formula.
    for (const piece of text.split(/[;,\r\n]/)) expect(/^["' ]*[=+\-@＝]/.test(piece) && !/^["' ]*'/.test(piece), piece).toBe(false)
    const geo = (await download(opened.page, 'export-data-geojson')).bytes.toString('utf8')
    expect(geo).toContain('45.4666')
    expect(geo).not.toMatch(/\d\.\d{7,}/)
    writeFileSync(`${SERVED}/semicolons.csv`, bytes)
    await opened.close()
    opened = await openPage('/?data=e2e-export/semicolons.csv')
    await expect.poll(() => countOf(opened!)).toBe(2)
    const report = opened.page.locator('[data-testid="import-report"]')
    await expect.poll(() => report.getAttribute('data-rejected')).toBe('0')
    const titles = await opened.page.locator('[data-testid="event-row"]').allTextContents()
    expect(titles.some((t) => t.includes('x;=1+1'))).toBe(true)
    expect(titles.some((t) => t.includes('＝HYPERLINK("x")'))).toBe(true)
  })

  it('leaves transient badges ("updated just now") out of pictures and the print view', async () => {
    writeFileSync(`${SERVED}/fresh.json`, JSON.stringify({ schemaVersion: 1, name: 'Fresh', events: [{ id: 'a', title: 'A', date: '2025-11-01', threatLevel: 3, countries: ['UA'] }] }))
    opened = await openPage('/?data=e2e-export/fresh.json')
    await expect.poll(() => countOf(opened!)).toBe(1)
    const badge = opened.page.locator('[data-testid="data-freshness"]')
    await expect.poll(() => badge.textContent()).toContain('updated')
    await openDialog(opened, 'timeline')
    await opened.page.click('[data-testid="export-format-svg"]')
    const svg = (await download(opened.page, 'export-download')).bytes.toString('utf8')
    expect(svg).toContain('Events by level')
    expect(svg).not.toContain('updated')
    await opened.page.keyboard.press('Escape')
    await opened.page.evaluate(() => (document.documentElement.dataset.print = 'A4'))
    expect(await badge.isVisible()).toBe(false)
  })
})

describe('shareable views and print', () => {
  it('saves a view file that reopens the view, and warns when the data differs', async () => {
    opened = await openPage('/?levels=5&map=20,10,2')
    const expected = expectedCount({ levels: [5] })
    await expect.poll(() => countOf(opened!)).toBe(expected)
    await opened.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await openDialog(opened, 'map')
    await opened.page.click('[data-testid="export-briefing-events"]')
    await opened.page.click('[data-testid="export-copy-link"]')
    await expect.poll(() => opened!.page.locator('[data-testid="export-status"]').textContent()).toBe('Copied the link to this view')
    const link = new URL(await opened.page.evaluate(() => navigator.clipboard.readText()))
    expect(link.searchParams.get('levels')).toBe('5')
    expect(link.searchParams.get('panels')).toBe('timeline,gauges,map')
    // The map keeps the view it was opened with (Leaflet rounds the centre to whole pixels).
    const [lat, lon, zoom] = (link.searchParams.get('map') ?? '').split(',').map(Number)
    expect(Math.abs(lat! - 20)).toBeLessThan(0.5)
    expect(Math.abs(lon! - 10)).toBeLessThan(0.5)
    expect(zoom).toBe(2)
    const { bytes, name } = await download(opened.page, 'export-save-view')
    expect(name).toMatch(/\.watchfloor\.json$/)
    const view = JSON.parse(bytes.toString('utf8')) as { search: string; data: { events: number } }
    expect(view.search).toContain('levels=5')
    expect(view.search).toContain('panels=timeline,gauges,map')
    expect(view.data.events).toBe(sample.size)
    await opened.page.click('[data-testid="export-close"]')
    await opened.page.click('[data-testid="clear-filters"]')
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    await openDialog(opened, 'map')
    await opened.page.setInputFiles('[data-testid="export-open-view"]', { name, mimeType: 'application/json', buffer: bytes })
    await expect.poll(() => countOf(opened!)).toBe(expected)
    expect(await opened.page.locator('[data-testid="export-view-warning"]').count()).toBe(0)
    const other = Buffer.from(JSON.stringify({ ...view, data: { name: 'Other', events: 3, hash: '00000000' } }))
    await opened.page.setInputFiles('[data-testid="export-open-view"]', { name: 'other.watchfloor.json', mimeType: 'application/json', buffer: other })
    await expect.poll(() => opened!.page.locator('[data-testid="export-view-warning"]').textContent()).toContain('saved on different data')
  })

  it('opens a light print view with the brief’s as-of, filters and attribution (?print=1)', async () => {
    opened = await openPage('/?print=1&levels=4,5')
    await expect.poll(() => countOf(opened!)).toBe(expectedCount({ levels: [4, 5] }))
    const sheet = opened.page.locator('[data-testid="print-sheet"]')
    await expect.poll(() => sheet.isVisible()).toBe(true)
    const text = await sheet.textContent()
    expect(text).toContain('UTC')
    expect(text).toContain('Levels: high, critical')
    expect(text).toContain('Natural Earth via world-atlas')
    expect(await opened.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    expect(await opened.page.locator('.filter-bar').isVisible()).toBe(false)
  })
})
