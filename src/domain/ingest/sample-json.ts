/**
 * The reader of the app's bundled sample: a dataset v1 document read as `openNativeJson` reads
 * it, its header and events checked by hand (sample-check.ts) rather than by zod, so that the
 * start-up path loads no zod. Files a user opens keep `openNativeJson`.
 */
import { describeJsonError, headerReason, type NativeJsonReader, parseDocument, readerOf, type Unreadable } from './dataset-reader.ts'
import { normaliseEvent, type NormaliseContext, type NormaliseOutcome } from './normalise-event.ts'
import { checkDatasetHeader, checkEventInput } from './sample-check.ts'
import { joinSample } from './sample-parts.ts'

/** Checks one record's shape by hand, then normalises it as every reader does. Never throws. */
export function readSampleRecord(raw: unknown, row: number, ctx: NormaliseContext): NormaliseOutcome {
  const checked = checkEventInput(raw)
  if (!checked.ok) return { ok: false, issues: checked.issues.map((issue) => ({ row, ...issue })) }
  return normaliseEvent(checked.value, row, ctx)
}

/** Opens a parsed document for reading event by event; a bad header gives a one-line reason. Never throws. */
function openSampleDoc(doc: unknown): NativeJsonReader | Unreadable {
  const header = checkDatasetHeader(doc)
  if (!header.ok) {
    const first = header.issues[0]
    return { ok: false, reason: headerReason(first && { path: first.field === '(record)' ? '' : first.field, message: first.message }) }
  }
  return readerOf(header.value, readSampleRecord)
}

/** Opens the sample's text for reading event by event; unreadable text gives a one-line reason. Never throws. */
export function openSampleJson(text: string, fallbackName = 'Untitled dataset'): NativeJsonReader | Unreadable {
  const parsed = parseDocument(text, fallbackName)
  return parsed.ok ? openSampleDoc(parsed.doc) : parsed
}

/** The sample's panels' part, open for reading, and how to open the whole events once its details' part is at hand. */
export interface SamplePanels {
  readonly ok: true
  readonly reader: NativeJsonReader
  /** The whole document (the panels' part joined with `detailsText`), open for reading; a mismatch gives a one-line reason. */
  readonly withDetails: (detailsText: string) => NativeJsonReader | Unreadable
}

/** Opens the panels' part of the sample (sample-parts.ts); unreadable text gives a one-line reason. Never throws. */
export function openSamplePanels(text: string, fallbackName = 'Untitled dataset'): SamplePanels | Unreadable {
  const parsed = parseDocument(text, fallbackName)
  if (!parsed.ok) return parsed
  const reader = openSampleDoc(parsed.doc)
  if (!reader.ok) return reader
  const panels = parsed.doc as Record<string, unknown>
  const withDetails = (detailsText: string): NativeJsonReader | Unreadable => {
    let details: unknown
    try {
      details = JSON.parse(detailsText)
    } catch (error) {
      return { ok: false, reason: `the sample's details are ${describeJsonError(error)}` }
    }
    const joined = joinSample(panels, details)
    return joined.ok ? openSampleDoc(joined.doc) : joined
  }
  return { ok: true, reader, withDetails }
}
