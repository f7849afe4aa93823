import { afterEach, describe, expect, it } from 'vitest'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { computeWarning } from '../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../src/domain/warning/settings.ts'
import { watchCountryForSurge } from './warehouse-helpers.ts'
import { openPage, type OpenedPage } from './browser.ts'
import { waitForCount } from './sample.ts'

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  expect(opened?.outsideRequests ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

// Seed 7 injects a crisis in Vanuatu from Wednesday 1 October 2025; as of Sunday the 5th, the
// week of 29 September is the last complete week.
const AS_OF = '2025-10-05'
const AS_OF_MS = Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000
const table = generateSyntheticTable({ size: 50_000, seed: 7 })

function expectedPlaces(method: 'stat' | 'acled'): string[] {
  const result = computeWarning(table, AS_OF_MS, { ...DEFAULT_WARNING_SETTINGS, method }, [])
  return result.surges.map((s) => `${s.kind}:${s.place}`)
}

async function shownPlaces(page: OpenedPage['page']): Promise<string[]> {
  return page.locator('[data-testid="surge"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-place')}`))
}

describe('Surges tab', () => {
  it('lists the surges the method finds, explains one, and switches method', async () => {
    const stat = expectedPlaces('stat')
    expect(stat).toContain('country:VU')
    opened = await openPage(`/?synthetic=50000&seed=7&asOf=${AS_OF}`)
    const { page } = opened
    await waitForCount(opened, 50_000)
    await page.click('[data-testid="gauges-tab-surges"]')
    await page.locator('[data-testid="surges"]').waitFor({ timeout: 30_000 })
    expect(await shownPlaces(page)).toEqual(stat)
    await expect.poll(() => page.locator('[data-testid="surges-summary"]').textContent()).toMatch(/^Week of 29 Sept? 2025 \(the last complete week/)

    const vanuatu = page.locator('[data-testid="surge"][data-place="VU"]')
    await expect.poll(() => vanuatu.textContent()).toMatch(/Vanuatu.*Country/)
    await expect.poll(() => vanuatu.locator('[data-testid="surge-counts"]').textContent()).toMatch(/^\d+ events, [\d.]+ expected$/)
    await vanuatu.getByRole('button', { name: 'Why' }).click()
    const events = vanuatu.locator('.surge__events li')
    await expect.poll(() => events.count()).toBeGreaterThan(0)
    await expect.poll(() => events.first().textContent()).toContain('in Vanuatu')
    // Choosing an event opens its detail.
    await events.first().locator('button').click()
    await expect.poll(() => page.locator('[data-testid="event-detail"] h3').textContent()).toContain('in Vanuatu')

    // The timeline marks the surge weeks and draws (or states) the expected band; the map outlines
    // the surging countries and its key counts them.
    await expect.poll(() => page.locator('[data-testid="timeline-surge"]').count()).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-testid="timeline-band"]').count()).toBe(1)
    const countries = stat.filter((p) => p.startsWith('country:')).length
    await expect.poll(() => page.locator('[data-testid="map-legend-surge"]').textContent()).toBe(`surge this week (${countries})`)

    await page.selectOption('[data-testid="surge-method"]', 'acled')
    await page.locator('[data-testid="surges"]').waitFor({ timeout: 30_000 })
    await expect.poll(() => shownPlaces(page), { timeout: 30_000 }).toEqual(expectedPlaces('acled'))
    await expect.poll(() => page.locator('[data-testid="surge"]').first().textContent()).toMatch(/> 2 × 4-week average/)
  }, 90_000)

  it('raises a surge alert for a watched country, with the week and the figures', async () => {
    const vanuatu = computeWarning(table, AS_OF_MS, DEFAULT_WARNING_SETTINGS, []).surges.find((s) => s.place === 'VU')!
    opened = await openPage(`/?synthetic=50000&seed=7&asOf=${AS_OF}`)
    const { page } = opened
    await waitForCount(opened, 50_000)
    // The level alert (Vanuatu is at level 5) and the surge alert.
    const alert = await watchCountryForSurge(page, 'VU')
    await alert.waitFor({ timeout: 30_000 })
    await expect
      .poll(() => alert.textContent())
      .toContain(`surge in the week of 2025-09-29: ${Math.round(vanuatu.observed)} events against ${vanuatu.expected.toFixed(1)} expected (p < 0.0001)`)
  }, 90_000)
})
