import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { seriousViolations } from './a11y-helpers.ts'
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

describe.each(['dark', 'light'] as const)('axe: no serious or critical violation (%s theme)', (scheme) => {
  async function open(path = '/'): Promise<OpenedPage> {
    const o = await openPage(path)
    await o.page.emulateMedia({ colorScheme: scheme })
    await ready(o)
    return o
  }

  it('on the main view', async () => {
    opened = await open()
    // The theme really follows the system: the page background is dark in dark mode, light in light.
    const bg = await opened.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    const [r = 0, g = 0, b = 0] = (bg.match(/\d+(\.\d+)?/g) ?? []).map(Number)
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
    if (scheme === 'dark') expect(luminance).toBeLessThan(0.15)
    else expect(luminance).toBeGreaterThan(0.85)
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on the timeline as a table', async () => {
    opened = await open()
    await opened.page.click('[data-testid="timeline-table-toggle"]')
    await opened.page.locator('[data-testid="timeline-table"] tbody tr').first().waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on the event detail', async () => {
    opened = await open('/?q=mishustin')
    await opened.page.locator('[data-testid="event-row"]').first().click()
    await opened.page.locator('[data-testid="event-detail"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on the gauge detail', async () => {
    opened = await open()
    await opened.page.locator('[data-testid="gauge"]').nth(1).click()
    await opened.page.locator('[data-testid="gauge-detail"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on the help overlay', async () => {
    opened = await open()
    await opened.page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    await opened.page.locator('[data-testid="help-overlay"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on the import dialog', async () => {
    opened = await open()
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.locator('[data-testid="import-dialog"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on a failed import, which says what to fix', async () => {
    opened = await open()
    await opened.page.click('[data-testid="import-open"]')
    await opened.page.locator('[data-testid="import-file"]').setInputFiles(fileURLToPath(new URL('../fixtures/cli/truncated.json', import.meta.url)))
    const failed = opened.page.locator('[data-testid="import-failed"]')
    await failed.waitFor()
    expect(await failed.textContent()).toMatch(/not valid JSON/)
    expect(await failed.locator('[data-testid="import-failed-hint"]').textContent()).toMatch(/To fix it: give a dataset JSON \(schemaVersion 1\), a CSV or TSV with a header row/)
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on the export dialog', async () => {
    opened = await open()
    await opened.page.click('[data-testid="export-dashboard"]')
    await opened.page.locator('[data-testid="export-dialog"]').waitFor()
    expect(await seriousViolations(opened.page)).toEqual([])
  })

  it('on each tab of the threat-levels panel', async () => {
    opened = await open()
    const tabs = await opened.page.locator('[role="tab"][data-testid^="gauges-tab-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!))
    expect(tabs).toEqual(expect.arrayContaining(['gauges-tab-gauges', 'gauges-tab-compare']))
    const found: Record<string, unknown> = {}
    for (const tab of tabs) {
      await opened.page.click(`[data-testid="${tab}"]`)
      await opened.page.locator(`[role="tabpanel"][aria-labelledby="${tab.replace('gauges-tab-', 'gauges-tab-')}"]`).waitFor()
      await opened.page.waitForTimeout(150)
      const v = await seriousViolations(opened.page, '[data-testid="panel-gauges"]')
      if (v.length > 0) found[tab] = v
    }
    expect(found).toEqual({})
  })
})

describe('theme switch', () => {
  it('turns a light system dark and back: system → dark → light', async () => {
    opened = await openPage('/')
    await opened.page.emulateMedia({ colorScheme: 'light' })
    await ready(opened)
    const page = opened.page
    const luminance = (): Promise<number> =>
      page.evaluate(() => {
        const [r = 0, g = 0, b = 0] = (getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g) ?? []).map(Number)
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
      })
    expect(await luminance()).toBeGreaterThan(0.85)
    const toggle = page.locator('[data-testid="theme-toggle"]')
    await toggle.click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await toggle.textContent()).toBe('Theme: dark')
    expect(await luminance()).toBeLessThan(0.15)
    expect(await seriousViolations(page)).toEqual([])
    await toggle.click()
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    expect(await luminance()).toBeGreaterThan(0.85)
  })
})
