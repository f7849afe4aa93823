import type { EventRef } from '../../../domain/engine/views-engine.ts'
import type { ThreatEvent, ThreatLevel } from '../../../domain/model.ts'
import { levelLabel } from '../../../ui/level-style.ts'

/** Events a point's hover card names: the nearest, then up to three more under the pointer. */
export const CARD_EVENTS = 4

/** The events drawn one by one under the pointer, nearest first. */
export interface PointsHit {
  readonly refs: readonly EventRef[]
  readonly level: number
  readonly approximate: boolean
}

export interface EventCard {
  readonly title: string
  readonly lines: readonly string[]
}

/**
 * The hover card of a points hit: its first event's title, the others' titles, and what a click
 * does. `events` are those of the hit's first CARD_EVENTS refs, in order; null while they are
 * being read (the card then says so, and names the level, which the drawn point already gives).
 */
export function eventCardOf(hit: PointsHit, events: readonly ThreatEvent[] | null): EventCard {
  const lines = [`Level ${hit.level} ${levelLabel(hit.level as ThreatLevel)}${hit.approximate ? ' · approximate position' : ''}`]
  const [first, ...others] = events ?? []
  for (const event of others) lines.push(event.title)
  if (hit.refs.length > CARD_EVENTS) lines.push(`and ${hit.refs.length - CARD_EVENTS} more`)
  lines.push(hit.refs.length > 1 ? 'Click to open the first' : 'Click to open')
  return { title: events === null ? 'Reading the event…' : (first?.title ?? ''), lines }
}

/** Says which hit a card was read for: the same refs under the pointer read the same card. */
export function cardKeyOf(hit: PointsHit): string {
  return `${hit.refs.slice(0, CARD_EVENTS).join(',')}/${hit.refs.length}`
}
