import { levelFromGoldstein } from '../levels.ts'
import type { ThreatLevel } from '../model.ts'

/**
 * The default GDELT level: the Goldstein score read on Watchfloor's scale (≥ 0 → 1,
 * [−3, 0) → 2, [−6, −3) → 3, (−9, −6) → 4, ≤ −9 → 5), then kept within what the event's
 * QuadClass says it is: material conflict (4) is at least 3, verbal conflict (3) at least 2, and
 * verbal or material cooperation (1, 2) at most 2. Without a usable Goldstein score the
 * QuadClass alone decides: 1 for cooperation, 2 for verbal and 3 for material conflict.
 */
export function gdeltLevel(goldstein: number | undefined, quadClass: number | undefined): ThreatLevel {
  const floor: ThreatLevel = quadClass === 4 ? 3 : quadClass === 3 ? 2 : 1
  if (goldstein === undefined || !Number.isFinite(goldstein) || goldstein < -10 || goldstein > 10) return floor
  const level = Math.max(levelFromGoldstein(goldstein), floor) as ThreatLevel
  return quadClass === 1 || quadClass === 2 ? (Math.min(level, 2) as ThreatLevel) : level
}
