/**
 * Reviewing draft events (read from an article, `extra.draft = true`) before they join a
 * dataset: the editable fields of a draft as text, and the edited draft in file form. Checking
 * it (schema and normalisation, which bring zod) is in draft-check.ts.
 */
import { parsePartialDate } from '../dates.ts'
import { toDatasetFile, type DatasetFileEvent } from '../export/dataset-json.ts'
import { LEVEL_LABELS, type ThreatEvent, type ThreatLevel } from '../model.ts'
import { countryByCode, lookupCountry, lookupRegion } from '../regions.ts'

/** What the analyst edits, as typed: lists are separated by ";" (or new lines). */
export interface DraftFields {
  readonly title: string
  /** ISO 8601 at the precision known: `2022`, `2022-02`, `2022-02-24`. */
  readonly date: string
  /** "1" … "5". */
  readonly threatLevel: string
  readonly countries: string
  readonly regions: string
  /** "Xi Jinping (President); China": a role in brackets after the name. */
  readonly actors: string
  readonly summary: string
  readonly sectors: string
  /** The analyst confirmed an assumed date as it is. */
  readonly dateConfirmed: boolean
}

export type DraftField = Exclude<keyof DraftFields, 'dateConfirmed'>

/** One draft as read, with what the review shows beside the fields. */
export interface Draft {
  readonly id: string
  /** The event as read, in file form: the fields not edited here are kept from it. */
  readonly base: DatasetFileEvent
  readonly fields: DraftFields
  readonly level: ThreatLevel
  /** Why the reader chose the level: the sentence stating it, or what suggested it. */
  readonly levelReason: string
  /** True when the article states no level and the reader suggested one. */
  readonly levelSuggested: boolean
  /** The article gave no date: the draft is dated the import day. */
  readonly dateAssumed: boolean
  readonly quotes: readonly { readonly speaker: string; readonly text: string }[]
}

/** Whether an event is a draft waiting for review. */
export function isDraftEvent(event: ThreatEvent): boolean {
  return event.extra?.draft === true
}

function joinList(values: readonly string[]): string {
  return values.join('; ')
}

/** Splits a typed list on ";" or new lines, dropping empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
}

function actorText(actor: ThreatEvent['actors'][number]): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name
}

/** The review's view of a draft event. */
export function draftOf(event: ThreatEvent): Draft {
  const base = toDatasetFile({ schemaVersion: 1, name: 'draft', regions: [], events: [event] }).events[0]!
  const extra = event.extra ?? {}
  return {
    id: event.id,
    base,
    fields: {
      title: event.title,
      date: event.date.text,
      threatLevel: String(event.threatLevel),
      countries: joinList(event.countries.map((code) => countryByCode(code)?.name ?? code)),
      regions: joinList(event.regions.map((id) => lookupRegion(id)?.name ?? id)),
      actors: joinList(event.actors.map(actorText)),
      summary: event.summary ?? '',
      sectors: joinList(event.sectors),
      dateConfirmed: false,
    },
    level: event.threatLevel,
    levelReason: typeof extra.levelReason === 'string' ? extra.levelReason : (event.assessment ?? ''),
    levelSuggested: extra.levelSuggested === true,
    dateAssumed: extra.dateAssumed === true,
    quotes: event.quotes,
  }
}

/**
 * Reads the actors field back: "Name (role)" entries; a name the draft already had keeps its
 * type and country, a new name that is a country becomes a state actor.
 */
export function parseActors(text: string, known: DatasetFileEvent['actors']): NonNullable<DatasetFileEvent['actors']> {
  const byName = new Map<string, Exclude<NonNullable<DatasetFileEvent['actors']>[number], string>>()
  for (const a of known ?? []) {
    const actor = typeof a === 'string' ? { name: a } : a
    byName.set(actor.name.toLowerCase(), actor)
  }
  return splitList(text).map((entry) => {
    const m = /^(.*?)\s*\(([^()]*)\)$/.exec(entry)
    const name = (m ? m[1]! : entry).trim()
    const role = m ? m[2]!.trim() : ''
    const had = byName.get(name.toLowerCase())
    const country = had ? undefined : lookupCountry(name)
    const type = had?.type ?? (country ? 'state' : 'unknown')
    const code = had?.country ?? country?.code
    return { name, type, ...(role ? { role } : {}), ...(code ? { country: code } : {}) }
  })
}

/** The edited draft in file form: the fields as typed over the event as read. */
export function draftInput(draft: Draft, fields: DraftFields): DatasetFileEvent {
  const { dateAssumed: _assumed, ...extra } = draft.base.extra ?? {}
  const dateSettled = fields.dateConfirmed || fields.date.trim() !== draft.fields.date
  const level = Number(fields.threatLevel)
  const summary = fields.summary.trim()
  return {
    ...draft.base,
    title: fields.title,
    date: fields.date,
    threatLevel: Number.isInteger(level) && fields.threatLevel.trim() !== '' ? level : fields.threatLevel,
    countries: splitList(fields.countries),
    regions: splitList(fields.regions),
    actors: parseActors(fields.actors, draft.base.actors),
    sectors: splitList(fields.sectors),
    summary: summary === '' ? undefined : summary,
    tags: (draft.base.tags ?? []).filter((t) => t !== 'draft'),
    // Reviewed: no longer a draft (a later import of it is not reviewed again), but marked as read from one.
    extra: {
      ...extra,
      draft: false,
      reviewed: true,
      ...(draft.dateAssumed ? (dateSettled ? { dateConfirmed: true } : { dateAssumed: true }) : {}),
      ...(level !== draft.level ? { draftLevel: draft.level } : {}),
    },
  }
}

/** "day precision", "year precision"…, or '' for text that is not a date. */
export function precisionOf(dateText: string): string {
  const date = parsePartialDate(dateText)
  return date ? `${date.precision} precision` : ''
}

/** "3 elevated". */
export function levelName(level: ThreatLevel): string {
  return `${level} ${LEVEL_LABELS[level]}`
}
