import type { CountryCode, RegionDef, RegionId } from '../model.ts'
import { lookupCountry } from '../regions.ts'
import { datasetHeaderSchema } from '../schema.ts'
import { normaliseRecord } from './normalise.ts'
import { ResultBuilder, unreadable, type ReadOutcome } from './read-outcome.ts'

export const NATIVE_JSON_FORMAT = 'json'

function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `not valid JSON (${message.split('\n')[0]})`
}

/**
 * Reads a dataset v1 JSON document. A bare array of events is read as a dataset named
 * `fallbackName`. Events are checked one by one: a bad event is rejected with its reasons and
 * the rest are kept. Unreadable input (not JSON, wrong schemaVersion, no events array) gives
 * `ok: false` with a one-line reason. Never throws.
 */
export function readNativeJson(text: string, fallbackName = 'Untitled dataset'): ReadOutcome {
  let doc: unknown
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return unreadable(describeJsonError(error))
  }
  if (Array.isArray(doc)) doc = { schemaVersion: 1, name: fallbackName, events: doc }
  const header = datasetHeaderSchema.safeParse(doc)
  if (!header.success) {
    const first = header.error.issues[0]
    const where = first && first.path.length > 0 ? first.path.join('.') : 'document'
    return unreadable(`not a Watchfloor dataset: ${where}: ${first?.message ?? 'invalid'}`)
  }
  const { events: rawEvents, regions: rawRegions, levelScheme, ...rest } = header.data
  const customRegions: RegionDef[] = (rawRegions ?? []).map((r) => ({
    id: r.id as RegionId,
    name: r.name,
    countries: r.countries.map((c) => lookupCountry(c)?.code).filter((c): c is CountryCode => c !== undefined),
  }))
  const ctx = { levelScheme: levelScheme ?? 'watchfloor', customRegions }
  const builder = new ResultBuilder()
  rawEvents.forEach((raw, index) => {
    const row = index + 1
    const outcome = normaliseRecord(raw, row, ctx)
    if (outcome.ok) builder.accept(outcome.event, row, outcome.warnings)
    else builder.reject(row, outcome.issues)
  })
  // `rest` carries schemaVersion (always 1: the header schema checked it).
  const result = builder.finish(NATIVE_JSON_FORMAT, {
    ...rest,
    ...(levelScheme ? { levelScheme } : {}),
    regions: customRegions,
  })
  return { ok: true, result }
}
