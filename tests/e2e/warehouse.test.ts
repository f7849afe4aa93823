import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { brushTimeline } from '../../bench/browser/page-probes.ts'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../src/domain/engine/local/local-engine.ts'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { parsePartialDate } from '../../src/domain/dates.ts'
import { requestFor } from '../engine/conformance.ts'
import { loadWarehouseTable } from '../warehouse/test-warehouse.ts'
import { openPage } from './browser.ts'
import { useWarehousePages } from './warehouse-helpers.ts'
import { csvCells, download, openDialog, zipEntries, zipText } from './export-helpers.ts'
import { countOf, sample, waitForCount } from './sample.ts'

/**
 * Warehouse mode in Chromium against the chdb endpoint: connect from a link (credentials asked),
 * see the counts the local engine gives on the same data, toggle a level, brush, open the list.
 * The warehouse holds the bundled sample without its level-1 events, so its counts differ from
 * the sample the page shows before connecting.
 */
const PASSWORD = 'e2e-s3cret'
let tableName = ''
let local: LocalEngine
let warehoused: Dataset
/** While set, the endpoint fails the map's events queries (they alone scale the viewport) as a server that timed out. */
let failMapEvents = false
/** While set, the endpoint holds a search's cube query (grouped by day span, level, category and place) until it is let go. */
let cubeGate: Promise<void> | null = null
const CUBE_SQL = 'GROUP BY start_day_ms, end_day_ms, level, category, place'
const TIMED_OUT = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30.001 seconds, maximum: 30. (TIMEOUT_EXCEEDED)'

const pages = useWarehousePages(PASSWORD, async (endpoint) => {
  const outcome = readNativeJson(readFileSync(new URL('../../public/data/sample.json', import.meta.url), 'utf8'))
  if (!outcome.ok) throw new Error(outcome.reason)
  warehoused = { ...outcome.result.dataset, events: outcome.result.dataset.events.filter((e) => e.threatLevel !== 1) }
  const warehouse = { url: endpoint.url, user: 'analyst', password: PASSWORD, nextTable: () => ({ database: 'e2e', table: 'events' }), close: async () => {} }
  const connection = await loadWarehouseTable(warehouse, warehoused)
  tableName = `${connection.table.database}.${connection.table.table}`
  local = new LocalEngine(buildEventTable(warehoused))
}, undefined, (sql) => (failMapEvents && sql.includes('{v_scale:Float64}') ? TIMED_OUT : null), (sql) => (cubeGate !== null && sql.includes(CUBE_SQL) ? cubeGate : null))

/** Until the warehouse's status has said no query is running at three looks 250 ms apart. */
async function untilWarehouseRests(page: Page): Promise<void> {
  const status = page.locator('[data-testid="warehouse-status"]')
  let idle = 0
  await expect
    .poll(async () => {
      idle = (await status.getAttribute('aria-busy')) === null ? idle + 1 : 0
      return idle
    }, { interval: 250, timeout: 60_000 })
    .toBeGreaterThanOrEqual(3)
}

async function localCount(filter: Partial<FilterSpec>): Promise<number> {
  return (await local.run(requestFor({ ...EMPTY_FILTER, ...filter }))).matched
}

