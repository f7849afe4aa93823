import { DAY_MS } from '../../../domain/dates.ts'
import type { EpochMs } from '../../../domain/model.ts'

export interface TimePreset {
  readonly id: string
  readonly label: string
  readonly days: number | null
}

export const TIME_PRESETS: readonly TimePreset[] = [
  { id: '7d', label: '7 d', days: 7 },
  { id: '30d', label: '30 d', days: 30 },
  { id: '90d', label: '90 d', days: 90 },
  { id: '1y', label: '1 y', days: 365 },
  { id: 'all', label: 'All', days: null },
]

/** The range a preset stands for: the `days` before the as-of instant. */
export function presetRange(preset: TimePreset, asOfMs: EpochMs): { fromMs: EpochMs; toMs: EpochMs } | null {
  return preset.days === null ? null : { fromMs: asOfMs - preset.days * DAY_MS, toMs: asOfMs }
}

/** The preset a range equals, if any. */
export function activePreset(
  range: { fromMs: EpochMs; toMs: EpochMs } | null,
  asOfMs: EpochMs,
): TimePreset | undefined {
  return TIME_PRESETS.find((p) => {
    const r = presetRange(p, asOfMs)
    return r === null ? range === null : range !== null && r.fromMs === range.fromMs && r.toMs === range.toMs
  })
}
