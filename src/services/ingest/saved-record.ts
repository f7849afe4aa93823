/**
 * What a saved dataset record must hold to be read: records come from IndexedDB, where an older
 * version, another tab or a damaged profile may have left anything.
 */
import type { SavedDataset } from '../../lib/storage/workspace-db.ts'

/** An input's saved text: a Blob, or a string (datasets saved before inputs were Blobs). */
function isInputText(value: unknown): value is string | Blob {
  return typeof value === 'string' || (typeof Blob !== 'undefined' && value instanceof Blob)
}

export function isSavedDataset(value: unknown): value is SavedDataset {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  const inputsOk =
    r.inputs === undefined ||
    (Array.isArray(r.inputs) &&
      r.inputs.every(
        (i: unknown) =>
          typeof i === 'object' &&
          i !== null &&
          isInputText((i as Record<string, unknown>).text) &&
          typeof (i as Record<string, unknown>).name === 'string' &&
          typeof (i as Record<string, unknown>).format === 'string' &&
          Array.isArray((i as Record<string, unknown>).overrides),
      ))
  return typeof r.id === 'string' && typeof r.name === 'string' && typeof r.json === 'string' && typeof r.savedAtMs === 'number' && inputsOk
}
