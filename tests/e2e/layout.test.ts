import { copyFileSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { focusRing } from './a11y-helpers.ts'
import { openPage, type OpenedPage } from './browser.ts'

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

async function ready(o: OpenedPage): Promise<void> {
  await o.page.locator('[data-testid="gauge"]').first().waitFor()
  await o.page.locator('[data-testid="event-row"]').first().waitFor()
}

function overflowX(o: OpenedPage): Promise<{ scrollWidth: number; innerWidth: number }> {
  return o.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
}

describe('layout', () => {
  it.each([
    [1366, 768],
    [1024, 768],
    [820, 1180],
  ])('has no sideways scroll at %i×%i', async (width, height) => {
    opened = await openPage('/', { viewport: { width, height } })
    await ready(opened)
    const { scrollWidth, innerWidth } = await overflowX(opened)
    expect(innerWidth).toBe(width)
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
    // Each panel is on screen in full width (side by side or stacked), none cut off on the right.
    const rights = await opened.page
      .locator('[data-testid^="panel-"]')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().right)))
    expect(rights).toHaveLength(4)
    for (const right of rights) expect(right).toBeLessThanOrEqual(width)
  })

  it('fills a 1920×1080 screen with the four panels and no page scroll', async () => {
    opened = await openPage('/', { viewport: { width: 1920, height: 1080 } })
    await ready(opened)
    const fit = await opened.page.evaluate(() => {
      const boxes = [...document.querySelectorAll('[data-testid^="panel-"]')].map((el) => el.getBoundingClientRect())
      const area = boxes.reduce((sum, b) => sum + b.width * b.height, 0)
      return {
        share: area / (window.innerWidth * window.innerHeight),
        bottom: Math.max(...boxes.map((b) => b.bottom)),
        scrollHeight: document.documentElement.scrollHeight,
      }
    })
    expect(fit.scrollHeight).toBeLessThanOrEqual(1080)
    expect(fit.bottom).toBeGreaterThan(1080 - 40)
    expect(fit.share).toBeGreaterThan(0.6)
  })

  it('maximises a panel and restores it with Esc and with the same button', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    await ready(opened)
    const page = opened.page
    const panel = page.locator('[data-testid="panel-events"]')
    const before = await panel.boundingBox()
    expect(before!.width).toBeLessThan(700)
    const button = page.locator('[data-testid="maximise-events"]')
    await button.click()
    await expect.poll(() => panel.getAttribute('data-maximised')).toBe('true')
    const big = await panel.boundingBox()
    expect(big!.width).toBeGreaterThan(1300)
    expect(big!.height).toBeGreaterThan(700)
    expect(await button.getAttribute('aria-pressed')).toBe('true')
    expect(await button.getAttribute('aria-label')).toBe('Restore Events')
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.getAttribute('data-maximised')).toBeNull()
    expect((await panel.boundingBox())!.width).toBeCloseTo(before!.width, 0)
    await button.click()
    await expect.poll(() => panel.getAttribute('data-maximised')).toBe('true')
    // Esc with an event open closes the event first; the panel stays maximised.
    await page.locator('[data-testid="event-row"]').first().click()
    await page.locator('[data-testid="event-detail"]').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="event-detail"]').waitFor({ state: 'detached' })
    expect(await panel.getAttribute('data-maximised')).toBe('true')
    await button.click()
    await expect.poll(() => panel.getAttribute('data-maximised')).toBeNull()
  })

  it('shows large type in kiosk mode (?kiosk=1) and still fits the screen', async () => {
    const sizes: number[] = []
    for (const path of ['/', '/?kiosk=1']) {
      opened = await openPage(path, { viewport: { width: 1920, height: 1080 } })
      await ready(opened)
      sizes.push((await opened.page.locator('h1').boundingBox())!.height)
      if (path.includes('kiosk')) {
        expect(await opened.page.locator('[data-testid="app-root"]').getAttribute('class')).toContain('kiosk')
        const { scrollWidth, innerWidth } = await overflowX(opened)
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
        // A wall screen shows one screenful: no page scroll either way.
        expect(await opened.page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080)
      }
      await opened.close()
      expect(opened.pageErrors).toEqual([])
      expect(opened.consoleErrors).toEqual([])
      opened = undefined
    }
    expect(sizes[1]! / sizes[0]!).toBeGreaterThanOrEqual(1.15)
  })
})

