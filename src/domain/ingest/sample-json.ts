/**
 * The reader of the app's bundled sample: a dataset v1 document read as `openNativeJson` reads
 * it, its header and events checked by hand (sample-check.ts) rather than by zod, so that the
 * start-up path loads no zod. Files a user opens keep `openNativeJson`.
 */
import { headerReason, type NativeJsonReader, parseDocument, readerOf, type Unreadable } from './dataset-reader.ts'
import { normaliseEvent, type NormaliseContext, type NormaliseOutcome } from './normalise-event.ts'
import { checkDatasetHeader, checkEventInput } from './sample-check.ts'

/** Checks one record's shape by hand, then normalises it as every reader does. Never throws. */
export function readSampleRecord(raw: unknown, row: number, ctx: NormaliseContext): NormaliseOutcome {
  const checked = checkEventInput(raw)
  if (!checked.ok) return { ok: false, issues: checked.issues.map((issue) => ({ row, ...issue })) }
  return normaliseEvent(checked.value, row, ctx)
}

/** Opens the sample's text for reading event by event; unreadable text gives a one-line reason. Never throws. */
export function openSampleJson(text: string, fallbackName = 'Untitled dataset'): NativeJsonReader | Unreadable {
  const parsed = parseDocument(text, fallbackName)
  if (!parsed.ok) return parsed
  const header = checkDatasetHeader(parsed.doc)
  if (!header.ok) {
    const first = header.issues[0]
    return { ok: false, reason: headerReason(first && { path: first.field === '(record)' ? '' : first.field, message: first.message }) }
  }
  return readerOf(header.value, readSampleRecord)
}
