import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import type { Dataset } from '../../src/domain/model.ts'
import { generateSyntheticTable } from '../../src/domain/synthetic.ts'
import { computeWarning, type WarningResult } from '../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../src/domain/warning/settings.ts'
import type { EventTable } from '../../src/domain/table-types.ts'
import { loadWarehouseTable } from '../warehouse/test-warehouse.ts'
import type { OpenedPage } from './browser.ts'
import { useWarehousePages, watchCountryForSurge } from './warehouse-helpers.ts'
import { waitForCount } from './sample.ts'

/**
 * The Surges tab and surge alerts in warehouse mode, in Chromium against the chdb endpoint: the
 * warehouse holds 10,000 generated events with a crisis in Vanuatu from 1 October 2025 (seed 7),
 * and the page shows the surges a file import of the same events gives (computed here with the
 * app's own code over the table an import builds).
 */
const PASSWORD = 'e2e-surges'
const AS_OF = '2025-10-05'
const AS_OF_MS = Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000
let tableName = ''
let imported: EventTable

const pages = useWarehousePages(
  PASSWORD,
  async (endpoint) => {
    const generated = generateSyntheticTable({ size: 10_000, seed: 7 })
    const dataset: Dataset = { schemaVersion: 1, name: 'generated', regions: [], events: Array.from({ length: generated.size }, (_, row) => generated.eventAt(row)) }
    imported = buildEventTable(dataset)
    const warehouse = { url: endpoint.url, user: 'analyst', password: PASSWORD, nextTable: () => ({ database: 'e2e', table: 'surging' }), close: async () => {} }
    const connection = await loadWarehouseTable(warehouse, dataset)
    tableName = `${connection.table.database}.${connection.table.table}`
  },
  180_000,
)

function expected(method: 'stat' | 'acled'): WarningResult {
  return computeWarning(imported, AS_OF_MS, { ...DEFAULT_WARNING_SETTINGS, method }, [])
}

const placesOf = (result: WarningResult): string[] => result.surges.map((s) => `${s.kind}:${s.place}`).sort()

async function shownPlaces(page: OpenedPage['page']): Promise<string[]> {
  const shown = await page.locator('[data-testid="surge"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-place')}`))
  return shown.sort()
}

async function connect(): Promise<OpenedPage> {
  const page = await pages.open(tableName, `&asOf=${AS_OF}`)
  await waitForCount(page, imported.size, 60_000)
  return page
}

describe('surges in warehouse mode', () => {
  it('lists the surges a file import of the same events gives, explains one from the warehouse, and switches method', async () => {
    const stat = expected('stat')
    expect(placesOf(stat)).toContain('country:VU')
    const { page } = await connect()
    await page.click('[data-testid="gauges-tab-surges"]')
    await page.locator('[data-testid="surges"]').waitFor({ timeout: 60_000 })
    expect(await shownPlaces(page)).toEqual(placesOf(stat))
    expect(await page.locator('[data-testid="surges-summary"]').textContent()).toContain(`${stat.surges.length} surges among ${stat.judged} places judged`)

    const vu = stat.surges.find((s) => s.place === 'VU')!
    const vanuatu = page.locator('[data-testid="surge"][data-place="VU"]')
    // Counts as the tab writes them: whole when they are, else to one decimal (month-precise events count in part).
    const count = (n: number): string => (n >= 100 || Math.abs(n - Math.round(n)) < 0.05 ? String(Math.round(n)) : n.toFixed(1))
    expect(await vanuatu.locator('[data-testid="surge-counts"]').textContent()).toBe(`${count(vu.observed)} events, ${count(vu.expected)} expected`)
    // "Why" asks the warehouse for the events behind the surge; one opens in the detail view.
    await vanuatu.getByRole('button', { name: 'Why' }).click()
    const events = vanuatu.locator('.surge__events li')
    await expect.poll(() => events.count(), { timeout: 30_000 }).toBeGreaterThan(0)
    await expect.poll(() => events.first().textContent()).toContain('in Vanuatu')
    await events.first().locator('button').click()
    await expect.poll(() => page.locator('[data-testid="event-detail"] h3').textContent()).toContain('in Vanuatu')

    await page.selectOption('[data-testid="surge-method"]', 'acled')
    await expect.poll(() => shownPlaces(page), { timeout: 60_000 }).toEqual(placesOf(expected('acled')))
  }, 180_000)

  it('raises a surge alert for a watched country from the warehouse, with the week and the figures', async () => {
    const vu = expected('stat').surges.find((s) => s.place === 'VU')!
    const { page } = await connect()
    const alert = await watchCountryForSurge(page, 'VU')
    await alert.waitFor({ timeout: 60_000 })
    await expect
      .poll(() => alert.textContent())
      .toContain(`surge in the week of 2025-09-29: ${Math.round(vu.observed)} events against ${vu.expected.toFixed(1)} expected (p < 0.0001)`)
  }, 180_000)
})