describe('kiosk', () => {
  // The preview server serves the build folder: put the file the app fetches next to it.
  beforeAll(() => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const served = `${root}${process.env.WATCHFLOOR_DIST ?? 'dist'}/e2e-fixtures`
    mkdirSync(served, { recursive: true })
    copyFileSync(`${root}tests/fixtures/csv/hundred-ten-bad.csv`, `${served}/hundred-ten-bad.csv`)
  })

  it('offers to keep a ?data= source refreshing in kiosk mode (a link never starts it alone), and not otherwise', async () => {
    for (const [path, kiosk] of [
      ['/?data=e2e-fixtures/hundred-ten-bad.csv', false],
      ['/?kiosk=1&data=e2e-fixtures/hundred-ten-bad.csv', true],
    ] as const) {
      opened = await openPage(path)
      const freshness = opened.page.locator('[data-testid="data-freshness"]')
      await expect.poll(() => opened!.page.locator('[data-testid="event-count"]').textContent()).toBe('90')
      await expect.poll(async () => (await freshness.getAttribute('title')) ?? '').toMatch(/^Data loaded/)
      expect((await freshness.getAttribute('title'))!.includes('refreshing live')).toBe(false)
      await opened.page.locator('[data-testid="link-visit"]').waitFor()
      const offer = opened.page.locator('[data-testid="link-visit-refresh"]')
      expect(await offer.count()).toBe(kiosk ? 1 : 0)
      if (kiosk) {
        await offer.click()
        await expect.poll(async () => (await freshness.getAttribute('title')) ?? '').toContain('refreshing live')
      }
      await opened.close()
      expect(opened.pageErrors).toEqual([])
      expect(opened.consoleErrors).toEqual([])
      opened = undefined
    }
  })
})

describe('stacking', () => {
  it('keeps the map legend under the export dialog', async () => {
    opened = await openPage('/', { viewport: { width: 1440, height: 900 } })
    await ready(opened)
    const legend = opened.page.locator('[data-testid="map-legend"]')
    await legend.waitFor()
    await opened.page.click('[data-testid="export-dashboard"]')
    await opened.page.locator('[data-testid="export-dialog"]').waitFor()
    const box = (await legend.boundingBox())!
    const onTop = await opened.page.evaluate(
      ([x, y]) => (document.elementFromPoint(x!, y!)?.closest('[data-testid="map-legend"]') ? 'legend' : 'dialog or its backdrop'),
      [box.x + box.width / 2, box.y + box.height / 2],
    )
    expect(onTop).toBe('dialog or its backdrop')
  })
})

