/**
 * GDELT 2.0 mentions tables (`*.mentions.CSV`): one row per time an event was mentioned in an
 * article, 16 tab-separated columns, no header (GDELT 2.0 Event Database codebook, "Mentions
 * table"). They name no events of their own, so they are read only to enrich an events file.
 */

export const MENTIONS_COLUMNS = 16

/** Zero-based positions of the mention fields read. */
const COL = { globalEventId: 0, eventTimeDate: 1, mentionTimeDate: 2, mentionType: 3, sourceName: 4, identifier: 5, confidence: 11 } as const

/** MentionType 1 is a web page (MentionIdentifier is its URL); others are citations or archive ids. */
const WEB = '1'

/** At most this many distinct sources are kept per event; the rest are counted in `sourcesOmitted`. */
export const MAX_MENTION_SOURCES = 25

export interface MentionSource {
  readonly name: string
  readonly url?: string
}

/** What the mentions say about one event. */
export interface MentionSummary {
  /** Mention rows for the event. */
  count: number
  /** Distinct sources (by URL, else by name), in file order, up to MAX_MENTION_SOURCES. */
  readonly sources: MentionSource[]
  sourcesOmitted: number
  /** The highest Confidence (0–100) of its mentions, or -1 when none gave one. */
  bestConfidence: number
}

export interface MentionsRead {
  /** Mentions by GLOBALEVENTID. */
  readonly byEvent: Map<string, MentionSummary>
  /** Rows read, and rows skipped because their width or event id was wrong. */
  readonly rows: number
  readonly skipped: number
}

function isMentionsRow(cells: readonly string[]): boolean {
  return cells.length === MENTIONS_COLUMNS && /^\d+$/.test(cells[0]!.trim()) && /^\d{14}$/.test(cells[1]!.trim()) && /^\d{14}$/.test(cells[2]!.trim())
}

/** True when the first line of `text` is a GDELT 2.0 mentions row (16 columns, an id and two 14-digit times). */
export function looksLikeGdeltMentions(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const start = body.search(/\S/)
  if (start === -1) return false
  const end = body.indexOf('\n', start)
  const line = body.slice(start, end === -1 ? body.length : end).replace(/\r$/, '')
  return isMentionsRow(line.split('\t'))
}

/** The one line said when a mentions table is read on its own. */
export const MENTIONS_ALONE =
  'a GDELT 2.0 mentions table (16 columns) lists where events were mentioned, not events: import it together with its events file (the .export.CSV of the same update)'

function sourceOf(type: string, name: string, identifier: string): MentionSource | undefined {
  if (type === WEB && /^https?:\/\//i.test(identifier)) return { name: name || identifier, url: identifier }
  if (name !== '') return { name }
  return identifier !== '' ? { name: identifier } : undefined
}

/** Adds the mention rows of `text` to `into` (several mentions files may feed one events file). */
export function readMentions(texts: readonly string[]): MentionsRead {
  const byEvent = new Map<string, MentionSummary>()
  const seenSource = new Map<string, Set<string>>()
  let rows = 0
  let skipped = 0
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '').replace(/^\ufeff/, '')
      if (line.trim() === '') continue
      rows++
      const cells = line.split('\t')
      if (!isMentionsRow(cells)) {
        skipped++
        continue
      }
      const id = cells[COL.globalEventId]!.trim()
      let summary = byEvent.get(id)
      let seen = seenSource.get(id)
      if (!summary || !seen) {
        summary = { count: 0, sources: [], sourcesOmitted: 0, bestConfidence: -1 }
        seen = new Set()
        byEvent.set(id, summary)
        seenSource.set(id, seen)
      }
      summary.count++
      const confidence = Number(cells[COL.confidence])
      if (cells[COL.confidence]!.trim() !== '' && Number.isFinite(confidence)) summary.bestConfidence = Math.max(summary.bestConfidence, confidence)
      const source = sourceOf(cells[COL.mentionType]!.trim(), cells[COL.sourceName]!.trim(), cells[COL.identifier]!.trim())
      if (!source) continue
      const key = source.url ?? source.name
      if (seen.has(key)) continue
      seen.add(key)
      if (summary.sources.length < MAX_MENTION_SOURCES) summary.sources.push(source)
      else summary.sourcesOmitted++
    }
  }
  return { byEvent, rows, skipped }
}
