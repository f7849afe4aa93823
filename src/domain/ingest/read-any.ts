import type { EpochMs, ThreatEvent } from '../model.ts'
import { readAcled } from './acled.ts'
import { readArticle } from './article.ts'
import { readCsv } from './csv.ts'
import type { DateOrder } from './date-order.ts'
import { detectFormat, type ImportFormat } from './detect.ts'
import { readGdelt } from './gdelt.ts'
import { readNativeJson } from './native-json.ts'
import { unreadable, type ReadOutcome } from './read-outcome.ts'
import { readStix } from './stix.ts'

export interface ReadAnyOptions {
  /** The format to read; 'auto' or absent detects it from the content. */
  readonly format?: ImportFormat | 'auto'
  /** Where the text came from: a hint for detection and the name of a dataset that has none. */
  readonly fileName?: string
  /** The import time (ms since the epoch): the assumed date of an article that gives none. */
  readonly now?: EpochMs
  /** GDELT: mentions tables to join to the events (read-many.ts gathers them). */
  readonly mentions?: readonly string[]
  /** GDELT: merge duplicate records by GDELT's rule. */
  readonly dedupe?: boolean
  /** CSV: the order of dates with slashes; detected from the file when absent (date-order.ts). */
  readonly dateOrder?: DateOrder
}

/** `reports/march.json` → `march`; the name given to a bare array of events. */
function datasetNameOf(fileName: string | undefined): string | undefined {
  const base = fileName?.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '').trim()
  return base ? base : undefined
}

/** Why text detected as prose is refused when nobody asked for an article. */
export const NOT_DATA =
  'not recognised as data: the text is not a dataset, a table or a feed, and reads as no news (it names no date, place or actor, and no threat or event). To read it as an article anyway, choose “article” as its format'

/**
 * Whether an article's reading found anything of news in it: a date in the text, a place, an
 * actor, or words of a threat or an event (a level stated, or suggested above 1 by
 * article-level.ts). Plain words ("hello world, this is a test") find none, and would otherwise
 * become an event dated today.
 */
function readsAsNews(events: readonly ThreatEvent[]): boolean {
  return events.some(
    (e) =>
      e.extra?.dateAssumed !== true ||
      e.countries.length > 0 ||
      e.regions.length > 0 ||
      e.actors.length > 0 ||
      e.extra?.levelSuggested !== true ||
      e.threatLevel > 1,
  )
}

/**
 * Reads text in any supported format, detecting it unless told. Input whose format cannot be
 * told, or whose importer cannot read it, gives `ok: false` with a one-line reason; so does prose
 * detected as an article that names nothing of news (NOT_DATA), unless 'article' is
 * asked for. Never throws.
 */
export function readAny(text: string, options: ReadAnyOptions = {}): ReadOutcome {
  if (!/[^\s\ufeff]/.test(text)) return unreadable('empty input: there is nothing to read')
  const format = !options.format || options.format === 'auto' ? detectFormat(text, options.fileName) : options.format
  if (format === null) {
    return unreadable(
      'unknown format: expected a Watchfloor dataset (JSON), CSV, ACLED, GDELT, a STIX 2.1 bundle or article text',
    )
  }
  switch (format) {
    case 'json':
      return readNativeJson(text, datasetNameOf(options.fileName))
    case 'csv':
      return readCsv(text, { name: datasetNameOf(options.fileName) ?? 'CSV import', ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) })
    case 'acled':
      return readAcled(text, { name: datasetNameOf(options.fileName) ?? 'ACLED export' })
    case 'gdelt':
      return readGdelt(text, {
        name: datasetNameOf(options.fileName) ?? 'GDELT events',
        ...(options.mentions ? { mentions: options.mentions } : {}),
        ...(options.dedupe ? { dedupe: true } : {}),
      })
    case 'stix':
      return readStix(text, datasetNameOf(options.fileName) ?? 'STIX bundle')
    case 'article': {
      const outcome = readArticle(text, { now: options.now ?? Number.NaN, ...(options.fileName ? { fileName: options.fileName } : {}) })
      // Detected, not chosen: prose that names nothing of news is not data.
      const chosen = options.format === 'article'
      return chosen || !outcome.ok || readsAsNews(outcome.result.dataset.events) ? outcome : unreadable(NOT_DATA)
    }
  }
}
