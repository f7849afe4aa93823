/**
 * Merging the groups of possible duplicates an analyst accepted (near-duplicates.ts suggests
 * them; nothing is merged without a person saying so). A group becomes one event: its first
 * event, carrying the sources, tags, sectors and related ids of all, the highest level, the best
 * confidence and the highest fatality count (the records describe one incident, so counts are
 * not added), and the count of records it stands for (`extra.mergedRecords`, with the ids of the
 * others in `extra.mergedEventIds`).
 */
import type { ImportResult, SourceRef, ThreatEvent, ThreatLevel } from '../model.ts'

/** What merging did: the events left (in input order) and how many events were folded away. */
export interface GroupMerge {
  readonly events: ThreatEvent[]
  /** Events folded into another one's event (each group of k merged adds k - 1). */
  readonly folded: number
  /** Groups merged (with at least two of their events present). */
  readonly groups: number
}

function union<T>(first: readonly T[], others: readonly (readonly T[])[], key: (item: T) => string): T[] {
  const out = [...first]
  const seen = new Set(first.map(key))
  for (const list of others) {
    for (const item of list) {
      const k = key(item)
      if (seen.has(k)) continue
      seen.add(k)
      out.push(item)
    }
  }
  return out
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  let best: number | undefined
  for (const v of values) if (v !== undefined && (best === undefined || v > best)) best = v
  return best
}

/** How many records an event already stands for (1 unless merged before). */
function recordsOf(event: ThreatEvent): number {
  const n = event.extra?.mergedRecords
  return typeof n === 'number' && n >= 1 ? n : 1
}

/** The first event of a group with the others folded in (see the module comment). Inputs are not changed. */
export function mergeEvents(first: ThreatEvent, others: readonly ThreatEvent[]): ThreatEvent {
  const all = [first, ...others]
  const ids = new Set<string>(all.map((e) => e.id))
  const confidence = maxOf(all.map((e) => e.confidence))
  const fatalities = maxOf(all.map((e) => e.fatalities))
  const earlierIds = typeof first.extra?.mergedEventIds === 'string' && first.extra.mergedEventIds !== '' ? [first.extra.mergedEventIds] : []
  return {
    ...first,
    threatLevel: maxOf(all.map((e) => e.threatLevel)) as ThreatLevel,
    tags: union(first.tags, others.map((e) => e.tags), (t) => t),
    sectors: union(first.sectors, others.map((e) => e.sectors), (s) => s),
    sources: union<SourceRef>(first.sources, others.map((e) => e.sources), (s) => s.url ?? s.name),
    related: union(first.related, others.map((e) => e.related), (r) => r).filter((r) => !ids.has(r)),
    ...(confidence !== undefined ? { confidence } : {}),
    ...(fatalities !== undefined ? { fatalities } : {}),
    extra: {
      ...(first.extra ?? {}),
      mergedRecords: all.reduce((n, e) => n + recordsOf(e), 0),
      mergedEventIds: [...earlierIds, ...others.map((e) => e.id)].join(' '),
    },
  }
}

/**
 * Merges each group of ids (a reviewed suggestion) into the event of its first id present.
 * Ids not among `events`, groups with fewer than two events present, and ids already taken by
 * an earlier group are skipped, so a stale or repeated group never loses an event.
 */
export function mergeGroups(events: readonly ThreatEvent[], groups: readonly (readonly string[])[]): GroupMerge {
  const index = new Map<string, number>()
  events.forEach((e, i) => {
    if (!index.has(e.id)) index.set(e.id, i)
  })
  const replaced = new Map<number, ThreatEvent>()
  const dropped = new Set<number>()
  let merged = 0
  for (const group of groups) {
    const rows = [...new Set(group)].map((id) => index.get(id)).filter((i): i is number => i !== undefined && !dropped.has(i) && !replaced.has(i))
    if (rows.length < 2) continue
    const [keep, ...fold] = rows.sort((a, b) => a - b) as [number, ...number[]]
    replaced.set(keep, mergeEvents(events[keep]!, fold.map((i) => events[i]!)))
    for (const i of fold) dropped.add(i)
    merged++
  }
  const out: ThreatEvent[] = []
  events.forEach((e, i) => {
    if (!dropped.has(i)) out.push(replaced.get(i) ?? e)
  })
  return { events: out, folded: dropped.size, groups: merged }
}

/**
 * An import's result with the reviewed groups merged: the folded events count as merged records
 * (records read = total + merged still holds), and a note says what was done.
 */
export function withGroupsMerged(result: ImportResult, groups: readonly (readonly string[])[]): ImportResult {
  if (groups.length === 0) return result
  const done = mergeGroups(result.dataset.events, groups)
  if (done.groups === 0) return result
  return {
    ...result,
    total: result.total - done.folded,
    merged: result.merged + done.folded,
    dataset: { ...result.dataset, events: done.events },
    notes: [
      ...(result.notes ?? []),
      `possible duplicates merged as reviewed: ${done.groups} ${done.groups === 1 ? 'group' : 'groups'}, ${done.folded + done.groups} events into ${done.groups}`,
    ],
  }
}
