import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint, type EndpointOptions } from '../../scripts/warehouse/chdb-endpoint.ts'
import { openPage, type OpenedPage } from './browser.ts'

/**
 * Opens `?source=clickhouse` for a warehouse table with more query parameters, signs in as the
 * analyst in the dialog the link opens, and waits until the warehouse is the live source.
 */
export async function openWarehouseView(endpointUrl: string, table: string, password: string, query = ''): Promise<OpenedPage> {
  const host = new URL(endpointUrl).host
  const opened = await openPage(`/?source=clickhouse&url=${encodeURIComponent(endpointUrl)}&table=${table}${query}`, { allowHosts: [host] })
  const { page } = opened
  await page.locator('[data-testid="warehouse-dialog"]').waitFor()
  await page.fill('[data-testid="warehouse-user"]', 'analyst')
  await page.fill('[data-testid="warehouse-password"]', password)
  await page.click('[data-testid="warehouse-connect"]')
  await expect.poll(() => page.getAttribute('[data-testid="app-root"]', 'data-source')).toBe('clickhouse')
  return opened
}

/**
 * Watches a country for surges from the Watchlist tab (any level, no rise rule) and gives the
 * locator of its surge alert in the Alerts tab.
 */
export async function watchCountryForSurge(page: OpenedPage['page'], code: string) {
  await page.click('[data-testid="gauges-tab-watchlist"]')
  await page.selectOption('[data-testid="watch-kind"]', 'country')
  await page.selectOption('[data-testid="watch-target"]', code)
  await page.selectOption('[data-testid="watch-threshold"]', '5')
  await page.fill('[data-testid="watch-rise"]', '')
  await page.click('[data-testid="watch-add"]')
  expect(await page.locator(`[data-testid="watch-item"][data-id="country:${code}"] [data-testid="watch-surge"]`).isChecked()).toBe(true)
  await page.click('[data-testid="gauges-tab-alerts"]')
  return page.locator(`[data-testid="alert"][data-item="country:${code}"]`).filter({ hasText: 'surge in the week' })
}

/**
 * A chdb endpoint for a file's tests (user `analyst` with `password`), filled by `setup`, and
 * the warehouse view each test opens with `open`: checked for page errors and closed after it.
 */
export function useWarehousePages(password: string, setup: (endpoint: ChdbEndpoint) => Promise<void>, setupTimeoutMs = 120_000, refuse?: EndpointOptions['refuse'], hold?: EndpointOptions['hold']) {
  let endpoint: ChdbEndpoint | undefined
  let opened: OpenedPage | undefined
  beforeAll(async () => {
    endpoint = await startChdbEndpoint({ user: 'analyst', password, ...(refuse ? { refuse } : {}), ...(hold ? { hold } : {}) })
    await setup(endpoint)
  }, setupTimeoutMs)
  afterAll(async () => {
    await endpoint?.close()
  })
  afterEach(async () => {
    expect(opened?.pageErrors ?? []).toEqual([])
    await opened?.close()
    opened = undefined
  })
  return {
    endpoint: (): ChdbEndpoint => endpoint!,
    open: async (table: string, query = ''): Promise<OpenedPage> => (opened = await openWarehouseView(endpoint!.url, table, password, query)),
    /** A page the test opened its own way, checked and closed after the test as the others. */
    adopt: (page: OpenedPage): OpenedPage => (opened = page),
  }
}
