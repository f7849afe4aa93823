import { KeptTitles } from '../../../src/domain/engine/local/kept-titles.ts'
import { packedColumn } from '../../../src/domain/string-column.ts'
import type { EventTable, RemoteTitles } from '../../../src/domain/table-types.ts'

/** Remote titles answered by a KeptTitles in this thread (the worker's code), a task later; asks counted. */
export interface FakeRemoteTitles extends RemoteTitles {
  readonly kept: KeptTitles
  searches: string[]
  /** When set, searches wait for `release()` (or fail with `fail(reason)`). */
  hold: boolean
  release(): void
  fail(reason: string): void
}

export function fakeRemoteTitles(kept: KeptTitles): FakeRemoteTitles {
  let waiting: { resolve: () => void; reject: (e: Error) => void }[] = []
  const gate = (): Promise<void> => (remote.hold ? new Promise((resolve, reject) => waiting.push({ resolve, reject })) : new Promise((resolve) => setTimeout(resolve, 0)))
  const remote: FakeRemoteTitles = {
    kept,
    searches: [],
    hold: false,
    release: () => {
      const w = waiting
      waiting = []
      w.forEach((x) => x.resolve())
    },
    fail: (reason) => {
      const w = waiting
      waiting = []
      w.forEach((x) => x.reject(new Error(reason)))
    },
    search: async (needle) => {
      remote.searches.push(needle)
      await gate()
      return kept.search(needle)
    },
    read: async (rows) => kept.read(rows),
    hash: async (table) => kept.hash(table),
  }
  return remote
}

/** `table` with its titles taken off the page and kept by a fake worker, as an import's are. */
export function withKeptTitles(table: EventTable): EventTable & { remoteTitles: FakeRemoteTitles } {
  const remoteTitles = fakeRemoteTitles(new KeptTitles(packedColumn(table.titles)))
  return { ...table, titles: [], remoteTitles }
}
