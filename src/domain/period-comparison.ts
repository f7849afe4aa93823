import { csvTextCell } from './csv-formula-guard.ts'
import { DAY_MS, isoDay } from './dates.ts'
import type { EpochMs, ThreatLevel } from './model.ts'
import type { EventTable } from './table-types.ts'
import { indexOfTarget, type IndexSettings, type IndexSummary, type IndexTarget } from './threat-index.ts'

/** This window against the previous one for chosen targets: the period comparison table. */

export interface ComparisonRow {
  readonly target: IndexTarget
  readonly label: string
  readonly level: ThreatLevel | null
  readonly previousLevel: ThreatLevel | null
  readonly score: number
  readonly previousScore: number
  readonly events: number
  readonly previousEvents: number
  /** score − previousScore, in points. */
  readonly delta: number
}

/** One row per target, in the order given, over the rows that pass `include` (all when omitted). */
export function comparePeriods(
  table: EventTable,
  targets: readonly (IndexTarget & { readonly label: string })[],
  asOfMs: EpochMs,
  settings: IndexSettings,
  include?: (row: number) => boolean,
): ComparisonRow[] {
  return targets.map(({ label, ...target }) => comparisonRow(target, label, indexOfTarget(table, target, asOfMs, settings, include)))
}

/** One comparison row from a target's index, however it was made. */
export function comparisonRow(target: IndexTarget, label: string, index: IndexSummary): ComparisonRow {
  return {
    target,
    label,
    level: index.level,
    previousLevel: index.previousLevel,
    score: index.score,
    previousScore: index.previousScore,
    events: index.eventCount,
    previousEvents: index.previousEventCount,
    delta: index.delta,
  }
}

/**
 * One CSV cell, as every CSV export writes them (csv-formula-guard.ts): text guarded against formulas at
 * every place a spreadsheet may start a cell and quoted when a spreadsheet could split it;
 * numbers written as numbers (a negative delta stays -3, not '-3).
 */
export function csvCell(value: string | number | null): string {
  return typeof value === 'string' ? csvTextCell(value) : value === null ? '' : String(value)
}

/** The comparison as CSV (RFC 4180, CRLF line ends), with the windows spelled out in the header. */
export function comparisonCsv(rows: readonly ComparisonRow[], asOfMs: EpochMs, windowDays: number): string {
  const thisFrom = isoDay(asOfMs - windowDays * DAY_MS)
  const prevFrom = isoDay(asOfMs - 2 * windowDays * DAY_MS)
  const lastDay = isoDay(asOfMs - 1)
  const prevLast = isoDay(asOfMs - windowDays * DAY_MS - 1)
  const header = [
    'kind',
    'id',
    'name',
    `level ${thisFrom}..${lastDay}`,
    `level ${prevFrom}..${prevLast}`,
    'score',
    'previous score',
    'delta',
    'events',
    'previous events',
  ]
  const lines = [header.map(csvCell).join(',')]
  for (const r of rows) {
    lines.push(
      [r.target.kind, r.target.value, r.label, r.level, r.previousLevel, r.score, r.previousScore, r.delta, r.events, r.previousEvents]
        .map(csvCell)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
