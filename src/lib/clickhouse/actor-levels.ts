import type { Facet } from '../../domain/engine/views-engine.ts'
import type { ThreatLevel } from '../../domain/model.ts'

/**
 * The actor facet by level: for each actor, how many matching events it takes part in at each
 * level (the level filter aside). The facet for any set of levels is summed from it in the tab,
 * so a level toggle asks the warehouse nothing for the actors.
 */
export interface ActorLevels {
  readonly actors: readonly string[]
  /** Events per actor and level: index actor * 5 + (level - 1). */
  readonly counts: Uint32Array
}

/** One (actor, level) group as the warehouse answers it. */
export interface ActorLevelRow {
  readonly actor: string
  readonly level: number
  readonly n: number
}

export function actorLevelsOf(rows: readonly ActorLevelRow[]): ActorLevels {
  const codes = new Map<string, number>()
  for (const r of rows) if (!codes.has(r.actor)) codes.set(r.actor, codes.size)
  const counts = new Uint32Array(codes.size * 5)
  for (const r of rows) if (r.level >= 1 && r.level <= 5) counts[codes.get(r.actor)! * 5 + r.level - 1]! += Number(r.n)
  return { actors: [...codes.keys()], counts }
}

const utf8 = new TextEncoder()

/** Byte-wise order of the strings' UTF-8, as the warehouse orders strings. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/**
 * The facet for `levels` (every level when empty): each actor with events at those levels, its
 * count and highest level, most events first, then by name as the warehouse orders names, at
 * most `limit` — what the warehouse's own facet query answers for the same filter.
 */
export function facetOfLevels(by: ActorLevels, levels: readonly ThreatLevel[], limit: number): Facet {
  const on = [1, 2, 3, 4, 5].map((l) => levels.length === 0 || levels.includes(l as ThreatLevel))
  const found: { actor: string; bytes: Uint8Array; n: number; max: number }[] = []
  by.actors.forEach((actor, a) => {
    let n = 0
    let max = 0
    for (let l = 0; l < 5; l++) {
      const c = by.counts[a * 5 + l]!
      if (!on[l] || c === 0) continue
      n += c
      max = l + 1
    }
    if (n > 0) found.push({ actor, bytes: utf8.encode(actor), n, max })
  })
  found.sort((x, y) => y.n - x.n || compareBytes(x.bytes, y.bytes))
  const kept = found.slice(0, limit)
  return { values: kept.map((f) => f.actor), counts: Uint32Array.from(kept, (f) => f.n), maxLevel: Uint8Array.from(kept, (f) => f.max) }
}
