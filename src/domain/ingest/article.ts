import { isoDay } from '../dates.ts'
import type { Actor, CountryCode, EpochMs, ImportIssue } from '../model.ts'
import { countryByCode } from '../regions.ts'
import type { EventInput } from '../schema.ts'
import { leadingDate, findDates, type FoundDate } from './article-dates.ts'
import {
  findCountries,
  findOrganisations,
  findPeople,
  findQuotes,
  findRegions,
  findSectors,
  sentences,
} from './article-entities.ts'
import { htmlToText, looksLikeHtml } from './article-html.ts'
import { ASSOCIATED_PLACES, findDateline, findPlaceCountries, NAMED_PLACES, regionsConsistentWith, type Dateline } from './article-places.ts'
import { explicitLevel, suggestLevel, type ArticleLevel } from './article-level.ts'
import { structureArticle } from './article-text.ts'
import { normaliseEvent } from './normalise-event.ts'
import { ResultBuilder, unreadable, type ReadOutcome } from './read-outcome.ts'

export const ARTICLE_FORMAT = 'article'

export interface ReadArticleOptions {
  /**
   * The import time: the date of a draft when the article gives none (flagged as assumed). When
   * it is not a finite number either, such an article's event is rejected.
   */
  readonly now: EpochMs
  /** Where the article came from (a file name); named as the event's source. */
  readonly fileName?: string
}

const CONTEXT = { levelScheme: 'watchfloor', customRegions: [] } as const

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '')
}

function stateActors(codes: readonly CountryCode[]): Actor[] {
  return codes.map((code) => ({ name: countryByCode(code)?.name ?? code, type: 'state' as const, country: code }))
}

function mergeActors(...lists: Actor[][]): EventInput['actors'] {
  const out: Actor[] = []
  for (const a of lists.flat()) if (!out.some((b) => b.name === a.name)) out.push(a)
  return out.map((a) => ({ name: a.name, type: a.type, ...(a.role ? { role: a.role } : {}), ...(a.country ? { country: a.country } : {}) }))
}

function levelExtra(level: ArticleLevel): Record<string, string | boolean> {
  return level.suggested ? { levelSuggested: true, levelReason: level.reason } : { levelReason: level.reason }
}

/** A dateline's date: as given, or with the import year when it gives only month and day. */
function datelineDateOf(dateline: Dateline | undefined, now: number): { date: FoundDate; yearAssumed: boolean } | undefined {
  if (!dateline?.dateText) return undefined
  const yearAssumed = !/\d{4}$/.test(dateline.dateText)
  if (yearAssumed && !Number.isFinite(now)) return undefined
  const text = yearAssumed ? `${dateline.dateText.replace(/\.$/, '')}, ${new Date(now).getUTCFullYear()}` : dateline.dateText
  const date = findDates(text.replace(/^(\w{3})\w*\.?/, (m) => FULL_MONTHS.get(m.slice(0, 3)) ?? m))[0]
  return date ? { date, yearAssumed } : undefined
}

const FULL_MONTHS = new Map(
  ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map((m) => [m.slice(0, 3), m]),
)

/** The first clause of a timeline line: "Russia invades Ukraine, leading to…" → "Russia invades Ukraine". */
function clauseTitle(text: string): string {
  const clause = text.split(/,\s|;\s|\.\s|\s[–—]\s/)[0]!.replace(/\.$/, '').trim()
  return clause.length > 140 ? `${clause.slice(0, 137)}…` : clause
}

/**
 * Reads a news article (plain text or HTML) into draft events for an analyst to review: the
 * headline event (dated by the lead's first absolute date; the import day, flagged
 * `extra.dateAssumed`, when the article gives none), plus one event per dated line of a timeline
 * list whose date differs from the headline event's ("2022: Russia invades Ukraine" is a
 * year-precision event). People with roles, states and organisations become actors; countries
 * come from the headline (else the lead) and the people's countries; regions are those the
 * article names; sectors, quotes with speakers and a stated threat level ("assessed as medium")
 * are kept, or a level is suggested with its reason. Every event carries `extra.draft = true`.
 * No network; never throws.
 */
