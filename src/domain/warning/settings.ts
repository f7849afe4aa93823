/** Which terms the baseline model may use (baseline-model.ts). */
export interface BaselineSettings {
  /** Weeks of history before a trend is considered. */
  readonly trendMinWeeks: number
  /** Weeks of history before a yearly cycle is considered. */
  readonly seasonMinWeeks: number
  /** Events in the baseline before a trend or cycle is considered (too few cannot carry one). */
  readonly termMinEvents: number
}

export const DEFAULT_BASELINE_SETTINGS: BaselineSettings = { trendMinWeeks: 26, seasonMinWeeks: 104, termMinEvents: 20 }

/** `stat`: a fitted baseline and an upper-tail p-value; `acled`: the 4- and 52-week average rule. */
export type WarningMethod = 'stat' | 'acled'

export const WARNING_METHODS: readonly WarningMethod[] = ['stat', 'acled']

/** What is counted per week: events, or events weighted by severity (1, 2, 4, 8, 16). */
export type WarningMeasure = 'count' | 'weighted'

/** Early-warning settings; docs/early-warning.md explains each. */
export interface WarningSettings {
  readonly method: WarningMethod
  readonly measure: WarningMeasure
  /** Weeks before the judged week that the statistical baseline is fitted on (at most). */
  readonly baselineWeeks: number
  /** Weeks of data before the judged week below which a place is "too little history". */
  readonly minHistoryWeeks: number
  /** Benjamini–Hochberg false discovery rate across the places judged at once. */
  readonly falseDiscoveryRate: number
  /** A week with fewer events than this (or weighted total below this × 1) is never a surge. */
  readonly minObserved: number
  /** ACLED-style rule: the week must exceed this multiple of both the 4- and the 52-week average. */
  readonly acledRatio: number
  readonly baseline: BaselineSettings
}

export const DEFAULT_WARNING_SETTINGS: WarningSettings = {
  method: 'stat',
  measure: 'count',
  baselineWeeks: 104,
  minHistoryWeeks: 8,
  falseDiscoveryRate: 0.01,
  minObserved: 3,
  acledRatio: 2,
  baseline: DEFAULT_BASELINE_SETTINGS,
}

/** What a user may set the false discovery rate and the rule's multiple to (UI and links). */
export const FDR_RANGE = { min: 0.001, max: 0.5 } as const
export const ACLED_RATIO_RANGE = { min: 1, max: 20 } as const

/** Weeks shown after the as-of date by default. */
export const DEFAULT_FORECAST_WEEKS = 4
/** The expected band's coverage: the 10 % and 90 % quantiles. */
export const BAND_LOWER_QUANTILE = 0.1
export const BAND_UPPER_QUANTILE = 0.9
