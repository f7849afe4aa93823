/**
 * Possible duplicates in any source: events on the same date, at the same place, with the same
 * actors, whose titles are nearly the same. They are suggested for review, never merged
 * silently: two protests in one city on one day may well be two events.
 */
import type { ThreatEvent } from '../model.ts'

/** Titles whose word sets overlap at least this much (Jaccard index) are "nearly the same". */
export const TITLE_SIMILARITY = 0.8

/** Locations closer than this (degrees, about 1 km at the equator) are the same place. */
const PLACE_GRID_DEG = 0.01

export interface DuplicateSuggestion {
  /** The ids of the events that look like one, in input order: the first would be kept. */
  readonly ids: readonly string[]
  readonly titles: readonly string[]
  /** The lowest title similarity between the first and the others (0–1). */
  readonly similarity: number
}

function words(title: string): Set<string> {
  return new Set(title.toLowerCase().normalize('NFKD').match(/[\p{L}\p{N}]+/gu) ?? [])
}

/** Jaccard index of two word sets: |A ∩ B| / |A ∪ B|. */
export function titleSimilarity(a: string, b: string): number {
  const x = words(a)
  const y = words(b)
  if (x.size === 0 && y.size === 0) return 1
  let shared = 0
  for (const w of x) if (y.has(w)) shared++
  return shared / (x.size + y.size - shared)
}

function placeKey(e: ThreatEvent): string {
  if (e.location) return `p:${Math.round(e.location.latDeg / PLACE_GRID_DEG)},${Math.round(e.location.lonDeg / PLACE_GRID_DEG)}`
  return `c:${[...e.countries].sort().join(',')}|${[...e.regions].sort().join(',')}`
}

function blockKey(e: ThreatEvent): string {
  const actors = e.actors.map((a) => a.name.toLowerCase()).sort().join('|')
  return `${e.date.text}\u0000${placeKey(e)}\u0000${actors}`
}

/**
 * Groups of events that look like one incident: the same date (as given, precision included),
 * the same place (coordinates within about 1 km, else the same countries and regions), the same
 * actors (by name), and titles at least TITLE_SIMILARITY alike to the group's first. O(n) to
 * block, then pairwise within a block (blocks are small). Events are not changed.
 */
export function suggestDuplicates(events: readonly ThreatEvent[], minSimilarity = TITLE_SIMILARITY): DuplicateSuggestion[] {
  const blocks = new Map<string, ThreatEvent[]>()
  for (const e of events) {
    const key = blockKey(e)
    const block = blocks.get(key)
    if (block) block.push(e)
    else blocks.set(key, [e])
  }
  const suggestions: DuplicateSuggestion[] = []
  for (const block of blocks.values()) {
    if (block.length < 2) continue
    const taken = new Set<number>()
    for (let i = 0; i < block.length; i++) {
      if (taken.has(i)) continue
      const first = block[i]!
      const group = [first]
      let lowest = 1
      for (let j = i + 1; j < block.length; j++) {
        if (taken.has(j)) continue
        const similarity = titleSimilarity(first.title, block[j]!.title)
        if (similarity < minSimilarity) continue
        taken.add(j)
        group.push(block[j]!)
        lowest = Math.min(lowest, similarity)
      }
      if (group.length > 1) suggestions.push({ ids: group.map((e) => e.id), titles: group.map((e) => e.title), similarity: lowest })
    }
  }
  return suggestions
}
