/**
 * What a saved dataset record must hold to be read: records come from IndexedDB, where an older
 * version, another tab or a damaged profile may have left anything.
 */
import { parseReadChoices } from '../../domain/ingest/read-choices.ts'
import type { SavedDataset } from '../../lib/storage/workspace-db.ts'

/** An input's saved text: a Blob, or a string (datasets saved before inputs were Blobs). */
function isInputText(value: unknown): value is string | Blob {
  return typeof value === 'string' || (typeof Blob !== 'undefined' && value instanceof Blob)
}

/** A companion (an input read together with another): a name and its text. */
function isCompanion(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  return typeof c.name === 'string' && isInputText(c.text)
}

function isInput(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const i = value as Record<string, unknown>
  const companionsOk = i.companions === undefined || (Array.isArray(i.companions) && i.companions.every(isCompanion))
  return isInputText(i.text) && typeof i.name === 'string' && typeof i.format === 'string' && Array.isArray(i.overrides) && companionsOk && parseReadChoices(i.choices) !== null
}

export function isSavedDataset(value: unknown): value is SavedDataset {
  if (typeof value !== 'object' || value === null) return false
  const r = value as Record<string, unknown>
  const inputsOk = r.inputs === undefined || (Array.isArray(r.inputs) && r.inputs.every(isInput))
  return typeof r.id === 'string' && typeof r.name === 'string' && typeof r.json === 'string' && typeof r.savedAtMs === 'number' && inputsOk
}
