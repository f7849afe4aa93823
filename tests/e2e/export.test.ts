import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parquetReadObjects } from 'hyparquet'
import { inflateRawSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { captionBands } from '../../src/domain/export/caption-layout.ts'
import { countOf, expectedCount, sample } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

/** Exports decoded outside the app: PNG size from the IHDR chunk, pixels via a canvas, the .pptx's zip directory. */
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


/** Clicks `testId` and returns the downloaded file's bytes and name. */
async function download(page: Page, testId: string): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.click(`[data-testid="${testId}"]`)])
  const path = await file.path()
  return { bytes: readFileSync(path), name: file.suggestedFilename() }
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

interface PixelStats {
  readonly stddev: number
  readonly colours: number
}

/** Luminance spread and distinct colours (quantised) in a region of a PNG, decoded by the browser. */
function pixelStats(page: Page, png: Buffer, region: { x: number; y: number; w: number; h: number }): Promise<PixelStats> {
  return page.evaluate(
    async ({ b64, region: r }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.naturalWidth
      canvas.height = img.naturalHeight
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const data = ctx.getImageData(r.x, r.y, r.w, r.h).data
      let sum = 0
      let sum2 = 0
      const colours = new Set<number>()
      const n = data.length / 4
      for (let i = 0; i < data.length; i += 4) {
        const l = 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!
        sum += l
        sum2 += l * l
        colours.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4))
      }
      const mean = sum / n
      return { stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), colours: colours.size }
    },
    { b64: png.toString('base64'), region },
  )
}

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly localOffset: number
}

/** A zip's central directory (EOCD → entries), read by hand. */
function zipEntries(bytes: Buffer): ZipEntry[] {
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  expect(eocd).toBeGreaterThan(0)
  const count = bytes.readUInt16LE(eocd + 10)
  let at = bytes.readUInt32LE(eocd + 16)
  const entries: ZipEntry[] = []
  for (let e = 0; e < count; e++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50)
    const nameLength = bytes.readUInt16LE(at + 28)
    const extra = bytes.readUInt16LE(at + 30)
    const comment = bytes.readUInt16LE(at + 32)
    entries.push({
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + extra + comment
  }
  return entries
}

const zipNames = (bytes: Buffer): string[] => zipEntries(bytes).map((e) => e.name)

/** One entry's text: stored (0) or deflated (8), after its local header. */
function zipText(bytes: Buffer, name: string): string {
  const entry = zipEntries(bytes).find((e) => e.name === name)
  if (!entry) throw new Error(`${name} is not in the zip`)
  const at = entry.localOffset
  expect(bytes.readUInt32LE(at)).toBe(0x04034b50)
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
  const data = bytes.subarray(start, start + entry.compressedSize)
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8')
}

/** A tiny RFC 4180 reader: enough to split the export back into cells. */
function csvCells(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

async function openDialog(o: OpenedPage, panel: string): Promise<void> {
  await o.page.click(`[data-testid="export-${panel}"]`)
  await o.page.locator('[data-testid="export-dialog"]').waitFor()
}

describe('picture exports', () => {
  it('exports the timeline at 2x: the chart area is twice the panel, with the caption bands around it', async () => {
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    const box = (await opened.page.locator('[data-testid="panel-timeline"]').boundingBox())!
    await openDialog(opened, 'timeline')
    await opened.page.click('[data-testid="export-scale-2"]')
    const { bytes, name } = await download(opened.page, 'export-download')
    expect(name).toBe('threat-over-time@2x.png')
    const size = pngSize(bytes)
    const bands = captionBands({ title: 'x', caption: '', asOf: '', filters: '', source: '', marking: '' })
    expect(size.width).toBe(2 * Math.round(box.width))
    expect(size.height).toBe(2 * (Math.round(box.height) + bands.topPx + bands.bottomPx))
    // The chart area (under the panel header) has bars and axes, not one flat colour.
    const chart = await pixelStats(opened.page, bytes, { x: 0, y: 2 * (bands.topPx + 60), w: size.width, h: 2 * 200 })
    expect(chart.stddev).toBeGreaterThan(8)
    expect(chart.colours).toBeGreaterThan(8)
  })

  it('exports the map at 2x with a marking and caption: basemap, shading and events are in the picture', async () => {
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    await opened.page.locator('[data-testid="panel-map"] canvas').first().waitFor()
    await opened.page.waitForTimeout(500)
    const box = (await opened.page.locator('[data-testid="panel-map"]').boundingBox())!
    await openDialog(opened, 'map')
    await opened.page.selectOption('[data-testid="export-marking"]', 'TLP:AMBER')
    await opened.page.fill('[data-testid="export-caption"]', 'Where threat stood')
    const { bytes } = await download(opened.page, 'export-download')
    const size = pngSize(bytes)
    const bands = captionBands({ title: 'x', caption: 'c', asOf: '', filters: '', source: '', marking: 'TLP:AMBER' })
    expect(bands).toEqual({ topPx: 52, bottomPx: 86 })
    expect(size.width).toBe(2 * Math.round(box.width))
    expect(size.height).toBe(2 * (Math.round(box.height) + bands.topPx + bands.bottomPx))
    const map = await pixelStats(opened.page, bytes, { x: 0, y: 2 * (bands.topPx + 60), w: size.width, h: 2 * Math.round(box.height - 90) })
    expect(map.stddev).toBeGreaterThan(8)
    expect(map.colours).toBeGreaterThan(12)
    // The marking banner is black across the top.
    const banner = await pixelStats(opened.page, bytes, { x: 0, y: 0, w: 40, h: 20 })
    expect(banner.stddev).toBe(0)
  })

  it('copies a panel picture to the clipboard as image/png', async () => {
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    await opened.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    const box = (await opened.page.locator('[data-testid="panel-events"]').boundingBox())!
    await openDialog(opened, 'events')
    await opened.page.click('[data-testid="export-scale-1"]')
    await opened.page.click('[data-testid="export-copy"]')
    await expect.poll(() => opened!.page.locator('[data-testid="export-status"]').textContent()).toContain('Copied the picture')
    const pasted = await opened.page.evaluate(async () => {
      const [item] = await navigator.clipboard.read()
      const blob = await item!.getType('image/png')
      return [...new Uint8Array(await blob.arrayBuffer())]
    })
    const bands = captionBands({ title: 'x', caption: '', asOf: '', filters: '', source: '', marking: '' })
    expect(pngSize(Buffer.from(pasted))).toEqual({ width: Math.round(box.width), height: Math.round(box.height) + bands.topPx + bands.bottomPx })
  })

  it('exports the gauges as vector SVG carrying the typed title, escaped', async () => {
    opened = await openPage('/')
    await opened.page.locator('[data-testid="gauge"]').first().waitFor()
    await openDialog(opened, 'gauges')
    await opened.page.fill('[data-testid="export-title"]', 'Brief <Q4> & "Strait"')
    await opened.page.click('[data-testid="export-format-svg"]')
    const { bytes, name } = await download(opened.page, 'export-download')
    expect(name).toBe('brief-q4-strait.svg')
    const svg = bytes.toString('utf8')
    expect(svg).toContain('Brief &lt;Q4&gt; &amp; &quot;Strait&quot;')
    expect(svg).not.toContain('<Q4>')
    expect(svg).not.toContain('<foreignObject')
    expect((svg.match(/<(path|circle|rect|line)\b/g) ?? []).length).toBeGreaterThan(10)
    const parsed = await opened.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      return { error: doc.querySelector('parsererror') !== null, title: doc.querySelector('title')?.textContent }
    }, svg)
    expect(parsed).toEqual({ error: false, title: 'Brief <Q4> & "Strait"' })
  })

  it('exports the whole dashboard at 2x quickly (budget 1 s)', async () => {
    opened = await openPage('/')
    await expect.poll(() => countOf(opened!)).toBe(sample.size)
    await opened.page.locator('[data-testid="panel-map"] canvas').first().waitFor()
    await opened.page.click('[data-testid="export-dashboard"]')
    await opened.page.locator('[data-testid="export-dialog"]').waitFor()
    // The first export also loads the capture code; time the second.
    await download(opened.page, 'export-download')
    const { bytes } = await download(opened.page, 'export-download')
    expect(pngSize(bytes).width).toBeGreaterThan(2000)
    const ms = Number(await opened.page.locator('[data-testid="export-status"]').getAttribute('data-ms'))
    console.info(`dashboard 2x PNG: ${ms} ms`)
    expect(ms).toBeGreaterThan(0)
    // The budget is 1 s (measured 0.4–0.65 s on a busy 2-core machine). Timings are benchmarks,
    // not timed tests: this bound only catches the multi-second regression of letting
    // modern-screenshot copy every computed style of every chart node.
    expect(ms).toBeLessThan(3000)
  })
})

