import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { countOf } from './sample.ts'
import { openPage, urlOf, type OpenedPage } from './browser.ts'

/**
 * The hostile corpus (tests/fixtures/hostile): every text field carries XSS payloads that set
 * `window.__pwned`, sources carry javascript:/data:/vbscript: URLs, and JSON objects carry
 * __proto__/constructor/prototype keys. Loaded through `?data=` and looked at everywhere its text
 * is shown, nothing may run and the payloads must read as literal text.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DIST = `${ROOT}${process.env.WATCHFLOOR_DIST ?? 'dist'}`
const SERVED = `${DIST}/e2e-hostile`

beforeAll(() => {
  mkdirSync(SERVED, { recursive: true })
  for (const name of ['hostile.json', 'hostile.csv']) copyFileSync(`${ROOT}tests/fixtures/hostile/${name}`, `${SERVED}/${name}`)
})
afterAll(() => rmSync(SERVED, { recursive: true, force: true }))

const IMG = `<img src=x onerror="window.__pwned='img'">`
const SCRIPT = `<script>window.__pwned='script'</script>`
const SVG = `"><svg onload="window.__pwned='svg'">`
const TEMPLATE = `{{constructor.constructor('window.__pwned=1')()}}`

let opened: OpenedPage | undefined
let dialogs: string[] = []
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  expect(dialogs).toEqual([])
  await opened?.close()
  opened = undefined
  dialogs = []
})

async function open(path: string): Promise<OpenedPage> {
  const o = await openPage(path)
  o.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return o
}

/** Waits for the `?data=` import, checks its report, and closes it (it covers part of the page). */
async function loaded(page: Page, events: number): Promise<void> {
  await expect.poll(() => countOf(page), { timeout: 20_000 }).toBe(events)
  const report = page.locator('[data-testid="import-report"]')
  expect(await report.getAttribute('data-accepted')).toBe(String(events))
  expect(await report.getAttribute('data-rejected')).toBe('0')
  await page.click('[data-testid="import-report-toast"] [aria-label="Close the import report"]')
}


/** Object.prototype's own property names in a clean V8 (Node runs the same engine as Chromium). */
const PRISTINE_OBJECT_PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort()

/** Everything that would show a payload ran or a dangerous link or prototype change exists. */
async function expectNothingRan(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown }
    const bad: string[] = []
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase()
        if (name.startsWith('on')) bad.push(`${el.tagName} has an ${name} attribute`)
        if (/^\s*(javascript|vbscript|data\s*:\s*text)/i.test(attr.value.replace(/[\t\n\r]/g, ''))) bad.push(`${el.tagName} ${name}=${attr.value}`)
      }
    }
    for (const a of Array.from(document.querySelectorAll('a[href]'))) {
      const href = a.getAttribute('href')!
      const external = /^https?:/i.test(href)
      if (external && a.getAttribute('rel') !== 'noopener noreferrer') bad.push(`link without rel: ${href}`)
    }
    if (document.querySelector('img[src="x"], iframe, object, embed')) bad.push('an element from a payload was created')
    return {
      pwned: w.__pwned === undefined ? null : String(w.__pwned),
      bad,
      protoNames: Object.getOwnPropertyNames(Object.prototype).sort(),
      enumerable: [...Object.keys(Object.prototype), ...Object.keys(Array.prototype), ...Object.keys(Function.prototype)],
      polluted: [({} as Record<string, unknown>).polluted, ({} as Record<string, unknown>).isAdmin],
    }
  })
  expect(found.pwned).toBeNull()
  expect(found.bad).toEqual([])
  expect(found.protoNames).toEqual(PRISTINE_OBJECT_PROTOTYPE)
  expect(found.enumerable).toEqual([])
  expect(found.polluted).toEqual([undefined, undefined])
}

/** Page points where the map's event canvas has an opaque pixel (an event is drawn there). */
async function drawnPoints(page: Page): Promise<{ x: number; y: number }[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-events"]')!
    const c = canvas.getBoundingClientRect()
    const dpr = canvas.width / c.width
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    const out: { x: number; y: number }[] = []
    for (let y = 0; y < canvas.height && out.length < 400; y += 3) {
      for (let x = 0; x < canvas.width && out.length < 400; x += 3) {
        if (data[(y * canvas.width + x) * 4 + 3]! > 200) out.push({ x: c.left + x / dpr, y: c.top + y / dpr })
      }
    }
    return out
  })
}

