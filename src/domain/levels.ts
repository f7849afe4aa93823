import type { LevelScheme, ThreatLevel } from './model.ts'

/**
 * Watchfloor's own labels and their synonyms. "medium" and "moderate" are elevated (3), as the
 * seed article's "assessed as medium" is; "severe" and "extreme" are critical (5).
 */
const WATCHFLOOR_LABELS: Readonly<Record<string, ThreatLevel>> = {
  low: 1,
  minimal: 1,
  guarded: 2,
  elevated: 3,
  medium: 3,
  moderate: 3,
  high: 4,
  critical: 5,
  severe: 5,
  extreme: 5,
}

/** UK JTAC terrorism threat levels: LOW, MODERATE, SUBSTANTIAL, SEVERE, CRITICAL. */
const UK_JTAC: Readonly<Record<string, ThreatLevel>> = {
  low: 1,
  moderate: 2,
  substantial: 3,
  severe: 4,
  critical: 5,
}

/** US Homeland Security Advisory System (2002–2011), by label or colour. */
const HSAS: Readonly<Record<string, ThreatLevel>> = {
  low: 1,
  green: 1,
  guarded: 2,
  blue: 2,
  elevated: 3,
  yellow: 3,
  high: 4,
  orange: 4,
  severe: 5,
  red: 5,
}

/** US National Terrorism Advisory System: a bulletin, an elevated alert, an imminent alert. */
const NTAS: Readonly<Record<string, ThreatLevel>> = {
  none: 1,
  bulletin: 2,
  elevated: 3,
  'elevated alert': 3,
  imminent: 5,
  'imminent alert': 5,
}

const LABEL_TABLES: Readonly<Record<LevelScheme, Readonly<Record<string, ThreatLevel>>>> = {
  watchfloor: WATCHFLOOR_LABELS,
  'uk-jtac': UK_JTAC,
  hsas: HSAS,
  ntas: NTAS,
  defcon: {},
  goldstein: {},
}

export const LEVEL_SCHEMES: readonly LevelScheme[] = ['watchfloor', 'uk-jtac', 'hsas', 'ntas', 'defcon', 'goldstein']

/**
 * Goldstein scale (−10 most conflictual … +10 most cooperative) to a level:
 * ≥ 0 → 1, [−3, 0) → 2, [−6, −3) → 3, (−9, −6) → 4, ≤ −9 → 5.
 */
export function levelFromGoldstein(goldstein: number): ThreatLevel {
  if (goldstein >= 0) return 1
  if (goldstein >= -3) return 2
  if (goldstein >= -6) return 3
  if (goldstein > -9) return 4
  return 5
}

function isLevel(n: number): n is ThreatLevel {
  return Number.isInteger(n) && n >= 1 && n <= 5
}

/**
 * Reads a level as a source gave it (number, numeric string or label) under a scheme.
 * Returns null when the value is not a level on that scheme; callers report that as an issue.
 */
export function parseThreatLevel(value: unknown, scheme: LevelScheme = 'watchfloor'): ThreatLevel | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value))) {
    const n = Number(value)
    if (!Number.isFinite(n)) return null
    if (scheme === 'goldstein') return n >= -10 && n <= 10 ? levelFromGoldstein(n) : null
    if (scheme === 'defcon') return isLevel(n) ? ((6 - n) as ThreatLevel) : null
    return isLevel(n) ? n : null
  }
  if (typeof value !== 'string') return null
  const key = value.trim().toLowerCase().replace(/\s+/g, ' ')
  const table = LABEL_TABLES[scheme]
  // Own keys only: 'constructor' or '__proto__' must not read Object.prototype.
  const direct = Object.hasOwn(table, key) ? table[key] : undefined
  if (direct !== undefined) return direct
  if (scheme === 'defcon') {
    const m = /^defcon ?([1-5])$/.exec(key)
    return m ? ((6 - Number(m[1])) as ThreatLevel) : null
  }
  return null
}