describe('briefing pack and data', () => {
  it('builds a .pptx that is a zip with a title, picture, table and sources slides', async () => {
    opened = await openPage('/?levels=4,5')
    await expect.poll(() => countOf(opened!)).toBe(expectedCount({ levels: [4, 5] }))
    await openDialog(opened, 'timeline')
    await opened.page.fill('[data-testid="export-title"]', 'Q4 <brief> & co')
    await opened.page.selectOption('[data-testid="export-marking"]', 'TLP:GREEN')
    await opened.page.click('[data-testid="export-briefing-map"]')
    await opened.page.click('[data-testid="export-briefing-events"]')
    const { bytes, name } = await download(opened.page, 'export-briefing')
    expect(name).toBe('q4-brief-co.pptx')
    const slides = zipNames(bytes).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    // Title, timeline, gauges, top events, sources.
    expect(slides).toHaveLength(5)
    expect(zipNames(bytes)).toContain('ppt/media/image-2-1.png')
    // The title slide carries the typed title (escaped) and the marking; a picture slide's notes the filters.
    const title = zipText(bytes, 'ppt/slides/slide1.xml')
    expect(title).toContain('Q4 &lt;brief&gt; &amp; co')
    expect(title).toContain('TLP:GREEN')
    const notes = zipEntries(bytes).filter((e) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(e.name)).map((e) => zipText(bytes, e.name))
    expect(notes.some((n) => n.includes('Filters: Levels: high, critical') && n.includes('Top events:'))).toBe(true)
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
    const badge = opened.page.locator('[data-testid="panel-timeline"] [data-testid="panel-freshness"]')
    await expect.poll(() => badge.textContent()).toContain('updated')
    await openDialog(opened, 'timeline')
    await opened.page.click('[data-testid="export-format-svg"]')
    const svg = (await download(opened.page, 'export-download')).bytes.toString('utf8')
    expect(svg).toContain('Events per')
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