describe('keyboard', () => {
  it('reaches every header and filter control by Tab, in order, each with a visible focus ring', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    await ready(opened)
    const page = opened.page
    const stops: { id: string; outline: string; width: number; clipped: boolean }[] = []
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab')
      const ring = await focusRing(page)
      const id = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement
        return el.dataset.testid || el.getAttribute('aria-label') || el.id || (el.tagName === 'SELECT' ? 'select' : el.textContent?.trim()) || el.tagName.toLowerCase()
      })
      stops.push({ id, outline: ring.outline, width: ring.outlineWidthPx, clipped: ring.clipped })
      if (id === 'filter-level-5') break
    }
    const ids = stops.map((s) => s.id)
    const order = ['import-open', 'theme-toggle', 'Keyboard shortcuts', '7 d', 'All', 'select', 'actor-input', 'filter-text', 'filter-level-1', 'filter-level-5']
    const at = order.map((id) => ids.findIndex((s) => s === id || s.startsWith(id)))
    for (const [i, id] of order.entries()) expect(at[i], `${id} not reached by Tab: ${ids.join(' | ')}`).toBeGreaterThanOrEqual(0)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    const unringed = stops.filter((s) => s.outline === 'none' || s.width < 2 || s.clipped)
    expect(unringed).toEqual([])
  })

  it('shows an unclipped focus ring on every control in the panels', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    await ready(opened)
    const page = opened.page
    // Keyboard modality first, so that focus() below shows the :focus-visible ring as Tab would.
    await page.keyboard.press('Tab')
    const count = await page.evaluate(() => {
      const all = document.querySelectorAll<HTMLElement>('[data-testid^="panel-"] :is(button, input, select, a[href], [tabindex="0"])')
      all.forEach((el, i) => el.setAttribute('data-focus-probe', String(i)))
      return all.length
    })
    expect(count).toBeGreaterThan(20)
    const bad: string[] = []
    for (let i = 0; i < count; i += 1) {
      const probe = await page.evaluate((n) => {
        const el = document.querySelector<HTMLElement>(`[data-focus-probe="${n}"]`)
        // SVG marks (timeline) show focus with a stroke of the focus colour, not an outline.
        if (!el || el instanceof SVGElement || el.closest('[hidden], [inert]') || el.getClientRects().length === 0 || (el as HTMLButtonElement).disabled) return null
        el.focus()
        return document.activeElement === el ? el.dataset.testid || el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.tagName : null
      }, i)
      if (probe === null) continue
      const ring = await focusRing(page)
      // A control that left the page meanwhile (the gauges' "more below" cue, once an earlier
      // focus has scrolled every gauge into view) has no ring to show.
      const stillFocused = await page.evaluate((n) => document.activeElement?.getAttribute('data-focus-probe') === String(n), i)
      if (!stillFocused) continue
      if (ring.outline === 'none' || ring.outlineWidthPx < 2 || ring.clipped) bad.push(`${probe} (${ring.outline} ${ring.outlineWidthPx}px${ring.clipped ? ', clipped' : ''})`)
    }
    expect(bad).toEqual([])
  })

  it('skips from the first Tab stop to the panels, and hides what a maximised panel covers from Tab', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    await ready(opened)
    const page = opened.page
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the panels')
    expect((await page.locator('.skip-link').boundingBox())!.y).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid^="panel-"]')?.getAttribute('data-testid'))).toBe('panel-timeline')
    expect(new URL(page.url()).hash).toBe('')
    // The timeline's event marks are one Tab stop (arrow keys move between them): the next panel is near.
    let reached = false
    for (let i = 0; i < 25 && !reached; i += 1) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="panel-gauges"]')))
    }
    expect(reached).toBe(true)

    await page.click('[data-testid="maximise-events"]')
    const panels: (string | null)[] = []
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab')
      panels.push(await page.evaluate(() => document.activeElement?.closest('[data-testid^="panel-"]')?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null))
    }
    expect(panels.filter((p) => p !== 'panel-events' && p !== 'BODY')).toEqual([])
  })

  it('opens the export dialog of the focused panel with e', async () => {
    opened = await openPage('/', { viewport: { width: 1366, height: 768 } })
    await ready(opened)
    const page = opened.page
    await page.locator('[data-testid="event-row"]').first().focus()
    await page.keyboard.press('e')
    const dialog = page.locator('[data-testid="export-dialog"]')
    await dialog.waitFor()
    expect(await dialog.getAttribute('data-target')).toBe('events')
  })

  it('opens the keyboard help from the header and lists the shortcuts', async () => {
    opened = await openPage('/')
    await ready(opened)
    await opened.page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    const help = opened.page.locator('[data-testid="help-overlay"]')
    const text = await help.textContent()
    for (const key of ['/', 'j / k', 'Shift + C', 'Esc', 'e', 'Tab', '?']) expect(text).toContain(key)
    // The dialog listens for Esc from the effect that moves focus into it: pressed before that
    // (the dialog drawn, its effect not yet run on a busy page), the key would go to nobody.
    await opened.page.waitForFunction(() => document.activeElement?.closest('[data-testid="help-overlay"]') != null)
    await opened.page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })
    await opened.page.keyboard.press('?')
    await help.waitFor()
  })
})
