import type { ImportIssue, SourceRef } from '../model.ts'
import type { EventInput } from '../schema.ts'
import { checkCsvCells } from './csv-cells.ts'
import type { ColumnTarget } from './csv-headers.ts'

/**
 * Turns one CSV row (cells in column order) into the file format's event shape, checking what
 * the zod schema checks for JSON (required, ranges, enums) without zod: this runs per row on
 * files of a million rows.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** `a; b ;; c` → ['a', 'b', 'c']. */
export function splitList(cell: string): string[] {
  if (cell === '') return []
  const out: string[] = []
  for (const part of cell.split(';')) {
    const item = part.trim()
    if (item !== '') out.push(item)
  }
  return out
}

/** A source cell item: an http(s) URL becomes `{ name: host, url }`, anything else a name. */
function sourceOf(item: string): SourceRef {
  if (/^https?:\/\//i.test(item)) {
    try {
      return { name: new URL(item).hostname || item, url: item }
    } catch {
      return { name: item }
    }
  }
  return { name: item }
}

export type RowOutcome =
  | { readonly ok: true; readonly input: EventInput }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] }

/**
 * Reads row `row` (1-based, header excluded). Columns mapped to 'extra' are kept under their
 * header; one named like a prototype key is dropped, never assigned.
 */
export function csvRowToInput(
  cells: readonly string[],
  row: number,
  mapping: readonly ColumnTarget[],
  headers: readonly string[],
): RowOutcome {
  const checked = checkCsvCells(cells, row, mapping)
  if (!checked.ok) return checked
  const f = checked.fields
  let extra: Record<string, string> | undefined
  for (let c = 0; c < Math.min(cells.length, mapping.length); c++) {
    if (mapping[c] !== 'extra') continue
    const key = headers[c]?.trim() ?? ''
    const cell = cells[c]!.trim()
    if (key === '' || cell === '' || FORBIDDEN_KEYS.has(key)) continue
    extra ??= {}
    extra[key] = cell
  }
  const input: EventInput = {
    id: f.id,
    title: f.title,
    date: f.date,
    threatLevel: f.level,
    ...(f.endDate ? { endDate: f.endDate } : {}),
    ...(f.summary ? { summary: f.summary } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.assessment ? { assessment: f.assessment } : {}),
    ...(f.trend ? { trend: f.trend } : {}),
    ...(f.confidence !== null ? { confidence: f.confidence } : {}),
    ...(f.fatalities !== null ? { fatalities: f.fatalities } : {}),
    ...(f.actors ? { actors: splitList(f.actors) } : {}),
    ...(f.countries ? { countries: splitList(f.countries) } : {}),
    ...(f.regions ? { regions: splitList(f.regions) } : {}),
    ...(f.tags ? { tags: splitList(f.tags) } : {}),
    ...(f.sectors ? { sectors: splitList(f.sectors) } : {}),
    ...(f.sources ? { sources: splitList(f.sources).map(sourceOf) } : {}),
    ...(f.lat !== null && f.lon !== null ? { location: { lat: f.lat, lon: f.lon, ...(f.place ? { name: f.place } : {}) } } : {}),
    ...(extra ? { extra } : {}),
  }
  return { ok: true, input }
}
