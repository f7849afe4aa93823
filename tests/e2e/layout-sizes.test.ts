/**
 * The dashboard at the screens analysts use: a 1366 × 768 laptop, 1440 × 900, tablets either way
 * up, full HD and 2560 × 1440. Measured from the real layout in Chromium: the bars' plot height,
 * legends inside their boxes, every gauge in view or announced, and the map fitted to the data.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { closeClean, openPage, type OpenedPage } from './browser.ts'

let opened: OpenedPage | undefined
afterEach(async () => {
  await closeClean(opened)
  opened = undefined
})

/** The least height of the bars' plot (count axis 0 to its top tick), px, by screen. */
const PLOT_MIN_PX = { laptop: 130, large: 380 }

const SIZES = [
  { width: 1366, height: 768, plotMinPx: PLOT_MIN_PX.laptop },
  { width: 1440, height: 900, plotMinPx: PLOT_MIN_PX.laptop },
  { width: 1024, height: 768, plotMinPx: PLOT_MIN_PX.laptop },
  { width: 768, height: 1024, plotMinPx: PLOT_MIN_PX.laptop },
  { width: 2560, height: 1440, plotMinPx: PLOT_MIN_PX.large },
] as const

async function ready(page: Page): Promise<void> {
  await page.locator('[data-testid="gauge"]').first().waitFor()
  await page.locator('[data-testid="event-row"]').first().waitFor()
  await page.locator('.timeline-bars__grid').first().waitFor({ state: 'attached' })
  await page.locator('[data-testid="map-legend"] li').first().waitFor()
}

/** Height of the bars' plot: from the count axis' zero line to its top grid line, px. */
function plotHeight(page: Page): Promise<number> {
  return page.locator('.timeline-bars__grid').evaluateAll((lines) => {
    const ys = lines.map((l) => l.getBoundingClientRect().y)
    return Math.max(...ys) - Math.min(...ys)
  })
}

/** Entries of a legend that are not wholly inside its box, or whose box is not inside `within`. */
function clippedEntries(page: Page, legend: string, within: string): Promise<string[]> {
  return page.evaluate(
    ([legendSelector, withinSelector]) => {
      const box = document.querySelector(legendSelector!)!
      const outer = box.closest(withinSelector!)!.getBoundingClientRect()
      const inner = box.getBoundingClientRect()
      const inside = (r: DOMRect, o: DOMRect): boolean => r.left >= o.left - 1 && r.right <= o.right + 1 && r.top >= o.top - 1 && r.bottom <= o.bottom + 1
      const bad = [...box.querySelectorAll('li')].filter((li) => !inside(li.getBoundingClientRect(), inner)).map((li) => li.textContent ?? '')
      if (!inside(inner, outer)) bad.push(`the legend box itself (${legendSelector})`)
      return bad
    },
    [legend, within] as const,
  )
}

/** The gauges cut off by their scrolling box (in whole or in part), and whether the cue shows and how many it counts. */
function gaugeVisibility(page: Page): Promise<{ total: number; hidden: number; cue: number | null }> {
  return page.evaluate(() => {
    const gauges = [...document.querySelectorAll('[data-testid="gauge"]')]
    const scroller = gauges[0]!.closest('.scroll-cue-list__scroller') ?? gauges[0]!.parentElement!
    const box = scroller.getBoundingClientRect()
    const hidden = gauges.filter((g) => {
      const r = g.getBoundingClientRect()
      return r.bottom > box.bottom + 2 || r.top < box.top - 2 || r.right > box.right + 2
    }).length
    const cue = document.querySelector<HTMLElement>('[data-testid="panel-gauges"] [data-testid="scroll-cue"]')
    const shown = cue !== null && cue.getClientRects().length > 0
    return { total: gauges.length, hidden, cue: shown ? Number(cue.dataset.below) : null }
  })
}