describe('warehouse mode', () => {
  it('connects from a link, keeps the data on a refused password, then filters, brushes and lists from the warehouse', async () => {
    expect(warehoused.events.length).toBeLessThan(sample.size)
    const host = new URL(pages.endpoint().url).host
    const opened = pages.adopt(await openPage(`/?source=clickhouse&url=${encodeURIComponent(pages.endpoint().url)}&table=${tableName}`, { allowHosts: [host] }))
    const { page } = opened
    // The link fills in the address and table, and asks for the credentials.
    await page.locator('[data-testid="warehouse-dialog"]').waitFor()
    expect(await page.inputValue('[data-testid="warehouse-url"]')).toBe(pages.endpoint().url)
    expect(await page.inputValue('[data-testid="warehouse-table"]')).toBe(tableName)
    await waitForCount(opened, sample.size)

    await page.fill('[data-testid="warehouse-user"]', 'analyst')
    await page.fill('[data-testid="warehouse-password"]', 'wrong')
    await page.click('[data-testid="warehouse-connect"]')
    await expect.poll(() => page.locator('[data-testid="warehouse-error"]').textContent()).toContain('refused the user name or password')
    expect(await page.getAttribute('[data-testid="app-root"]', 'data-source')).toBe('local')
    expect(await countOf(opened)).toBe(sample.size)

    await page.fill('[data-testid="warehouse-password"]', PASSWORD)
    await page.click('[data-testid="warehouse-connect"]')
    await expect.poll(() => page.getAttribute('[data-testid="app-root"]', 'data-source')).toBe('clickhouse')
    await waitForCount(opened, await localCount({}))
    expect(await page.locator('.app-header__dataset').textContent()).toContain(`ClickHouse ${tableName} at ${pages.endpoint().url}`)
    // No credentials in the link.
    const link = new URL(page.url())
    expect(link.searchParams.get('source')).toBe('clickhouse')
    expect(page.url()).not.toContain(PASSWORD)
    expect(page.url()).not.toContain('analyst')

    // Each panel says how long its last query took and where it came from.
    await expect.poll(() => page.getAttribute('[data-testid="panel-events"] [data-testid="panel-query"]', 'data-source')).toBe('warehouse')
    expect(await page.getAttribute('[data-testid="panel-timeline"] [data-testid="panel-query"]', 'data-source')).toMatch(/^cube/)
    expect(await page.locator('[data-testid="panel-events"] [data-testid="panel-query"]').textContent()).toMatch(/^warehouse · [\d,]+ ms$/)
    await page.click('[data-testid="filter-level-5"]')
    await waitForCount(opened, await localCount({ levels: [5] }))
    await page.click('[data-testid="filter-level-5"]')
    await waitForCount(opened, await localCount({}))

    // Brush the timeline: the count is the local engine's for the range the URL now holds.
    const chart = page.locator('[data-testid="timeline-chart"]')
    await chart.locator('.timeline-bars path').first().waitFor()
    await brushTimeline(page)
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull()
    const params = new URL(page.url()).searchParams
    const range = { fromMs: parsePartialDate(params.get('from')!)!.startMs, toMs: parsePartialDate(params.get('to')!)!.endMs }
    const brushed = await localCount({ timeRange: range })
    expect(brushed).toBeGreaterThan(0)
    await waitForCount(opened, brushed)

    // The list shows the warehouse's newest matching events, and opens one.
    const listed = (await local.run(requestFor({ ...EMPTY_FILTER, timeRange: range }))).list!.rows.slice(0, 3)
    const want = (await local.events(listed.map((r) => r.ref))).map((e) => e.title)
    const rows = page.locator('[data-testid="event-row"]')
    await expect.poll(async () => (await rows.allTextContents()).slice(0, 3).map((t, i) => t.includes(want[i]!))).toEqual([true, true, true])
    await rows.first().click()
    await expect.poll(() => page.locator('[data-testid="event-detail"]').textContent()).toContain(want[0])
  }, 150_000)

  it("says when a search's map events fail, keeps the events drawn before, and fetches them again on retry", async () => {
    const opened = await pages.open(tableName)
    const { page } = opened
    await waitForCount(opened, await localCount({}))
    const map = page.locator('.world-map')
    const canvas = page.locator('[data-testid="map-events"]')
    await expect.poll(() => map.getAttribute('data-events')).toBe('ready')
    await expect.poll(async () => Number(await canvas.getAttribute('data-visible'))).toBeGreaterThan(0)
    const marksBefore = await canvas.getAttribute('data-marks')
    const visibleBefore = Number(await canvas.getAttribute('data-visible'))
    let letCubeGo = (): void => undefined
    cubeGate = new Promise<void>((done) => (letCubeGo = done))
    try {
      failMapEvents = true
      // A search's count and list come first; its cube is held: the cube's panels keep what they
      // drew, faded, and say they are still counting. The map's events are asked after the cube;
      // that later part fails.
      await page.fill('[data-testid="filter-text"]', 'crimea')
      await waitForCount(opened, await localCount({ text: 'crimea' }))
      await expect.poll(() => page.locator('[data-testid="cube-pending"]').count()).toBe(3)
      expect(await page.locator('[data-testid="panel-timeline"]').getAttribute('aria-busy')).toBe('true')
      expect(await page.locator('[data-testid="filter-level-5"] .level-toggle__count').textContent()).toBe('…')
      expect(await canvas.getAttribute('data-marks')).toBe(marksBefore)
      cubeGate = null
      letCubeGo()
      await expect.poll(() => page.locator('[data-testid="cube-pending"]').count()).toBe(0)
      expect(await page.locator('[data-testid="panel-timeline"]').getAttribute('aria-busy')).toBeNull()
      const failed = page.locator('[data-testid="map-events-failed"]')
      await failed.waitFor()
      expect(await failed.textContent()).toBe("The map's events could not be fetched: The warehouse did not answer within 30 s. Narrow the filters or try again (those shown are from before this change). Retry")
      // Read whole: the map's legend, in the same corner, does not cover any of it.
      await failed.scrollIntoViewIfNeeded()
      expect(await failed.evaluate((el) => {
        const r = el.getBoundingClientRect()
        return [0.1, 0.5, 0.9].flatMap((fx) => [0.3, 0.7].map((fy) => el.contains(document.elementFromPoint(r.left + r.width * fx, r.top + r.height * fy))))
      })).toEqual([true, true, true, true, true, true])
      expect(await map.getAttribute('data-events')).toBe('failed')
      expect(await map.getAttribute('aria-busy')).toBeNull()
      expect(await canvas.getAttribute('data-marks')).toBe(marksBefore)
      await expect.poll(() => page.locator('[data-testid="warehouse-status"]').textContent()).toContain('did not answer within 30 s')
      // Early warning's answer redraws the timeline's legend, and a panel whose ask changes runs
      // the warehouse again: while the warehouse keeps failing, each such run fails the same way
      // and the retry stays offered. The retry below is then the only run left to fetch them.
      await expect.poll(() => page.locator('[data-testid="panel-timeline"] [data-warning]').getAttribute('data-warning'), { timeout: 60_000 }).toBe('ready')
      await untilWarehouseRests(page)
      expect(await failed.textContent()).toContain("The map's events could not be fetched")
      expect(await canvas.getAttribute('data-marks')).toBe(marksBefore)
    } finally {
      failMapEvents = false
      cubeGate = null
      letCubeGo()
    }
    await page.click('[data-testid="map-events-failed-retry"]')
    await expect.poll(() => map.getAttribute('data-events')).toBe('ready')
    expect(await page.locator('[data-testid="map-events-failed"]').count()).toBe(0)
    // The search's own events now: some, fewer than all those in view before.
    await expect.poll(async () => Number(await canvas.getAttribute('data-visible'))).toBeLessThan(visibleBefore)
    expect(Number(await canvas.getAttribute('data-visible'))).toBeGreaterThan(0)
  }, 150_000)

  it("names and filters the regions a table's dataset defined for itself", async () => {
    const outcome = readNativeJson(readFileSync(new URL('../fixtures/json/custom-regions.json', import.meta.url), 'utf8'))
    if (!outcome.ok) throw new Error(outcome.reason)
    const warehouse = { url: pages.endpoint().url, user: 'analyst', password: PASSWORD, nextTable: () => ({ database: 'e2e', table: 'custom' }), close: async () => {} }
    await loadWarehouseTable(warehouse, outcome.result.dataset)
    const opened = await pages.open('e2e.custom')
    const { page } = opened
    await waitForCount(opened, 6)
    // Mali, Niger and the event naming the area; the region select names it as the dataset does.
    const select = page.locator('.filter-bar select').first()
    expect(await select.locator('option[value="sahel-watch"]').textContent()).toBe('Sahel watch area (3)')
    await select.selectOption('sahel-watch')
    await waitForCount(opened, 3)
  })

  it('exports the events in view from the warehouse: CSV, dataset JSON and GeoJSON naming the table, and the briefing pack', async () => {
    const opened = await pages.open(tableName, `&levels=4,5`)
    const { page } = opened
    const expected = await local.run(requestFor({ ...EMPTY_FILTER, levels: [4, 5] }))
    await waitForCount(opened, expected.matched)
    const ids = (await local.matchingEvents(requestFor({ ...EMPTY_FILTER, levels: [4, 5] }))).map((e) => e.id)
    await openDialog(opened, 'events')
    expect(await page.locator('[data-testid="export-data-warehouse-note"]').textContent()).toContain('at most 100,000')
    const source = `ClickHouse ${tableName} at ${pages.endpoint().url}`

    // Dataset JSON: every matching event, newest first, and the warehouse as its source.
    const json = JSON.parse((await download(page, 'export-data-json')).bytes.toString('utf8')) as { source: string; events: { id: string }[] }
    expect(json.events.map((e) => e.id)).toEqual(ids)
    expect(json.source).toBe(source)
    // CSV: a header and a row per event.
    const csv = csvCells((await download(page, 'export-data-csv')).bytes.toString('utf8').replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c !== ''))
    expect(csv).toHaveLength(ids.length + 1)
    expect(csv.slice(1).map((r) => r[csv[0]!.indexOf('id')])).toEqual(ids)
    // GeoJSON: a point per placed event, and the source as a foreign member.
    const geo = JSON.parse((await download(page, 'export-data-geojson')).bytes.toString('utf8')) as { source: string; features: { id: string }[] }
    expect(geo.source).toBe(source)
    expect(geo.features.map((f) => f.id).sort()).toEqual([...ids].sort())
    await expect.poll(() => page.locator('[data-testid="export-status"]').textContent()).toContain(`(${ids.length} events)`)

    // The briefing pack: the top events' table from the warehouse, and the warehouse named in the notes.
    const { bytes } = await download(page, 'export-briefing', 60_000)
    const slides = zipEntries(bytes).filter((e) => /^ppt\/slides\/slide\d+\.xml$/.test(e.name)).map((e) => zipText(bytes, e.name))
    const table = slides.find((t) => t.includes('<a:tbl>') && t.includes('Highest-level events'))
    const top = (await local.topEvents(requestFor({ ...EMPTY_FILTER, levels: [4, 5] }), 3)).map((e) => e.title)
    for (const title of top) expect(table).toContain(title.replace(/&/g, '&amp;'))
    const notes = zipEntries(bytes).filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(e.name)).map((e) => zipText(bytes, e.name))
    expect(notes.some((n) => n.includes(source))).toBe(true)
    for (const text of [...slides, ...notes]) expect(text).not.toContain(PASSWORD)
  }, 150_000)

  it('exports a timelapse GIF from the warehouse: a frame a week, each counting the events the warehouse holds', async () => {
    const opened = await pages.open(tableName, `&from=2025-01-01&to=2025-11-05`)
    const { page } = opened
    const range = { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2025, 10, 6) }
    await waitForCount(opened, await localCount({ timeRange: range }))
    await openDialog(opened, 'map')
    expect(await page.inputValue('[data-testid="export-timelapse-from"]')).toBe('2025-01-01')
    await page.fill('[data-testid="export-timelapse-seconds"]', '3')
    await page.click('[data-testid="export-format-gif"]')
    const { bytes } = await download(page, 'export-timelapse', 120_000)
    expect(bytes.toString('latin1', 0, 6)).toBe('GIF89a')
    const frames = await page.evaluate(async (b64) => {
      const decoder = new ImageDecoder({ data: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), type: 'image/gif' })
      await decoder.tracks.ready
      return decoder.tracks.selectedTrack!.frameCount
    }, bytes.toString('base64'))
    // 1 Jan – 5 Nov 2025: 45 weeks from Monday 30 Dec 2024; every matching event with a place over them.
    expect(frames).toBe(45)
    const placed = await local.placedSpans(requestFor({ ...EMPTY_FILTER, timeRange: range }), { fromMs: Date.UTC(2024, 11, 30), toMs: Date.UTC(2025, 10, 10) }, Infinity)
    expect(placed.size).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-testid="export-status"]').textContent()).toContain(`45 frames, ${placed.size.toLocaleString('en-GB')} events`)
  }, 150_000)
})
