import type { ImportIssue } from '../model.ts'
import type { EventInput } from '../schema.ts'
import { checkCsvCells, numberOfCell } from './csv-cells.ts'
import type { ColumnTarget } from './csv-headers.ts'
import { actorItems, extraObject, listItems, quoteItems, sourceItems, sourceLevelOf } from './csv-list.ts'
import { isSlashedDate, slashedToIso, type DateOrder } from './date-order.ts'

/**
 * Turns one CSV row (cells in column order) into the file format's event shape, checking what
 * the zod schema checks for JSON (required, ranges, enums) without zod: this runs per row on
 * files of a million rows.
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** `a; b ;; c` → ['a', 'b', 'c']; a JSON array cell gives its items (csv-list.ts). */
export function splitList(cell: string): string[] {
  return cell === '' ? [] : listItems(cell)
}

export type RowOutcome =
  | { readonly ok: true; readonly input: EventInput }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] }

/**
 * Reads row `row` (1-based, header excluded). Columns mapped to 'extra' are kept under their
 * header; one named like a prototype key is dropped, never assigned. `dateOrder` gives the
 * file's order for dates with slashes (date-order.ts); it is asked only when one is met.
 */
export function csvRowToInput(
  cells: readonly string[],
  row: number,
  mapping: readonly ColumnTarget[],
  headers: readonly string[],
  dateOrder?: () => DateOrder,
): RowOutcome {
  const checked = checkCsvCells(cells, row, mapping)
  if (!checked.ok) return checked
  const f = checked.fields
  // Dates with slashes are read in the file's order (date-order.ts); one that is no real day stays as written, to be reported so.
  const isoOf = (cell: string): string => (dateOrder && cell !== '' && isSlashedDate(cell) ? (slashedToIso(cell, dateOrder()) ?? cell) : cell)
  // A JSON object in the `extra` column comes first; columns that name no field add to it.
  let extra: Record<string, string | number | boolean> | undefined
  if (f.extraJson !== '') extra = extraObject(f.extraJson) ?? { extra: f.extraJson }
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
    date: isoOf(f.date),
    // A level written as one digit is that number on our scale, not a source level to keep beside it.
    threatLevel: /^[1-5]$/.test(f.level) ? Number(f.level) : f.level,
    ...(f.endDate ? { endDate: isoOf(f.endDate) } : {}),
    ...(f.sourceLevel ? { sourceLevel: sourceLevelOf(f.sourceLevel, numberOfCell) } : {}),
    ...(f.summary ? { summary: f.summary } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.assessment ? { assessment: f.assessment } : {}),
    ...(f.trend ? { trend: f.trend } : {}),
    ...(f.confidence !== null ? { confidence: f.confidence } : {}),
    ...(f.fatalities !== null ? { fatalities: f.fatalities } : {}),
    ...(f.actors ? { actors: actorItems(f.actors) } : {}),
    ...(f.countries ? { countries: splitList(f.countries) } : {}),
    ...(f.involvedCountries ? { involvedCountries: splitList(f.involvedCountries) } : {}),
    ...(f.regions ? { regions: splitList(f.regions) } : {}),
    ...(f.tags ? { tags: splitList(f.tags) } : {}),
    ...(f.sectors ? { sectors: splitList(f.sectors) } : {}),
    ...(f.impacts ? { impacts: splitList(f.impacts) } : {}),
    ...(f.quotes ? { quotes: quoteItems(f.quotes) } : {}),
    ...(f.sources ? { sources: sourceItems(f.sources) } : {}),
    ...(f.related ? { related: splitList(f.related) } : {}),
    ...(f.lat !== null && f.lon !== null
      ? {
          location: {
            lat: f.lat,
            lon: f.lon,
            ...(f.place ? { name: f.place } : {}),
            ...(f.locationPrecision ? { precision: f.locationPrecision } : {}),
          },
        }
      : {}),
    ...(extra ? { extra } : {}),
  }
  return { ok: true, input }
}
