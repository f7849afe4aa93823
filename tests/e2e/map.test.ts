import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { expectedCount, sample, waitForCount } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'



let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})



async function waitForMap(page: Page): Promise<void> {
  await page.locator('[data-testid="map-canvas"][data-shapes="110m"], [data-testid="map-canvas"][data-shapes="50m"]').waitFor()
  await page.locator('[data-testid="map-events"][data-visible]').waitFor({ state: 'attached' })
}

/**
 * A point (page px) over the place called `name` where no event is drawn within 12 px: candidates
 * around the map's centre are screened by reading the event canvas back, then hovered until the
 * tooltip names the place. (Shapes are drawn on a canvas, so there is no element to click.)
 */
async function placePoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  const candidates = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-events"]')!
    const ctx = canvas.getContext('2d')!
    const c = canvas.getBoundingClientRect()
    const dpr = canvas.width / c.width
    const free: { x: number; y: number; d: number }[] = []
    for (let dy = -120; dy <= 120; dy += 8) {
      for (let dx = -200; dx <= 200; dx += 8) {
        const x = c.width / 2 + dx
        const y = c.height / 2 + dy
        const box = ctx.getImageData(Math.round((x - 12) * dpr), Math.round((y - 12) * dpr), Math.round(24 * dpr), Math.round(24 * dpr))
        let empty = true
        for (let i = 3; i < box.data.length && empty; i += 4) if (box.data[i] !== 0) empty = false
        if (empty) free.push({ x: c.left + x, y: c.top + y, d: dx * dx + dy * dy })
      }
    }
    return free.sort((a, b) => a.d - b.d).slice(0, 40)
  })
  const title = page.locator('[data-testid="map-tooltip"] .map-tooltip__title')
  for (const { x, y } of candidates) {
    await page.mouse.move(x, y)
    if ((await title.count()) > 0 && (await title.textContent()) === name) return { x, y }
  }
  throw new Error(`no free point over ${name}`)
}

/** A point (page px) where the event canvas has an opaque pixel: an event is drawn there. */
async function drawnEventPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-events"]')!
    const c = canvas.getBoundingClientRect()
    const dpr = canvas.width / c.width
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    // Scan from the middle outwards in rows, for an opaque pixel away from the legend and zoom buttons.
    for (let y = Math.round(canvas.height * 0.15); y < canvas.height * 0.6; y += 2) {
      for (let x = Math.round(canvas.width * 0.2); x < canvas.width * 0.9; x += 2) {
        if (data[(y * canvas.width + x) * 4 + 3]! > 250) return { x: c.left + x / dpr, y: c.top + y / dpr }
      }
    }
    return null
  })
  if (!point) throw new Error('no event drawn on the map')
  return point
}

describe('map panel on the bundled dataset', () => {
  it('shades countries offline, filters by a clicked country and clears with a second click and Escape', async () => {
    // Centred on Siberia, so the middle of the map is Russia.
    opened = await openPage('/?map=62,95,3')
    const { page } = opened
    await waitForCount(page, sample.size)
    await waitForMap(page)
    const visibleBefore = Number(await page.locator('[data-testid="map-events"]').getAttribute('data-visible'))
    expect(visibleBefore).toBeGreaterThan(0)

    const expected = expectedCount({ countries: ['RU'] })
    expect(expected).toBeGreaterThan(0)
    expect(expected).toBeLessThan(sample.size)
    const { x, y } = await placePoint(page, 'Russia')
    // Russia has events in the sample: its tooltip gives a level or says it is quiet, never "no matching events".
    expect(await page.locator('[data-testid="map-tooltip"]').textContent()).toMatch(/Level [1-5]|No recent activity/)
    await page.mouse.click(x, y)
    await waitForCount(page, expected)
    await expect.poll(() => new URL(page.url()).searchParams.get('countries')).toBe('RU')
    // The map ignores its own filter: the events around Russia are still drawn.
    expect(Number(await page.locator('[data-testid="map-events"]').getAttribute('data-visible'))).toBe(visibleBefore)

    await page.mouse.click(x, y)
    await waitForCount(page, sample.size)
    await page.mouse.click(x, y)
    await waitForCount(page, expected)
    await page.keyboard.press('Escape')
    await waitForCount(page, sample.size)
  })

  it('draws every placed event at world zoom and opens one clicked on the map', async () => {
    opened = await openPage('/?map=0,0,0')
    const { page } = opened
    await waitForMap(page)
    await expect
      .poll(() => page.locator('[data-testid="map-events"]').getAttribute('data-visible'))
      .toBe(String(sample.size - countWithoutPlace()))
    await expect.poll(() => page.locator('[data-testid="map-events"]').getAttribute('data-mode')).toBe('points')
    const { x, y } = await drawnEventPoint(page)
    await page.mouse.move(x, y)
    const tooltip = page.locator('[data-testid="map-tooltip"]')
    await expect.poll(() => tooltip.textContent()).toMatch(/Level [1-5]/)
    const title = await tooltip.locator('.map-tooltip__title').textContent()
    await page.mouse.click(x, y)
    const detail = page.locator('[data-testid="event-detail"]')
    await detail.waitFor()
    expect(await detail.locator('h3').textContent()).toBe(title)
  })

  it('filters by a region in region mode', async () => {
    opened = await openPage('/?map=54,32,4')
    const { page } = opened
    await waitForCount(page, sample.size)
    await waitForMap(page)
    await page.selectOption('[data-testid="map-shade-by"]', 'regions')
    const { x, y } = await placePoint(page, 'Eastern Europe')
    await page.mouse.click(x, y)
    await waitForCount(page, expectedCount({ regions: ['eastern-europe'] }))
  })

  it('keeps the map view in the URL and loads finer shapes when zoomed in', async () => {
    opened = await openPage('/?map=48,20,4')
    const { page } = opened
    await page.locator('[data-testid="map-canvas"][data-shapes="50m"]').waitFor()
    await page.click('[data-testid="map-canvas"] .leaflet-control-zoom-in')
    const view = (): number[] => (new URL(page.url()).searchParams.get('map') ?? '').split(',').map(Number)
    // Zooming in keeps the centre (within Leaflet's whole-pixel rounding) and writes the new zoom.
    await expect.poll(() => view()[2]).toBe(4.5)
    expect(view()[0]).toBeCloseTo(48, 1)
    expect(view()[1]).toBeCloseTo(20, 1)
    await page.selectOption('[data-testid="map-preset"]', 'world')
    await page.locator('[data-testid="map-canvas"][data-shapes="110m"]').waitFor()
    await expect.poll(() => view()[2]).toBeLessThan(2)
  })
})

