import type { ThreatLevel } from '../model.ts'

/** What the default ACLED level rule looks at, from one event's row(s). */
export interface AcledLevelInput {
  readonly eventType: string
  readonly subEventType: string
  readonly fatalities: number
  /** True when ACLED's civilian_targeting column says "Civilian targeting". */
  readonly civilianTargeting: boolean
}

/** A rule that gives an ACLED event its level; pass your own to readAcled to replace the default. */
export type AcledLevelRule = (event: AcledLevelInput) => ThreatLevel

const key = (text: string): string => text.trim().toLowerCase()

/**
 * The default level of an ACLED event, first match wins:
 * 1. 10 or more reported fatalities → 5 (critical)
 * 2. an air/drone strike (or shelling/artillery/missile attack) that targets civilians → 5
 * 3. 1–9 fatalities → 4 (high)
 * 4. peaceful protest → 1 (low); protest with intervention → 2; excessive force against protesters → 3
 * 5. arrests, and the other strategic developments (agreements, changes to group activity,
 *    headquarters established, looting, non-violent transfer of territory…) → 2 (guarded)
 * 6. everything else (riots, battles, explosions/remote violence, violence against civilians)
 *    without deaths → 3 (elevated)
 * ACLED's fatality counts are conservative estimates; the rule reads them as given.
 */
export function acledDefaultLevel(event: AcledLevelInput): ThreatLevel {
  const type = key(event.eventType)
  const sub = key(event.subEventType)
  const deaths = Number.isFinite(event.fatalities) ? event.fatalities : 0
  if (deaths >= 10) return 5
  const remoteStrike = sub === 'air/drone strike' || sub === 'shelling/artillery/missile attack'
  if (remoteStrike && event.civilianTargeting) return 5
  if (deaths >= 1) return 4
  if (sub === 'peaceful protest') return 1
  if (sub === 'protest with intervention') return 2
  if (sub === 'excessive force against protesters') return 3
  if (type === 'protests') return 1
  if (sub === 'arrests' || type === 'strategic developments') return 2
  return 3
}
