import { DAY_MS } from '../../dates.ts'
import type { EpochMs } from '../../model.ts'
import type { EventTable } from '../../table-types.ts'
import { defaultAsOf, type IndexSettings } from '../../threat-index.ts'
import type { FilterSpec } from '../filter-spec.ts'
import type { AsOfSetting, IndexWindow, IndexWindowMode } from '../views-engine.ts'

/**
 * The data's default as-of per table: a pass over every row, so it is made once per table
 * (tables are never mutated) rather than on every filter change.
 */
const latestAsOf = new WeakMap<EventTable, EpochMs>()

function latestOf(table: EventTable): EpochMs {
  let ms = latestAsOf.get(table)
  if (ms === undefined) {
    ms = defaultAsOf(table)
    latestAsOf.set(table, ms)
  }
  return ms
}

/**
 * The as-of instant in force. "Latest" means the end of the latest event's day — or the end of
 * the time filter when one is set and ends earlier, so that narrowing the time range to 2024
 * shows the threat as it stood at the end of 2024.
 */
export function resolveAsOf(table: EventTable, setting: AsOfSetting, nowMs: EpochMs, filter?: FilterSpec): EpochMs {
  switch (setting.mode) {
    case 'latest': {
      const latest = latestOf(table)
      const rangeEnd = filter?.timeRange?.toMs
      return rangeEnd !== undefined && rangeEnd < latest ? rangeEnd : latest
    }
    case 'today':
      return nowMs
    case 'fixed':
      return setting.ms
  }
}

/** The window the gauges and the map score, and the index settings that score it. */
export interface Scoring {
  readonly window: IndexWindow
  /** The window's end: the instant the index is taken at. */
  readonly asOfMs: EpochMs
  readonly settings: IndexSettings
}

/**
 * The scoring window for a request (see IndexWindowMode): the time range up to the as-of when the
 * mode is 'range', a range is set and the as-of is "latest"; else the rolling window. A range that
 * starts after the data's as-of is scored whole. Over a range N times the usual window the
 * half-life is N times as long and the summed weight is divided by N (docs/threat-index.md).
 */
export function scoringFor(
  filter: FilterSpec,
  setting: AsOfSetting,
  mode: IndexWindowMode,
  asOfMs: EpochMs,
  settings: IndexSettings,
): Scoring {
  const range = filter.timeRange
  if (range === null || mode === 'rolling' || setting.mode !== 'latest') {
    return { window: { fromMs: asOfMs - settings.windowDays * DAY_MS, toMs: asOfMs, byRange: false }, asOfMs, settings }
  }
  const toMs = asOfMs > range.fromMs ? asOfMs : range.toMs
  const windowDays = (toMs - range.fromMs) / DAY_MS
  // The half-life stretches with the window, and the summed weight is taken per usual window, so
  // a three-year range scores like its average month rather than its last fortnight, or 100.
  const stretch = windowDays / settings.windowDays
  return {
    window: { fromMs: range.fromMs, toMs, byRange: true },
    asOfMs: toMs,
    settings: { ...settings, windowDays, halfLifeDays: settings.halfLifeDays * stretch, weightScale: 1 / stretch },
  }
}
