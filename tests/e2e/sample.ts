/**
 * The bundled dataset as the domain code reads it outside the browser, and the dashboard's
 * event count as a test reads it: what most e2e tests compare the app against.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { buildEventTable } from '../../src/domain/build-table.ts'
import { computeMask } from '../../src/domain/engine/local/mask.ts'
import { EMPTY_FILTER, type FilterSpec } from '../../src/domain/engine/filter-spec.ts'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'
import type { EventTable } from '../../src/domain/table-types.ts'
import type { OpenedPage } from './browser.ts'

/** public/data/sample.json built into a table, as the app builds it. */
export const sample: EventTable = (() => {
  const outcome = readNativeJson(readFileSync(new URL('../../public/data/sample.json', import.meta.url), 'utf8'))
  if (!outcome.ok) throw new Error(`public/data/sample.json cannot be read: ${outcome.reason}`)
  return buildEventTable(outcome.result.dataset)
})()

/** How many sample events a filter lets through, computed by the domain code. */
export function expectedCount(filter: Partial<FilterSpec>): number {
  return computeMask(sample, { ...EMPTY_FILTER, ...filter }).filter((m) => m === 0).length
}

function pageOf(target: Page | OpenedPage): Page {
  return 'page' in target ? target.page : target
}

/** The number in the header's `event-count`. */
export async function countOf(target: Page | OpenedPage): Promise<number> {
  const text = await pageOf(target).locator('[data-testid="event-count"]').textContent()
  return Number(text?.replace(/\D/g, ''))
}

/** Waits until the header's count reads `expected` (the data may still be loading). */
export async function waitForCount(target: Page | OpenedPage, expected: number, timeoutMs = 20_000): Promise<void> {
  await expect.poll(() => countOf(target), { timeout: timeoutMs }).toBe(expected)
}
