import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'
import { openPage, type OpenedPage } from './browser.ts'

/** How many events of the bundled dataset the domain code accepts: what the app must show. */
function acceptedSampleEvents(): number {
  const outcome = readNativeJson(readFileSync(new URL('../../public/data/sample.json', import.meta.url), 'utf8'))
  if (!outcome.ok) throw new Error(`public/data/sample.json cannot be read: ${outcome.reason}`)
  return outcome.result.dataset.events.length
}

let opened: OpenedPage | undefined
afterEach(async () => {
  await opened?.close()
  opened = undefined
})

describe('smoke', () => {
  it('opens the dashboard on the bundled dataset, error-free and offline', async () => {
    const expected = acceptedSampleEvents()
    expect(expected).toBeGreaterThan(0)
    opened = await openPage('/')
    const { page } = opened
    const count = page.locator('[data-testid="event-count"]')
    await count.waitFor({ state: 'visible' })
    // The count may read 0 while the dataset loads; wait for the loaded figure.
    await expect
      .poll(async () => Number((await count.textContent())?.replace(/[,\s\u202f]/g, '')), { timeout: 15_000 })
      .toBe(expected)
    expect(opened.consoleErrors).toEqual([])
    expect(opened.pageErrors).toEqual([])
    expect(opened.outsideRequests).toEqual([])
  })
})