describe('the hostile corpus', () => {
  it('loads hostile JSON via ?data= and shows every payload as text in the header, lists, detail, gauges, map, timeline and alerts', async () => {
    opened = await open('/?data=e2e-hostile/hostile.json')
    const { page } = opened
    await loaded(page, 6)
    expect(await page.locator('header').first().textContent()).toContain(`HX-dataset ${IMG} ${TEMPLATE}`)

    // The events list and an event's detail: title, summary, actors, place, quotes, sources.
    const rows = page.locator('[data-testid="event-row"]')
    expect(await page.locator('[data-testid="panel-events"]').textContent()).toContain(`HX-title ${IMG} ${SCRIPT}`)
    await rows.filter({ hasText: 'HX-title <img' }).first().click()
    const detail = page.locator('[data-testid="event-detail"]')
    await detail.waitFor()
    const detailText = (await detail.textContent()) ?? ''
    for (const literal of [`HX-title ${IMG} ${SCRIPT}`, `HX-summary ${SCRIPT} ${SVG}`, 'HX-actor <img', 'HX-quote', 'HX-speaker', `HX-source-bad-2 ${IMG}`, 'HX-source-ok <b>bold</b>']) {
      expect(detailText).toContain(literal)
    }
    // Of its three sources only the https one is a link, opened without opener or referrer.
    const links = detail.locator('a')
    const hrefs = await links.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.textContent]))
    expect(hrefs).toEqual([[`https://example.org/report?q="><script>window.__pwned='href'</script>`, 'noopener noreferrer', 'HX-source-ok <b>bold</b>']])
    await expectNothingRan(page)

    // A gauge's detail: the hostile region's name and contributing event titles.
    const gauge = page.locator('[data-testid="gauge"][data-region="hostile-zone"]')
    await gauge.first().click()
    const gaugeDetail = page.locator('[data-testid="gauge-detail"]')
    await gaugeDetail.waitFor()
    const gaugeText = (await gaugeDetail.textContent()) ?? ''
    expect(gaugeText).toContain(`HX-region ${IMG} ${SVG}`)
    expect(gaugeText).toContain('HX-title <img')
    await expectNothingRan(page)
    await page.keyboard.press('Escape')

    // The map: hover the event canvas until a tooltip names an event.
    await page.locator('[data-testid="map-events"]').waitFor()
    const tooltip = page.locator('[data-testid="map-tooltip"]')
    const box = (await page.locator('[data-testid="map-canvas"]').boundingBox())!
    await expect.poll(async () => (await drawnPoints(page)).length, { timeout: 10_000 }).toBeGreaterThan(0)
    const points = await drawnPoints(page)
    let tooltipText = ''
    for (const { x, y } of points) {
      // Not under the zoom buttons in the top-left corner.
      if (x < box.x || y < box.y || (x < box.x + 50 && y < box.y + 90)) continue
      await page.mouse.move(x, y)
      tooltipText = (await tooltip.count()) > 0 ? ((await tooltip.textContent()) ?? '') : ''
      if (tooltipText.includes('HX-')) break
    }
    expect(tooltipText).toMatch(/HX-(title|place)/)
    expect(tooltipText).toMatch(/<(img|script|iframe)|"><svg/)
    await expectNothingRan(page)

    // The timeline: hover a critical event's marker.
    const marker = page.locator('[data-testid="timeline-marker"]').first()
    await marker.waitFor()
    expect(await marker.getAttribute('aria-label')).toContain('HX-title')
    await marker.hover()
    await expect.poll(() => page.locator('.timeline-hover').textContent()).toContain('HX-title')
    expect(await page.locator('.timeline-hover').textContent()).toMatch(/HX-title (<img|<script|"><svg|\{\{|<iframe)/)
    await expectNothingRan(page)

    // The timeline's bar card, with an index line for the hostile region: its name as text.
    // The picker ranks its options once it is used (focused).
    await page.focus('[data-testid="timeline-index-add"]')
    await page.selectOption('[data-testid="timeline-index-add"]', 'region:hostile-zone')
    const chart = (await page.locator('[data-testid="timeline-chart"]').boundingBox())!
    const card = page.locator('[data-testid="timeline-bucket-card"]')
    for (let f = 0.1; f < 0.95 && (await card.count()) === 0; f += 0.04) {
      await page.mouse.move(chart.x + chart.width * f, chart.y + chart.height * 0.6)
    }
    await expect.poll(() => card.textContent()).toContain('Index HX-region <img')
    await expectNothingRan(page)

    // Alerts: watch the hostile region; the alert lists hostile titles as text.
    await page.click('[data-testid="gauges-tab-watchlist"]')
    await page.selectOption('[data-testid="watch-kind"]', 'region')
    await page.selectOption('[data-testid="watch-target"]', 'hostile-zone')
    await page.selectOption('[data-testid="watch-threshold"]', '1')
    await page.fill('[data-testid="watch-rise"]', '')
    await page.click('[data-testid="watch-add"]')
    expect(await page.locator('[data-testid="watch-item"]').textContent()).toContain('HX-region <img')
    const badge = page.locator('[data-testid="alert-badge"]')
    await expect.poll(() => badge.getAttribute('data-count')).toBe('1')
    await badge.click()
    const alert = page.locator('[data-testid="alert"]').first()
    await alert.waitFor()
    const alertText = (await alert.textContent()) ?? ''
    expect(alertText).toContain('HX-region <img')
    expect(alertText).toContain('HX-title <img')
    await expectNothingRan(page)
  })

  it('loads the hostile CSV via ?data=: payloads, javascript: sources and formula cells stay text', async () => {
    opened = await open('/?data=e2e-hostile/hostile.csv')
    const { page } = opened
    await loaded(page, 6)
    await page.locator('[data-testid="event-row"]').filter({ hasText: 'HX-csv-title-formula' }).first().click()
    const detail = page.locator('[data-testid="event-detail"]')
    await detail.waitFor()
    const text = (await detail.textContent()) ?? ''
    expect(text).toContain('=HYPERLINK("http://evil.example","HX-csv-title-formula")')
    expect(text).toContain(`@SUM(1+1) HX-csv-summary ${IMG} ${SCRIPT}`)
    expect(text).toContain(`javascript:window.__pwned='js'`)
    const hrefs = await detail.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(hrefs).toEqual(['https://example.org/ok-0'])
    await expectNothingRan(page)
  })
})