/** A 1 × 1 PNG, served in place of real tiles. */
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

describe('online basemap', () => {
  it('is off by default and, when switched on, shows tiles within the page security policy', async () => {
    opened = await openPage('/?map=50,10,3')
    const { page } = opened
    await waitForMap(page)
    const tiles = page.locator('[data-testid="map-canvas"] img.leaflet-tile')
    expect(await tiles.count()).toBe(0)
    expect(opened.outsideRequests).toEqual([])
    // Stand in for the tile server (the harness blocks every other host).
    await page.route('https://tile.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG, headers: { 'access-control-allow-origin': '*' } }),
    )
    await page.click('[data-testid="map-tile-settings"] summary')
    await page.check('[data-testid="map-tiles-toggle"]')
    await expect.poll(() => page.locator('[data-testid="map-canvas"] img.leaflet-tile-loaded').count()).toBeGreaterThan(3)
    const loaded = page.locator('[data-testid="map-canvas"] img.leaflet-tile-loaded').first()
    expect(await loaded.getAttribute('src')).toMatch(/^blob:/)
    expect(await loaded.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1)
    expect(opened.outsideRequests.length).toBeGreaterThan(3)
    expect(opened.outsideRequests.every((u) => /^https:\/\/tile\.openstreetmap\.org\/3\/\d+\/\d+\.png$/.test(u))).toBe(true)
    // Those requests were asked for; switching off removes the layer.
    opened.outsideRequests.length = 0
    await page.uncheck('[data-testid="map-tiles-toggle"]')
    await expect.poll(() => tiles.count()).toBe(0)
    expect(await page.locator('.leaflet-control-attribution').textContent()).not.toContain('OpenStreetMap')
  })
})

describe('map panel at scale', () => {
  it('bins 100k generated events at world zoom and draws them all', async () => {
    // At zoom 0 the whole Web Mercator square fits the panel, so every event is in view.
    opened = await openPage('/?synthetic=100000&seed=3&map=0,0,0')
    const { page } = opened
    await waitForCount(page, 100_000)
    await waitForMap(page)
    const canvas = page.locator('[data-testid="map-events"]')
    await expect.poll(() => canvas.getAttribute('data-visible')).toBe('100000')
    expect(await canvas.getAttribute('data-mode')).toBe('bins')
  })

  it('projects 250k generated events in a worker and draws them all', async () => {
    // From 50,000 rows the positions are projected off the main thread (load-projection.ts).
    opened = await openPage('/?synthetic=250000&seed=3&map=0,0,0')
    const { page } = opened
    await waitForCount(page, 250_000)
    await waitForMap(page)
    const canvas = page.locator('[data-testid="map-events"]')
    await expect.poll(() => canvas.getAttribute('data-visible'), { timeout: 15_000 }).toBe('250000')
    expect(await canvas.getAttribute('data-mode')).toBe('bins')
    expect(await page.locator('.world-map').getAttribute('aria-busy')).toBeNull()
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
    expect(scripts.some((name) => name.includes('project.worker'))).toBe(true)
  })
})

/** Sample events with no position at all (neither their own nor a country's); they cannot be drawn. */
function countWithoutPlace(): number {
  let n = 0
  for (let r = 0; r < sample.size; r++) if (Number.isNaN(sample.latDeg[r]!)) n++
  return n
}
