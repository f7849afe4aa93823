/**
 * The workspace database (IndexedDB `watchfloor`) as e2e tests read and plant it, inside the
 * page: settings by key, and a damaged dataset record made the active one.
 */
import type { Page } from 'playwright-core'

/** A setting as stored (undefined when absent). */
export function readSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('watchfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get(k)
          get.onsuccess = () => {
            open.result.close()
            resolve(get.result)
          }
          get.onerror = () => reject(get.error)
        }
      }),
    key,
  )
}

/** Stores a record no version reads (`{ id: 'broken', name: 42, inputs: 'not a list' }`) as the active dataset. */
export function plantDamagedRecord(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('watchfloor')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction(['datasets', 'settings'], 'readwrite')
          tx.objectStore('datasets').put({ id: 'broken', name: 42, inputs: 'not a list' })
          tx.objectStore('settings').put('broken', 'workspace.active')
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
  )
}