describe('Content-Security-Policy and network', () => {
  it('ships a CSP without unsafe-eval or inline script, and the page obeys it', async () => {
    const html = readFileSync(`${DIST}/index.html`, 'utf8')
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'")
    expect(csp).toBeDefined()
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))
    expect(csp).not.toContain('unsafe-eval')
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('connect-src')).not.toContain('http:')
    expect(directives.get('connect-src')).not.toContain('*')
    // The meta policy comes before any script, and no script is inline.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
    // The browser enforces it: eval and an injected inline script are refused.
    opened = await open('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    // (With the policy both in the header and in the page, each refusal is reported twice.)
    // A string timer needs 'unsafe-eval' and an injected inline script needs 'unsafe-inline':
    // both run in the page's own context (unlike page.evaluate) and must be refused.
    const result = await page.evaluate(async () => {
      const violations: string[] = []
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`))
      ;(setTimeout as unknown as (code: string, ms: number) => void)("window.__pwned = 'timer'", 0)
      const s = document.createElement('script')
      s.textContent = "window.__pwned = 'inline'"
      document.body.append(s)
      s.remove()
      await new Promise((resolve) => setTimeout(resolve, 300))
      return { violations: [...new Set(violations)].sort(), pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null }
    })
    expect(result).toEqual({ violations: ['script-src eval', 'script-src-elem inline'], pwned: null })
    // Chromium logs the refusals as console errors: expected here, so not counted as failures.
    opened.consoleErrors.length = 0
  })

  it('serves the same policy as a header, so the import worker is bound by it too', async () => {
    const html = readFileSync(`${DIST}/index.html`, 'utf8')
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'")
    const response = await fetch(urlOf('/'))
    // The same policy, and frame-ancestors, which only a header can carry.
    expect(response.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    // A plain-http source on another host: refused before any request leaves (the worker fetches it).
    opened = await open('/?data=http://127.0.0.2:9/events.csv')
    const { page } = opened
    const error = page.locator('[data-testid="load-error"]')
    await error.waitFor()
    expect(await error.textContent()).toContain('could not fetch http://127.0.0.2:9/events.csv')
    // Refused by the policy, not by the test harness: afterEach checks that no request to another
    // host was even attempted (the harness records, then blocks, every one that is).
  })

  it('refuses to be framed by another page', async () => {
    opened = await open('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    const framer = await page.context().newPage()
    framer.on('console', (message) => {
      if (message.type() === 'error') opened!.consoleErrors.push(message.text())
    })
    await framer.setContent(`<iframe src="${urlOf('/')}" width="800" height="600"></iframe>`)
    await framer.waitForTimeout(1500)
    const frame = framer.frames().find((f) => f !== framer.mainFrame())
    expect(await frame?.locator('[data-testid="app-root"]').count().catch(() => 0)).toBe(0)
    // Chromium reports the refusal as a console error: expected here.
    expect(opened.consoleErrors.some((e) => /frame-ancestors|X-Frame-Options/.test(e))).toBe(true)
    opened.consoleErrors.length = 0
    await framer.close()
  })

  it('reports no policy violation on a normal load (zod runs jitless: no eval probe)', async () => {
    opened = await open('/')
    const { page } = opened
    await page.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __violations: string[] }).__violations = seen
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`))
    })
    await page.reload()
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.waitForTimeout(500)
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([])
  })

  it('makes no request off the machine in a default session', async () => {
    opened = await open('/')
    const { page } = opened
    const requests: string[] = []
    page.context().on('request', (request) => requests.push(request.url()))
    // Reload with the listener in place, so every request of the session is seen.
    await page.goto(urlOf('/'), { waitUntil: 'load' })
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    await page.locator('[data-testid="gauge"]').first().waitFor()
    await page.locator('[data-testid="map-events"]').waitFor()
    await page.locator('[data-testid="event-row"]').first().click()
    await page.locator('[data-testid="event-detail"]').waitFor()
    await page.waitForTimeout(500)
    const origin = new URL(urlOf('/')).origin
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url))).toEqual([])
  })
})