describe('layout at each screen size', () => {
  for (const { width, height, plotMinPx } of SIZES) {
    it(`at ${width}×${height}: readable bars, unclipped legends, every gauge reachable`, async () => {
      opened = await openPage('/', { viewport: { width, height } })
      const { page } = opened
      await ready(page)
      await expect.poll(() => plotHeight(page), { message: `bar plot height at ${width}×${height}` }).toBeGreaterThanOrEqual(plotMinPx)
      expect(await clippedEntries(page, '[data-testid="map-legend"]', '.world-map')).toEqual([])
      expect(await clippedEntries(page, '.timeline-legend', '[data-testid="panel-timeline"]')).toEqual([])
      // The page never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)

      // Every gauge is in view, or the cue says how many are not; following it reaches the last.
      const first = await gaugeVisibility(page)
      expect(first.total).toBeGreaterThanOrEqual(6)
      if (first.hidden > 0) {
        // The cue counts once the browser has laid the gauges out (an IntersectionObserver's report).
        await expect
          .poll(async () => (await gaugeVisibility(page)).cue, { message: `${first.hidden} of ${first.total} gauges out of sight with no cue` })
          .toBe(first.hidden)
        // Without motion each click scrolls at once: no smooth scroll still running at the next check.
        await page.emulateMedia({ reducedMotion: 'reduce' })
        for (let i = 0; i < 10 && (await gaugeVisibility(page)).cue !== null; i += 1) {
          await page.click('[data-testid="panel-gauges"] [data-testid="scroll-cue"]')
          await page.waitForTimeout(150)
        }
        const last = await gaugeVisibility(page)
        expect(last.cue).toBeNull()
        const lastGaugeInView = await page.evaluate(() => {
          const gauges = [...document.querySelectorAll('[data-testid="gauge"]')]
          const box = gauges[0]!.closest('.scroll-cue-list__scroller')!.getBoundingClientRect()
          return gauges.at(-1)!.getBoundingClientRect().bottom <= box.bottom + 2
        })
        expect(lastGaugeInView).toBe(true)
      } else {
        expect(first.cue).toBeNull()
      }
    })
  }
})

// ---- The map's view, read back from the URL (`map=lat,lon,zoom`) and the canvas box ----

interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** Where the sample's events with coordinates lie: the south-west and north-east corners. */
const DATA_CORNERS: readonly [LatLon, LatLon] = (() => {
  const dataset = JSON.parse(readFileSync(new URL('../../public/data/sample.json', import.meta.url), 'utf8')) as {
    events: { location?: { lat: number; lon: number } }[]
  }
  const points = dataset.events.flatMap((e) => (e.location ? [e.location] : []))
  return [
    { lat: Math.min(...points.map((p) => p.lat)), lon: Math.min(...points.map((p) => p.lon)) },
    { lat: Math.max(...points.map((p) => p.lat)), lon: Math.max(...points.map((p) => p.lon)) },
  ]
})()

/** Web Mercator (EPSG:3857, 256 px tiles, as Leaflet draws it): world pixels at a zoom. */
function project({ lat, lon }: LatLon, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom
  const phi = (lat * Math.PI) / 180
  return { x: scale * (lon / 360 + 0.5), y: scale * (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) }
}

/**
 * The data's box on screen as a share of the map's: `inside` when every located event is in
 * view, `fill` how much of the map's width or height (the larger) the data spans.
 */
async function dataOnMap(page: Page): Promise<{ inside: boolean; fill: number; zoom: number } | null> {
  const param = new URL(page.url()).searchParams.get('map')
  if (param === null) return null
  const [lat, lon, zoom] = param.split(',').map(Number) as [number, number, number]
  const canvas = (await page.locator('[data-testid="map-canvas"]').boundingBox())!
  const centre = project({ lat, lon }, zoom)
  const [sw, ne] = DATA_CORNERS.map((c) => {
    const p = project(c, zoom)
    return { x: p.x - centre.x + canvas.width / 2, y: p.y - centre.y + canvas.height / 2 }
  }) as [{ x: number; y: number }, { x: number; y: number }]
  const inside = sw.x >= 0 && ne.x <= canvas.width && ne.y >= 0 && sw.y <= canvas.height
  const fill = Math.max((ne.x - sw.x) / canvas.width, (sw.y - ne.y) / canvas.height)
  return { inside, fill, zoom }
}

