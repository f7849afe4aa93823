/**
 * A text search of a table whose titles are kept by an import's worker: the worker is asked for
 * the rows whose titles hold the needle (`resolveTitleRows`) before the engine runs the filter, so
 * that the engine's filter path stays synchronous. Meanwhile the search field is busy
 * (`titleSearch`), the other filters apply at once, and a newer search supersedes an older one.
 */
import type { FilterSpec } from '../domain/engine/filter-spec.ts'
import { resolveTitleRows, titleSearchNeeded } from '../domain/engine/local/title-rows.ts'
import type { EventTable } from '../domain/table-types.ts'

/** A search asked of the worker that keeps the titles: under way, or failed with a reason. */
export interface TitleSearch {
  /** The search text as typed. */
  readonly text: string
  /** Why the titles could not be searched; null while the search is under way. */
  readonly failed: string | null
}

/** The needle to ask the table's titles for before running `filter`; null when the engine can run it now. */
export function pendingTitleSearch(table: EventTable, remote: unknown, filter: FilterSpec): string | null {
  return remote === null ? titleSearchNeeded(table, filter) : null
}

/** The stores' latest search asked; an answer to an older one is not applied. */
const latest = new WeakMap<object, number>()

/**
 * Asks `table`'s titles for `needle` on behalf of the store `owner`: resolves to whether the answer
 * is still wanted (no newer search was asked or set since) and, when the titles could not be
 * searched, why.
 */
export async function askTitles(owner: object, table: EventTable, needle: string): Promise<{ current: boolean; failed: string | null }> {
  const ticket = (latest.get(owner) ?? 0) + 1
  latest.set(owner, ticket)
  let failed: string | null = null
  try {
    await resolveTitleRows(table, needle)
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error)
  }
  return { current: latest.get(owner) === ticket, failed }
}

/** Any search under way for `owner` is superseded (a search set or cleared that needs no asking). */
export function supersedeTitleSearch(owner: object): void {
  latest.set(owner, (latest.get(owner) ?? 0) + 1)
}
