import type { CountryCode, RegionDef, RegionId } from '../model.ts'
import { lookupCountry } from '../regions.ts'
import { datasetHeaderSchema } from '../schema.ts'
import { normaliseRecord } from './normalise.ts'
import { ResultBuilder, type ReadOutcome } from './read-outcome.ts'

export const NATIVE_JSON_FORMAT = 'json'

function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `not valid JSON (${message.split('\n')[0]})`
}

type Unreadable = Extract<ReadOutcome, { ok: false }>

/** A dataset v1 document whose header has been checked, read an event at a time (`openNativeJson`). */
export interface NativeJsonReader {
  readonly ok: true
  /** How many events the document lists. */
  readonly size: number
  /** Reads up to `count` more events; returns how many it read (0 once every event is read). */
  readonly readNext: (count: number) => number
  /** The outcome once every event has been read (reads any left first). */
  readonly finish: () => ReadOutcome
}

/**
 * Opens a dataset v1 JSON document for reading event by event, so that a caller can read a long
 * one in slices (the app reads its sample a few milliseconds at a time, between which the page
 * stays responsive). Unreadable input gives what `readNativeJson` gives. Never throws.
 */
export function openNativeJson(text: string, fallbackName = 'Untitled dataset'): NativeJsonReader | Unreadable {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return { ok: false, reason: describeJsonError(error) }
  }
  if (Array.isArray(doc)) doc = { schemaVersion: 1, name: fallbackName, events: doc }
  const header = datasetHeaderSchema.safeParse(doc)
  if (!header.success) {
    const first = header.error.issues[0]
    const where = first && first.path.length > 0 ? first.path.join('.') : 'document'
    return { ok: false, reason: `not a Watchfloor dataset: ${where}: ${first?.message ?? 'invalid'}` }
  }
  const { events: rawEvents, regions: rawRegions, levelScheme, ...rest } = header.data
  const customRegions: RegionDef[] = (rawRegions ?? []).map((r) => ({
    id: r.id as RegionId,
    name: r.name,
    countries: r.countries.map((c) => lookupCountry(c)?.code).filter((c): c is CountryCode => c !== undefined),
  }))
  const ctx = { levelScheme: levelScheme ?? 'watchfloor', customRegions }
  const builder = new ResultBuilder()
  let next = 0
  const readNext = (count: number): number => {
    const end = Math.min(rawEvents.length, next + count)
    const from = next
    for (; next < end; next++) {
      const row = next + 1
      const outcome = normaliseRecord(rawEvents[next], row, ctx)
      if (outcome.ok) builder.accept(outcome.event, row, outcome.warnings)
      else builder.reject(row, outcome.issues)
    }
    return end - from
  }
  return {
    ok: true,
    size: rawEvents.length,
    readNext,
    finish: () => {
      readNext(rawEvents.length)
      // `rest` carries schemaVersion (always 1: the header schema checked it).
      const result = builder.finish(NATIVE_JSON_FORMAT, {
        ...rest,
        ...(levelScheme ? { levelScheme } : {}),
        regions: customRegions,
      })
      return { ok: true, result }
    },
  }
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