export function readArticle(text: string, options: ReadArticleOptions): ReadOutcome {
  const html = looksLikeHtml(text) ? htmlToText(text) : undefined
  // A page with a title and no text (a web app's shell, a server's fallback page) is not an article.
  if (html && html.text.trim() === '') return unreadable('an HTML page with no article text in it (only a title)')
  const body = html ? html.text : text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const article = structureArticle(body, html?.title)
  if (!article.headline && !article.lead) return unreadable('not an article: no headline or paragraph of prose found')
  // The lead's first sentence, else (a lead that opens with a bare ".") the lead itself: never empty.
  const firstSentence = article.lead?.split(/(?<=[.!?])\s/)[0]!.slice(0, 140).replace(/[.]$/, '').trim()
  const headline = article.headline ?? (firstSentence || article.lead!.slice(0, 140).trim())
  const fullText = article.paragraphs.join('\n\n')
  const allSentences = article.paragraphs.flatMap(sentences)
  const people = findPeople(fullText)
  const lead = article.lead ?? ''
  const dateline = findDateline(lead)
  const source = {
    name: options.fileName?.split(/[\\/]/).pop() ?? article.kicker ?? 'Pasted article',
    ...(html?.url ? { url: html.url } : {}),
  }
  const builder = new ResultBuilder()
  const warnings: ImportIssue[] = []
  const common = { draft: true, ...(article.kicker ? { kicker: article.kicker } : {}) }

  // The headline event.
  const datelineDate = datelineDateOf(dateline, options.now)
  const leadDate = findDates(lead)[0] ?? datelineDate?.date ?? findDates(fullText)[0]
  if (!leadDate && !Number.isFinite(options.now)) {
    builder.reject(1, [{ row: 1, field: 'date', message: 'no date in the article and no import date to assume' }])
    return { ok: true, result: builder.finish(ARTICLE_FORMAT, { schemaVersion: 1, name: headline, regions: [] }) }
  }
  const date = leadDate?.iso ?? isoDay(options.now)
  if (!leadDate) {
    warnings.push({ row: 1, field: 'date', message: `no date in the article; dated the import day ${date} for the analyst to confirm` })
  }
  const headlineCountries = findCountries(headline)
  const headlinePlaces = findPlaceCountries(headline, NAMED_PLACES)
  const peopleInLead = people.filter((p) => lead.includes(p.name) || headline.includes(p.name))
  const countries = [
    ...new Set([
      // Places the headline names outright, else the lead's; then those the headline implies
      // ("Iranian vessels", "Hezbollah fighters"), the dateline's and the people's.
      ...(headlinePlaces.length > 0 ? headlinePlaces : findPlaceCountries(lead)),
      ...findPlaceCountries(headline, ASSOCIATED_PLACES),
      ...(dateline?.country ? [dateline.country] : []),
      ...peopleInLead.flatMap((p) => (p.country ? [p.country] : [])),
    ]),
  ]
  // Regions follow the countries: a region word the countries contradict is not the story's.
  const regions = regionsConsistentWith(findRegions(fullText), countries)
  const level = explicitLevel(allSentences) ?? suggestLevel(`${headline}. ${lead}`)
  const main: EventInput = {
    id: `article-${date}-${slug(headline)}`,
    title: headline,
    ...(lead ? { summary: lead } : {}),
    tags: ['draft'],
    sectors: findSectors(fullText),
    date,
    threatLevel: level.threatLevel,
    ...(level.sourceLevel ? { sourceLevel: level.sourceLevel } : {}),
    actors: mergeActors(peopleInLead, stateActors(headlineCountries), findOrganisations(`${headline} ${lead}`)),
    countries,
    regions,
    ...(level.suggested ? {} : { assessment: level.reason }),
    quotes: findQuotes(article.paragraphs, people),
    sources: [source],
    extra: {
      ...common,
      ...levelExtra(level),
      ...(leadDate ? {} : { dateAssumed: true }),
      ...(dateline ? { dateline: dateline.place } : {}),
      ...(datelineDate && leadDate === datelineDate.date ? { dateFrom: 'dateline', ...(datelineDate.yearAssumed ? { dateYearAssumed: true } : {}) } : {}),
    },
  }
  const events: EventInput[] = [main]

  // One event per dated timeline line, unless it is the headline event again.
  for (const line of article.bullets) {
    const dated = leadingDate(line)
    if (!dated || dated.date.iso === date) continue
    const title = clauseTitle(dated.rest)
    const titleCountries = findPlaceCountries(title)
    // Only a country named outright acts as a state: "Houthis" place a story in Yemen, not Yemen's state.
    const titleStates = findCountries(title)
    const lineLevel = suggestLevel(dated.rest)
    events.push({
      id: `article-${dated.date.iso}-${slug(title)}`,
      title,
      summary: dated.rest,
      tags: ['draft', 'timeline'],
      date: dated.date.iso,
      threatLevel: lineLevel.threatLevel,
      actors: mergeActors(people.filter((p) => dated.rest.includes(p.name)), stateActors(titleStates), findOrganisations(dated.rest)),
      countries: titleCountries.length > 0 ? titleCountries : findPlaceCountries(dated.rest),
      sources: [source],
      extra: { ...common, timeline: true, ...levelExtra(lineLevel) },
    })
  }

  events.forEach((input, index) => {
    const row = index + 1
    const outcome = normaliseEvent(input, row, CONTEXT)
    if (outcome.ok) builder.accept(outcome.event, row, [...(row === 1 ? warnings : []), ...outcome.warnings])
    else builder.reject(row, outcome.issues)
  })
  const result = builder.finish(ARTICLE_FORMAT, {
    schemaVersion: 1,
    name: headline,
    source: source.name,
    description: 'Draft events read from an article; review before use',
    regions: [],
  })
  const note = article.dropped > 0 ? [{ row: 0, field: '(text)', message: `${article.dropped} boilerplate lines dropped (related links, product plugs, share prompts)` }] : []
  return { ok: true, result: { ...result, warnings: [...result.warnings, ...note] } }
}