describe('failures keep the data on screen and say what happened', () => {
  const csv = `${ROOT}tests/fixtures/csv/hundred-ten-bad.csv`

  async function sampleLoaded(page: Page): Promise<number> {
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    return countOf(page)
  }

  it('an import worker that dies: a clear reason in the dialog, the sample stays', async () => {
    opened = await open('/')
    const { page } = opened
    const sample = await sampleLoaded(page)
    // The worker script crashes as it starts (as it would on a broken deploy or out of memory).
    await page.context().route('**/ingest.worker*.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: "throw new Error('worker crashed on start')" }),
    )
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(csv)
    const failed = page.locator('[data-testid="import-failed"]')
    await failed.waitFor()
    expect(await failed.textContent()).toMatch(/the import worker failed: .*worker crashed on start/)
    expect(await countOf(page)).toBe(sample)
    // The worker's own uncaught error is logged by the browser: expected here.
    opened.consoleErrors.splice(0, opened.consoleErrors.length, ...opened.consoleErrors.filter((e) => !e.includes('worker crashed on start')))
  })

  it('an IndexedDB that refuses writes: the import is shown, with a notice that it was not saved', async () => {
    opened = await open('/')
    const { page } = opened
    await page.context().addInitScript(() => {
      const refuse = (): never => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
      IDBObjectStore.prototype.put = refuse
      IDBObjectStore.prototype.add = refuse
    })
    await page.reload()
    await sampleLoaded(page)
    await page.click('[data-testid="import-open"]')
    await page.locator('[data-testid="import-file"]').setInputFiles(csv)
    await page.click('[data-testid="import-confirm"]')
    await expect.poll(() => countOf(page)).toBe(90)
    const notice = page.locator('[data-testid="workspace-notice"]').filter({ hasText: 'Not saved' }).first()
    await notice.waitFor()
    expect(await notice.textContent()).toContain('storage for this site is full')
    expect(await countOf(page)).toBe(90)
  })

  it('an unhandled rejection is reported in the page, and the dashboard keeps working', async () => {
    opened = await open('/')
    const { page } = opened
    const sample = await sampleLoaded(page)
    await page.evaluate(() => {
      void Promise.reject(new Error('background task <img src=x onerror="window.__pwned=1"> failed'))
    })
    const notice = page.locator('[data-testid="workspace-notice"]').filter({ hasText: 'Something went wrong' })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('Something went wrong in the background: background task <img src=x onerror="window.__pwned=1"> failed.')
    await page.click('[data-testid="filter-level-5"]')
    await expect.poll(() => countOf(page)).toBeLessThan(sample)
    await expectNothingRan(page)
    // Reported in the UI; the browser also reports it as an uncaught page error, which is the point.
    expect(opened.pageErrors.join('\n')).toContain('background task')
    opened.pageErrors.length = 0
  })
})