const FITTED = (view: Awaited<ReturnType<typeof dataOnMap>>): boolean => view !== null && view.inside && view.fill >= 0.5

describe('the map fitted to the data', () => {
  it('fits the data at first, again when the window is resized, and again when maximised and restored', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    const { page } = opened
    await ready(page)
    await page.locator('[data-testid="map-canvas"][data-shapes="110m"]').waitFor()
    await expect.poll(async () => FITTED(await dataOnMap(page)), { message: 'fitted on first show' }).toBe(true)

    await page.setViewportSize({ width: 1920, height: 1080 })
    await expect.poll(async () => FITTED(await dataOnMap(page)), { message: 'fitted after a resize' }).toBe(true)

    const before = (await dataOnMap(page))!
    await page.click('[data-testid="maximise-map"]')
    await expect.poll(() => page.locator('[data-testid="panel-map"]').getAttribute('data-maximised')).toBe('true')
    await expect.poll(async () => FITTED(await dataOnMap(page)), { message: 'fitted when maximised' }).toBe(true)
    expect((await dataOnMap(page))!.zoom).toBeGreaterThan(before.zoom)
    expect(await clippedEntries(page, '[data-testid="map-legend"]', '.world-map')).toEqual([])

    await page.click('[data-testid="maximise-map"]')
    await expect.poll(async () => (await dataOnMap(page))!.zoom).toBe(before.zoom)
    expect(FITTED(await dataOnMap(page))).toBe(true)
  })

  // The map starts before the data's places are known: a zoom made in between is the user's view
  // and outlives both the data's arrival and a maximise (see also fit-selection.test.tsx).
  it('keeps a view the user chose when the map is resized', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    const { page } = opened
    await ready(page)
    await page.locator('[data-testid="map-canvas"][data-shapes="110m"]').waitFor()
    await expect.poll(async () => FITTED(await dataOnMap(page))).toBe(true)
    const fitted = (await dataOnMap(page))!.zoom
    await page.click('[data-testid="map-canvas"] .leaflet-control-zoom-in')
    // The URL follows the map a moment later.
    await expect.poll(async () => (await dataOnMap(page))!.zoom).toBeGreaterThan(fitted)
    const zoomed = (await dataOnMap(page))!.zoom
    await page.click('[data-testid="maximise-map"]')
    await expect.poll(() => page.locator('[data-testid="panel-map"]').getAttribute('data-maximised')).toBe('true')
    await page.waitForTimeout(300)
    expect((await dataOnMap(page))!.zoom).toBe(zoomed)
  })
})

describe('kiosk at wall-screen sizes', () => {
  for (const [width, height, plotMinPx] of [
    [1920, 1080, 260],
    [2560, 1440, 360],
  ] as const) {
    it(`at ${width}×${height} hides the editing controls and gives the bars the room`, async () => {
      opened = await openPage('/?kiosk=1', { viewport: { width, height } })
      const { page } = opened
      await ready(page)
      for (const control of [
        'import-open',
        'warehouse-open',
        'export-dashboard',
        'theme-toggle',
        'filter-text',
        'actor-input',
        'filter-level-1',
        'timeline-index-add',
        'export-timeline',
        'export-map',
        'map-preset',
      ]) {
        expect(await page.locator(`[data-testid="${control}"]:visible`).count(), `${control} shown in kiosk mode`).toBe(0)
      }
      await expect.poll(() => plotHeight(page)).toBeGreaterThanOrEqual(plotMinPx)
      expect(await clippedEntries(page, '[data-testid="map-legend"]', '.world-map')).toEqual([])
      // One screenful on a wall: no scrolling either way.
      const scroll = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }))
      expect(scroll.w).toBeLessThanOrEqual(width)
      expect(scroll.h).toBeLessThanOrEqual(height)

      // A way out: the header's "Exit kiosk" brings the controls back.
      await page.click('[data-testid="kiosk-exit"]')
      await page.locator('[data-testid="filter-text"]').waitFor()
      await page.locator('[data-testid="import-open"]').waitFor()
    })
  }
})
