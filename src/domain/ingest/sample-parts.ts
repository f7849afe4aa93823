/**
 * The bundled sample in two parts, so that the first painted dashboard fetches only what its
 * panels draw: the panels' part (the header, and each event's id, title, category, dates,
 * level, places, location and actors: every column of the event table) and the details' part
 * (everything else: summary, assessment, sources, tags, impacts, quotes, related…), fetched
 * once an event's whole record is first needed. The build writes both from
 * public/data/sample.json (scripts/sample-plugin.ts); joined, they are that file's events.
 */

/** The event fields the panels' part keeps: what the event table is built from. */
export const PANEL_FIELDS: readonly string[] = ['id', 'title', 'category', 'date', 'endDate', 'threatLevel', 'countries', 'regions', 'location', 'actors']

const PANEL_SET = new Set(PANEL_FIELDS)

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Splits a dataset document (already known to be one: the build reads the repository's sample). */
export function splitSample(doc: Record<string, unknown>): { panels: Record<string, unknown>; details: { schemaVersion: 1; events: Record<string, unknown>[] } } {
  const events = Array.isArray(doc.events) ? (doc.events as unknown[]) : []
  const panels = events.map((e) => (isRecord(e) ? Object.fromEntries(Object.entries(e).filter(([k]) => PANEL_SET.has(k))) : e))
  const details = events.map((e) => (isRecord(e) ? Object.fromEntries(Object.entries(e).filter(([k]) => k === 'id' || !PANEL_SET.has(k))) : {}))
  return { panels: { ...doc, events: panels }, details: { schemaVersion: 1, events: details } }
}

/**
 * The whole document again from the panels' part and the details' part: each event's detail
 * fields added to it, the two matched by position and checked by id. A details' part that does
 * not match gives a one-line reason. Never throws.
 */
export function joinSample(panels: Record<string, unknown>, details: unknown): { ok: true; doc: Record<string, unknown> } | { ok: false; reason: string } {
  const events = panels.events
  if (!Array.isArray(events)) return { ok: false, reason: 'the sample lists no events' }
  if (!isRecord(details) || details.schemaVersion !== 1 || !Array.isArray(details.events)) return { ok: false, reason: "the sample's details are not a list of events" }
  const more = details.events as unknown[]
  if (more.length !== events.length) return { ok: false, reason: `the sample's details list ${more.length} events, not ${events.length}` }
  const joined: unknown[] = []
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i]
    const detail = more[i]
    if (!isRecord(detail) || (isRecord(event) && JSON.stringify(detail.id) !== JSON.stringify(event.id))) return { ok: false, reason: `the sample's details of event ${i + 1} are not those of ${isRecord(event) ? String(event.id) : 'that event'}` }
    if (!isRecord(event)) {
      joined.push(event)
      continue
    }
    const whole: Record<string, unknown> = { ...event }
    for (const [key, value] of Object.entries(detail)) if (!PANEL_SET.has(key)) whole[key] = value
    joined.push(whole)
  }
  return { ok: true, doc: { ...panels, events: joined } }
}
