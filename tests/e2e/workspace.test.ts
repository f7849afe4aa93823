import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { countOf, waitForCount } from './sample.ts'
import { openPage, type OpenedPage } from './browser.ts'

const FIXTURES = fileURLToPath(new URL('../fixtures/csv/', import.meta.url))
const CSV = readFileSync(`${FIXTURES}hundred-ten-bad.csv`, 'utf8')

let opened: OpenedPage | undefined
afterEach(async () => {
  expect(opened?.pageErrors ?? []).toEqual([])
  expect(opened?.consoleErrors ?? []).toEqual([])
  await opened?.close()
  opened = undefined
})

/** What the workspace database holds: each saved dataset's id and how each input is stored. */
interface StoredInput {
  readonly name: string
  readonly kind: string
  readonly size: number
  readonly text: string
}

function storedDatasets(page: Page): Promise<{ id: string; name: string; inputs: StoredInput[] }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('watchfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('datasets').objectStore('datasets').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = async () => {
            const records = all.result as { id: string; name: string; inputs: { name: string; text: string | Blob }[] }[]
            const described = await Promise.all(
              records.map(async (r) => ({
                id: r.id,
                name: r.name,
                inputs: await Promise.all(
                  r.inputs.map(async (i) =>
                    typeof i.text === 'string'
                      ? { name: i.name, kind: 'string', size: i.text.length, text: i.text }
                      : { name: i.name, kind: i.text instanceof File ? 'File' : 'Blob', size: i.text.size, text: await i.text.text() },
                  ),
                ),
              })),
            )
            open.result.close()
            resolve(described)
          }
        }
      }),
  )
}

/** Waits for the save that follows a commit (it runs after the data is painted). */
async function waitForSaves(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName('watchfloor:workspace-saved').length >= n, count)
}

async function pickFile(page: Page, name: string, path = `${FIXTURES}${name}`): Promise<void> {
  await page.click('[data-testid="import-open"]')
  await page.locator('[data-testid="import-file"]').setInputFiles(path)
  await page.locator('[data-testid="import-confirm"]').waitFor()
}

describe('the saved workspace', () => {
  it('keeps a copy of an imported file: a reload restores it after the file is deleted, Delete removes it', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    const sampleCount = await countOf(page)
    const folder = mkdtempSync(join(tmpdir(), 'watchfloor-'))
    const picked = join(folder, 'hundred-ten-bad.csv')
    copyFileSync(`${FIXTURES}hundred-ten-bad.csv`, picked)
    await pickFile(page, 'hundred-ten-bad.csv', picked)
    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 90)
    await waitForSaves(page, 1)

    const [record, ...others] = await storedDatasets(page)
    expect(others).toEqual([])
    // The file's bytes, not the File: the browser would store only a reference to the file on disk.
    expect(record!.inputs).toEqual([{ name: 'hundred-ten-bad.csv', kind: 'Blob', size: Buffer.byteLength(CSV), text: CSV }])

    rmSync(folder, { recursive: true })
    await page.reload()
    await waitForCount(page, 90)
    expect(await page.locator('header').first().textContent()).toContain('hundred-ten-bad')

    await page.click('[data-testid="import-open"]')
    const listed = page.locator('[data-testid="saved-dataset"]')
    await expect.poll(() => listed.count()).toBe(1)
    expect(await listed.getAttribute('data-active')).toBe('true')
    await page.click('[aria-label="Delete hundred-ten-bad"]')
    await expect.poll(() => listed.count()).toBe(0)
    expect(await storedDatasets(page)).toEqual([])
    // Nothing active is left to restore: the next start shows the sample.
    await page.reload()
    await waitForCount(page, sampleCount)
  })

  it('restores a dataset saved with its input as text, and a merge into it stores both inputs as Blobs', async () => {
    opened = await openPage('/')
    const { page } = opened
    await expect.poll(() => countOf(page)).toBeGreaterThan(0)
    // A record as saved before inputs were Blobs: the CSV's text.
    await page.evaluate(
      (text) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('watchfloor')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const tx = open.result.transaction(['datasets', 'settings'], 'readwrite')
            tx.objectStore('datasets').put({
              id: 'ds-text',
              name: 'Saved as text',
              savedAtMs: Date.UTC(2026, 0, 5),
              eventCount: 90,
              origin: 'hundred-ten-bad.csv',
              json: '',
              inputs: [{ name: 'hundred-ten-bad.csv', text, format: 'csv', overrides: [] }],
            })
            tx.objectStore('settings').put('ds-text', 'workspace.active')
            tx.oncomplete = () => {
              open.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      CSV,
    )
    await page.reload()
    await waitForCount(page, 90)
    expect(await page.locator('header').first().textContent()).toContain('Saved as text')
    // Once restored, the record is stored again with its input as a Blob: the same bytes.
    await expect.poll(async () => (await storedDatasets(page))[0]?.inputs.map((i) => i.kind)).toEqual(['Blob'])
    expect((await storedDatasets(page))[0]!.inputs[0]!.text).toBe(CSV)

    await pickFile(page, 'two-rows-one-clash.csv')
    await page.click('[data-testid="import-mode-merge"]')
    await page.click('[data-testid="import-confirm"]')
    await waitForCount(page, 91)
    await waitForSaves(page, 1)
    const [record, ...others] = await storedDatasets(page)
    expect(others).toEqual([])
    expect(record!.id).toBe('ds-text')
    const clash = readFileSync(`${FIXTURES}two-rows-one-clash.csv`, 'utf8')
    expect(record!.inputs).toEqual([
      // The text, stored again as a Blob of its UTF-8 bytes (the CSV has Cyrillic and Chinese titles).
      { name: 'hundred-ten-bad.csv', kind: 'Blob', size: Buffer.byteLength(CSV), text: CSV },
      { name: 'two-rows-one-clash.csv', kind: 'Blob', size: Buffer.byteLength(clash), text: clash },
    ])

    await page.reload()
    await waitForCount(page, 91)
    await page.fill('[data-testid="filter-text"]', 'Replaced title')
    await waitForCount(page, 1)
  })
})
