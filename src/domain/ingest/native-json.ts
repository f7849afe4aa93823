import { datasetHeaderSchema } from '../schema.ts'
import { headerReason, type NativeJsonReader, parseDocument, readerOf, type Unreadable } from './dataset-reader.ts'
import { normaliseRecord } from './normalise.ts'
import type { ReadOutcome } from './read-outcome.ts'

/**
 * Opens a dataset v1 JSON document for reading event by event, so that a caller can read a long
 * one in slices. Unreadable input gives what `readNativeJson` gives. Never throws.
 */
export function openNativeJson(text: string, fallbackName = 'Untitled dataset'): NativeJsonReader | Unreadable {
  const parsed = parseDocument(text, fallbackName)
  if (!parsed.ok) return parsed
  const header = datasetHeaderSchema.safeParse(parsed.doc)
  if (!header.success) {
    const first = header.error.issues[0]
    return { ok: false, reason: headerReason(first && { path: first.path.join('.'), message: first.message }) }
  }
  return readerOf(header.data, normaliseRecord)
}

/**
 * Reads a dataset v1 JSON document. A bare array of events is read as a dataset named
 * `fallbackName`. Events are checked one by one: a bad event is rejected with its reasons and
 * the rest are kept. Unreadable input (not JSON, wrong schemaVersion, no events array) gives
 * `ok: false` with a one-line reason. Never throws.
 */
export function readNativeJson(text: string, fallbackName = 'Untitled dataset'): ReadOutcome {
  const reader = openNativeJson(text, fallbackName)
  return reader.ok ? reader.finish() : reader
}
