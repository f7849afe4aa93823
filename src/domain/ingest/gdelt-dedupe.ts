/**
 * GDELT's merge rule for duplicate records. GDELT de-duplicates only identical records, so one
 * incident reported by many articles is often several events. Records with the same day
 * (SQLDATE), the same two actor codes, the same CAMEO root event code and the same action
 * location (ActionGeo_FeatureID, else its coordinates) are one incident: they become the event of
 * the first record (in file order), with the sources and mentions of all and the count of
 * records merged. Records without an action location are never merged: "the same place" cannot
 * be told.
 */
import type { EventInput } from '../schema.ts'

/** A record read from an events file, before it is normalised. */
export interface GdeltRecord {
  readonly row: number
  /** The merge key (gdeltMergeKey), '' when the record cannot be merged. */
  readonly key: string
  input: EventInput
}

export interface MergeKeyParts {
  readonly sqlDate: string
  readonly actor1Code: string
  readonly actor2Code: string
  readonly eventRootCode: string
  readonly featureId: string
  readonly lat: string
  readonly lon: string
}

/** The merge key of a record: '' when it has no action location. */
export function gdeltMergeKey(p: MergeKeyParts): string {
  const place = p.featureId !== '' ? `f:${p.featureId}` : p.lat !== '' && p.lon !== '' ? `p:${p.lat},${p.lon}` : ''
  if (place === '') return ''
  return [p.sqlDate, p.actor1Code, p.actor2Code, p.eventRootCode, place].join('\u0000')
}

type Extra = Record<string, string | number | boolean>

function sumExtra(into: Extra, from: Readonly<Extra> | undefined, key: string): void {
  const a = into[key]
  const b = from?.[key]
  if (typeof b !== 'number') return
  into[key] = (typeof a === 'number' ? a : 0) + b
}

/** The representative's input with the sources, counts and mentions of `others` folded in. */
function mergeInputs(first: EventInput, others: readonly EventInput[]): EventInput {
  const extra: Extra = { ...(first.extra ?? {}) }
  const sources = [...(first.sources ?? [])]
  const seen = new Set(sources.map((s) => s.url ?? s.name))
  let confidence = first.confidence
  let level = typeof first.threatLevel === 'number' ? first.threatLevel : undefined
  const ids: string[] = []
  for (const other of others) {
    for (const key of ['numMentions', 'numSources', 'numArticles', 'mentionCount']) sumExtra(extra, other.extra, key)
    for (const source of other.sources ?? []) {
      const key = source.url ?? source.name
      if (seen.has(key)) continue
      seen.add(key)
      sources.push(source)
    }
    if (other.confidence !== undefined) confidence = Math.max(confidence ?? 0, other.confidence)
    if (typeof other.threatLevel === 'number') level = Math.max(level ?? 0, other.threatLevel)
    const id = other.extra?.globalEventId
    if (typeof id === 'string') ids.push(id)
  }
  extra.mergedRecords = others.length + 1
  extra.mergedEventIds = ids.join(' ')
  return {
    ...first,
    sources,
    ...(confidence !== undefined ? { confidence } : {}),
    ...(level !== undefined ? { threatLevel: level } : {}),
    extra,
  }
}

export interface MergeOutcome {
  /** The row numbers of records folded into an earlier record's event. */
  readonly mergedRows: ReadonlySet<number>
  /** Events that absorbed others, and records merged into them. */
  readonly events: number
  readonly records: number
}

/**
 * Applies the merge rule to `records` in place: each group's first record takes the others'
 * sources and counts (extra.mergedRecords, extra.mergedEventIds); the rows of the others are
 * returned so that the reader counts them as merged, not as events.
 */
export function mergeGdeltDuplicates(records: readonly GdeltRecord[]): MergeOutcome {
  const groups = new Map<string, GdeltRecord[]>()
  for (const record of records) {
    if (record.key === '') continue
    const group = groups.get(record.key)
    if (group) group.push(record)
    else groups.set(record.key, [record])
  }
  const mergedRows = new Set<number>()
  let events = 0
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const [first, ...others] = group
    first!.input = mergeInputs(first!.input, others.map((r) => r.input))
    for (const other of others) mergedRows.add(other.row)
    events++
  }
  return { mergedRows, events, records: mergedRows.size }
}
