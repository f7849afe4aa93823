import { rowsInInputOrder, titleAt } from '../table.ts'
import { type EventTable } from '../table-types.ts'

/** A saved view (`.watchfloor.json`): the query string that reopens it and a fingerprint of its data. */
export interface ViewFile {
  readonly kind: 'watchfloor-view'
  readonly version: 1
  readonly savedAt: string
  /** The query string: filters, as-of and map view (as in a copied link). */
  readonly search: string
  readonly data: { readonly name: string; readonly events: number; readonly hash: string }
}

/**
 * A fingerprint of a table's events: FNV-1a (32-bit) over each row's title, start, end and level,
 * in input order, as 8 hex digits. Equal data gives an equal hash; it is a change detector, not a
 * cryptographic digest.
 */
export function dataHash(table: Pick<EventTable, 'titles' | 'sourceRow' | 'size' | 'startMs' | 'endMs' | 'level'>): string {
  let h = 0x811c9dc5
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
  }
  // Input order, as the data was given: the stored (newest-first) order is derived from it.
  const rows = rowsInInputOrder(table)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    mix(`${titleAt(table, row)}\u0000${table.startMs[row]}\u0000${table.endMs[row]}\u0000${table.level[row]}\u0001`)
  }
  return h.toString(16).padStart(8, '0')
}

/** What a view file says of the data it was made on: how many events, and their fingerprint (dataHash). */
export interface DataIdentity {
  readonly events: number
  readonly hash: string
}

export function buildViewFile(search: string, data: DataIdentity, datasetName: string, savedAt: string): ViewFile {
  return {
    kind: 'watchfloor-view',
    version: 1,
    savedAt,
    search,
    data: { name: datasetName, events: data.events, hash: data.hash },
  }
}

/** Reads a saved view; null when the text is not one (wrong kind, version or shape). */
export function parseViewFile(text: string): ViewFile | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const data = v.data as Record<string, unknown> | undefined
  if (v.kind !== 'watchfloor-view' || v.version !== 1 || typeof v.search !== 'string') return null
  if (!data || typeof data.hash !== 'string' || typeof data.events !== 'number' || typeof data.name !== 'string') return null
  const search = v.search.startsWith('?') || v.search === '' ? v.search : `?${v.search}`
  return {
    kind: 'watchfloor-view',
    version: 1,
    savedAt: typeof v.savedAt === 'string' ? v.savedAt : '',
    search,
    data: { name: data.name, events: data.events, hash: data.hash },
  }
}

/** Why the saved view's data differs from the loaded data, or null when it is the same. */
export function viewDataWarning(file: ViewFile, data: DataIdentity, datasetName: string): string | null {
  if (file.data.hash === data.hash) return null
  return `This view was saved on different data ("${file.data.name}", ${file.data.events} events); the loaded data is "${datasetName}" with ${data.events} events, so counts may differ.`
}
