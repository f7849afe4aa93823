/**
 * Title searches of a table whose titles are kept by another thread (`EventTable.remoteTitles`):
 * the store asks that thread for a needle's rows before it runs the engine (`resolveTitleRows`),
 * and the mask's text filter then reads them here, synchronously, as it reads an in-page search.
 * A few needles are kept per table, so that going back to an earlier search asks nothing.
 */
import type { FilterSpec } from '../filter-spec.ts'
import type { EventTable, RemoteTitles } from '../../table-types.ts'

/** Needles kept per table (each a byte per row: 1 MB at a million rows). */
const KEPT_NEEDLES = 16

const resolved = new WeakMap<RemoteTitles, Map<string, Uint8Array>>()

/** The needle the text filter of `spec` searches titles for (trimmed, lower case); '' for none. */
export function titleNeedle(spec: Pick<FilterSpec, 'text'>): string {
  return spec.text.trim().toLowerCase()
}

/** The needle `table`'s titles must be asked for before the engine can run `spec`; null when none is (in-page titles, no text, or already asked). */
export function titleSearchNeeded(table: Pick<EventTable, 'remoteTitles'>, spec: Pick<FilterSpec, 'text'>): string | null {
  const needle = titleNeedle(spec)
  if (needle === '' || table.remoteTitles === undefined) return null
  return resolved.get(table.remoteTitles)?.has(needle) === true ? null : needle
}

/** Asks `table`'s titles for the rows holding `needle` and keeps the answer for the mask. Rejects when the titles cannot be searched. */
export async function resolveTitleRows(table: Pick<EventTable, 'remoteTitles' | 'size'>, needle: string): Promise<void> {
  const titles = table.remoteTitles
  if (titles === undefined || needle === '') return
  const hits = await titles.search(needle)
  if (hits.length !== table.size) throw new Error(`the title search answered ${hits.length} rows for a table of ${table.size}`)
  let kept = resolved.get(titles)
  if (kept === undefined) resolved.set(titles, (kept = new Map()))
  kept.delete(needle)
  kept.set(needle, hits)
  // Oldest first in a Map's order: drop the oldest past the limit.
  for (const old of kept.keys()) {
    if (kept.size <= KEPT_NEEDLES) break
    kept.delete(old)
  }
}

/**
 * 1 for each row whose title holds `needle`, from the answer `resolveTitleRows` kept: a new array
 * the caller may write. Throws when it was not asked for first.
 */
export function resolvedTitleRows(titles: RemoteTitles, needle: string): Uint8Array {
  const kept = resolved.get(titles)
  const hits = kept?.get(needle)
  if (kept === undefined || hits === undefined) throw new Error(`the titles' rows for "${needle}" were not asked for before the search ran`)
  // Read again: the newest, so the search on screen is the last to be dropped.
  kept.delete(needle)
  kept.set(needle, hits)
  return hits.slice()
}
