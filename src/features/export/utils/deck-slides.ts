import { bucketLabel } from '../../../domain/date-labels.ts'
import { DAY_MS } from '../../../domain/dates.ts'
import type { Views } from '../../../domain/engine/views-engine.ts'
import { UNIT_ADJECTIVE } from '../../../domain/export/picture/timeline-chart.ts'
import { spanWords, windowWords } from '../../../domain/export/picture/titles.ts'
import { LEVEL_LABELS, THREAT_LEVELS, type ThreatLevel } from '../../../domain/model.ts'
import type { ComparisonRow } from '../../../domain/period-comparison.ts'
import { countryByCode, lookupRegion } from '../../../domain/regions.ts'
import { bucketSpan, chooseBucketUnit, type BucketUnit } from '../../../domain/timeline/buckets.ts'
import type { CountryCode } from '../../../domain/model.ts'
import type { DeckChart, DeckTable } from '../../../lib/export/pptx.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import type { TimelineChartData } from '../../../domain/export/picture/timeline-chart.ts'

/** Most columns a slide's timeline has: readable labels on a projected slide. */
export const DECK_MAX_COLUMNS = 60

const round2 = (n: number): number => Math.round(n * 100) / 100


/**
 * The timeline as a native stacked column chart: a column per bucket (at most DECK_MAX_COLUMNS),
 * a series per level holding that level's events in each bucket (events with imprecise dates
 * spread over their days, as the panel draws them).
 */
export function timelineChart(data: TimelineChartData): { chart: DeckChart; unit: BucketUnit } {
  const unit = chooseBucketUnit((data.span.toMs - data.span.fromMs) / DAY_MS, DECK_MAX_COLUMNS)
  const buckets = bucketSpan(data.counts, data.span, unit)
  return {
    unit,
    chart: {
      kind: 'chart',
      direction: 'col',
      stacked: true,
      categories: buckets.map((b) => bucketLabel(b.startMs, unit)),
      series: THREAT_LEVELS.map((l) => ({
        name: `${l} ${LEVEL_LABELS[l]}`,
        values: buckets.map((b) => round2(b.exact[l - 1]! + b.spread[l - 1]!)),
        colour: LEVEL_COLOURS[l],
      })),
      valueTitle: 'Events',
      valueRange: { min: 0 },
    },
  }
}

export function timelineCaption(unit: BucketUnit, data: TimelineChartData): string {
  return `Events by level, ${UNIT_ADJECTIVE[unit]}, ${spanWords(data.span)}`
}

/** Top countries by matching events, as horizontal bars (a country filter's own countries only, when set). */
export function topCountriesChart(views: Views, passes: (code: string) => boolean, limit = 10): DeckChart {
  const { values, counts } = views.countries
  const rows = values
    .map((code, i) => ({ code, count: counts[i]! }))
    .filter((r) => r.count > 0 && passes(r.code))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
  return {
    kind: 'chart',
    direction: 'bar',
    stacked: false,
    // PowerPoint draws bar categories from the bottom up: the largest goes last to sit on top.
    categories: rows.map((r) => countryByCode(r.code as CountryCode)?.name ?? r.code).reverse(),
    series: [{ name: 'Matching events', values: rows.map((r) => r.count).reverse(), colour: '#0969DA' }],
    valueTitle: 'Matching events',
    valueRange: { min: 0 },
  }
}

export interface GaugeRow {
  readonly name: string
  readonly level: ThreatLevel | null
  readonly score: number
  readonly previousScore: number
}

/** The gauges' scores now and in the previous window, as clustered horizontal bars. */
export function gaugesChart(rows: readonly GaugeRow[], windowDays: number): DeckChart {
  const shown = [...rows].reverse()
  return {
    kind: 'chart',
    direction: 'bar',
    stacked: false,
    categories: shown.map((r) => `${r.name} (${r.level === null ? 'no recent activity' : `${r.level} ${LEVEL_LABELS[r.level]}`})`),
    series: [
      { name: `Score, last ${windowDays} days`, values: shown.map((r) => r.score), colour: '#D55E00' },
      { name: `Score, ${windowDays} days before`, values: shown.map((r) => r.previousScore), colour: '#9AA3B2' },
    ],
    valueTitle: 'Score (0–100)',
    valueRange: { min: 0, max: 100 },
  }
}

const levelWords = (l: ThreatLevel | null): string => (l === null ? 'none' : `${l} ${LEVEL_LABELS[l]}`)
const signed = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(1)}`

/** Regions ordered by how far their score moved, largest first; unchanged ones left out. */
export function biggestMovers(rows: readonly ComparisonRow[], limit = 10): ComparisonRow[] {
  return rows
    .filter((r) => r.delta !== 0 || r.events !== r.previousEvents)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || b.events - a.events || a.label.localeCompare(b.label))
    .slice(0, limit)
}

/** "What changed": this window against the previous one, the biggest movers first. */
export function changesTable(rows: readonly ComparisonRow[]): DeckTable {
  return {
    kind: 'table',
    header: ['Region', 'Level now', 'Level before', 'Score now', 'Score before', 'Change', 'Events now', 'Events before'],
    rows: rows.map((r) => [r.label, levelWords(r.level), levelWords(r.previousLevel), r.score.toFixed(1), r.previousScore.toFixed(1), signed(r.delta), String(r.events), String(r.previousEvents)]),
    shares: [0.22, 0.12, 0.12, 0.1, 0.1, 0.1, 0.12, 0.12],
  }
}

/** The comparison's window in words: "30 days to 4 Nov 2025 against the 30 days before". */
export function changesCaption(windowDays: number, asOfMs: number): string {
  return `${windowWords(windowDays, asOfMs)} against the ${windowDays} days before`
}

/** Region ids with matching events that pass the place filters, for the comparison. */
export function comparedRegions(views: Views, regionFilter: readonly string[], custom: Parameters<typeof lookupRegion>[1]): string[] {
  const { values, counts } = views.regions
  const ids = values.filter((id, i) => counts[i]! > 0 && (regionFilter.length === 0 || regionFilter.includes(id)))
  return ids.filter((id) => lookupRegion(id, custom) !== undefined)
}
