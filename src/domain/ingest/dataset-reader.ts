/**
 * Reading a dataset v1 document event by event once its header has been checked: shared by
 * `openNativeJson` (zod's checks, for files a user opens) and the bundled sample's reader
 * (sample-json.ts, checked by hand). Free of zod.
 */
import type { CountryCode, RegionDef, RegionId } from '../model.ts'
import { lookupCountry } from '../regions.ts'
import type { NormaliseContext, NormaliseOutcome } from './normalise-event.ts'
import type { HeaderInput } from './sample-check.ts'
import { ResultBuilder, type ReadOutcome } from './read-outcome.ts'

export const NATIVE_JSON_FORMAT = 'json'

/** A dataset v1 document whose header has been checked, read an event at a time. */
export interface NativeJsonReader {
  readonly ok: true
  /** How many events the document lists. */
  readonly size: number
  /** Reads up to `count` more events; returns how many it read (0 once every event is read). */
  readonly readNext: (count: number) => number
  /** The outcome once every event has been read (reads any left first). */
  readonly finish: () => ReadOutcome
}

export type Unreadable = Extract<ReadOutcome, { ok: false }>

export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `not valid JSON (${message.split('\n')[0]})`
}

/** Parses a document's text (a leading byte-order mark allowed); a bare array is a dataset named `fallbackName`. */
export function parseDocument(text: string, fallbackName: string): { ok: true; doc: unknown } | Unreadable {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return { ok: false, reason: describeJsonError(error) }
  }
  return { ok: true, doc: Array.isArray(doc) ? { schemaVersion: 1, name: fallbackName, events: doc } : doc }
}

/** The one-line reason a header was refused, from its first issue. */
export function headerReason(first: { readonly path: string; readonly message: string } | undefined): string {
  const where = first && first.path !== '' ? first.path : 'document'
  return `not a Watchfloor dataset: ${where}: ${first?.message ?? 'invalid'}`
}

/** Reads the events of a checked header, each through `readRecord` (a check of its shape, then normalising). */
export function readerOf(
  header: HeaderInput,
  readRecord: (raw: unknown, row: number, ctx: NormaliseContext) => NormaliseOutcome,
): NativeJsonReader {
  const { events: rawEvents, regions: rawRegions, levelScheme, ...rest } = header
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
      const outcome = readRecord(rawEvents[next], row, ctx)
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
      // `rest` carries schemaVersion (always 1: the header's check made sure).
      const result = builder.finish(NATIVE_JSON_FORMAT, {
        ...rest,
        ...(levelScheme ? { levelScheme } : {}),
        regions: customRegions,
      })
      return { ok: true, result }
    },
  }
}
