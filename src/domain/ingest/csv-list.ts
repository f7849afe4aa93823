import type { ActorType, Quote, SourceRef } from '../model.ts'

/**
 * List cells of the native CSV format (docs/csv-format.md): items separated by `;`, or, when an
 * item holds a `;` or has more to say than a name (an actor's type and role, a source's url and
 * date, a quote's speaker), a JSON array. Both read the same way in every list column.
 */

type ActorItem = string | { name: string; type?: ActorType; role?: string; country?: string }

const ACTOR_TYPES: ReadonlySet<string> = new Set<ActorType>(['state', 'person', 'organization', 'group', 'unknown'])

/** The items of a cell that is a JSON array (`[...]`), or null when it is not one. */
function jsonItems(cell: string): unknown[] | null {
  if (cell.charCodeAt(0) !== 91 /* [ */ || cell.charCodeAt(cell.length - 1) !== 93 /* ] */) return null
  try {
    const parsed: unknown = JSON.parse(cell)
    return Array.isArray(parsed) ? parsed : null
  } catch {
    return null
  }
}

/** `a; b ;; c` → ['a', 'b', 'c']. */
function splitItems(cell: string): string[] {
  const out: string[] = []
  for (const part of cell.split(';')) {
    const item = part.trim()
    if (item !== '') out.push(item)
  }
  return out
}

const trimmedText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/**
 * A list cell's items as text: a JSON array's strings (an object item gives its `name`), else the
 * `;`-separated items. Items are trimmed; empty ones are dropped.
 */
export function listItems(cell: string): string[] {
  const items = jsonItems(cell)
  if (items === null) return splitItems(cell)
  const out: string[] = []
  for (const item of items) {
    const text = typeof item === 'object' && item !== null ? trimmedText((item as { name?: unknown }).name) : trimmedText(item)
    if (text !== '') out.push(text)
  }
  return out
}

/** An actors cell: names, or in a JSON array names and `{ name, type?, role?, country? }` objects. */
export function actorItems(cell: string): ActorItem[] {
  const items = jsonItems(cell)
  if (items === null) return splitItems(cell)
  const out: ActorItem[] = []
  for (const item of items) {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push(item.trim())
      continue
    }
    if (typeof item !== 'object' || item === null) continue
    const { name, type, role, country } = item as Record<string, unknown>
    const actorName = trimmedText(name)
    if (actorName === '') continue
    out.push({
      name: actorName,
      ...(typeof type === 'string' && ACTOR_TYPES.has(type) ? { type: type as ActorType } : {}),
      ...(trimmedText(role) ? { role: trimmedText(role) } : {}),
      ...(trimmedText(country) ? { country: trimmedText(country) } : {}),
    })
  }
  return out
}

/** A source item written as text: an http(s) URL becomes `{ name: host, url }`, anything else a name. */
export function sourceOfText(item: string): SourceRef {
  if (/^https?:\/\//i.test(item)) {
    try {
      return { name: new URL(item).hostname || item, url: item }
    } catch {
      return { name: item }
    }
  }
  return { name: item }
}

/** A sources cell: names and URLs, or in a JSON array those and `{ name, url?, date? }` objects. */
export function sourceItems(cell: string): SourceRef[] {
  const items = jsonItems(cell)
  if (items === null) return splitItems(cell).map(sourceOfText)
  const out: SourceRef[] = []
  for (const item of items) {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push(sourceOfText(item.trim()))
      continue
    }
    if (typeof item !== 'object' || item === null) continue
    const { name, url, date } = item as Record<string, unknown>
    const sourceName = trimmedText(name)
    if (sourceName === '') continue
    // Kept as given, even empty, as the JSON reader keeps them.
    out.push({
      name: sourceName,
      ...(typeof url === 'string' ? { url: url.trim() } : {}),
      ...(typeof date === 'string' ? { date: date.trim() } : {}),
    })
  }
  return out
}

/** One written quote, `Speaker: text`; without `: ` the whole item is the text. */
function quoteOfText(item: string): Quote {
  const colon = item.indexOf(': ')
  return colon > 0 ? { speaker: item.slice(0, colon).trim(), text: item.slice(colon + 2).trim() } : { speaker: '', text: item }
}

/** A quotes cell: `Speaker: text` items, or a JSON array of `{ speaker, text }` objects. */
export function quoteItems(cell: string): Quote[] {
  const items = jsonItems(cell)
  const quotes =
    items === null
      ? splitItems(cell).map(quoteOfText)
      : items.map((item) =>
          typeof item === 'string'
            ? quoteOfText(item.trim())
            : typeof item === 'object' && item !== null
              ? { speaker: trimmedText((item as Record<string, unknown>).speaker), text: trimmedText((item as Record<string, unknown>).text) }
              : { speaker: '', text: '' },
        )
  return quotes.filter((quote) => quote.text !== '')
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * An `extra` cell: a JSON object of text, number and true/false values (others are dropped, as
 * are keys that could reach a prototype); null when the cell is not a JSON object.
 */
export function extraObject(cell: string): Record<string, string | number | boolean> | null {
  if (cell.charCodeAt(0) !== 123 /* { */) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(cell)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const out: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(parsed)) {
    if (FORBIDDEN_KEYS.has(key)) continue
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[key] = value
  }
  return out
}

/**
 * A `sourceLevel` cell: a plain number is a number, a JSON string (`"3"`) the text inside it, and
 * anything else the text as written.
 */
export function sourceLevelOf(cell: string, numberOf: (cell: string) => number | null): string | number {
  const n = numberOf(cell)
  if (n !== null) return n
  if (cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(cell)
      if (typeof parsed === 'string') return parsed
    } catch {
      // not JSON: the text as written
    }
  }
  return cell
}
