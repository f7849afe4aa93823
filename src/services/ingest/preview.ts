import { maxOf } from '../../domain/arrays.ts'
import { combineTables, firstOccurrences } from '../../domain/ingest/combine-tables.ts'
import type { IngestReport } from '../../domain/ingest/ingest-protocol.ts'
import { stringAt, stringCount, stringSet, type StringColumn } from '../../domain/string-column.ts'
import { inputRowOf } from '../../domain/table.ts'
import type { ImportIssue } from '../../domain/model.ts'
import type { ImportedData } from '../../lib/ingest/ingest-client.ts'
import type { SavedInput } from '../../lib/storage/workspace-db.ts'

/** One input read for an import: its data and how to read it again (for the saved workspace). */
export interface ReadPart {
  readonly data: ImportedData
  readonly input: SavedInput
}

/** What an import would do, shown before it is committed. */
export interface ImportPreview {
  readonly data: ImportedData
  readonly inputs: readonly SavedInput[]
  /** How many imported ids the current data already holds. */
  readonly clashes: number
}

function prefixed(issues: readonly ImportIssue[], name: string, many: boolean): ImportIssue[] {
  return many ? issues.map((i) => ({ ...i, message: `${name}: ${i.message}` })) : [...issues]
}

/**
 * Folds the inputs of one import (several files) into one table and one report: an id that
 * appears in more than one file is kept from the first and the later rows are rejected as
 * duplicates, so accepted + rejected = total still holds.
 */
export function combineParts(parts: readonly ReadPart[]): ImportedData {
  if (parts.length === 1) return parts[0]!.data
  const many = parts.length > 1
  const { keeps, duplicates } = firstOccurrences(parts.map((p) => p.data.ids))
  const { table, ids } = combineTables(parts.map((p, i) => ({ table: p.data.table, ids: p.data.ids, keep: keeps[i]! })))
  const reports = parts.map((p) => p.data.report)
  const duplicateIssues: ImportIssue[] = duplicates.map((d) => ({
    // The row as the input gave it (1-based), not where the table stores it.
    row: inputRowOf(parts[d.part]!.data.table, d.row) + 1,
    field: 'id',
    message: `${parts[d.part]!.input.name}: duplicate id "${d.id}" (already in ${parts[d.firstPart]!.input.name})`,
  }))
  const names = parts.map((p) => p.input.name)
  const report: IngestReport = {
    format: [...new Set(reports.map((r) => r.format))].join(', '),
    origin: names.join(', '),
    total: reports.reduce((n, r) => n + r.total, 0),
    accepted: table.size,
    rejected: reports.reduce((n, r) => n + r.rejected, 0) + duplicates.length,
    merged: reports.reduce((n, r) => n + r.merged, 0),
    rejectedRows: reports.flatMap((r) => r.rejectedRows),
    issues: [...reports.flatMap((r, i) => prefixed(r.issues, names[i]!, many)), ...duplicateIssues],
    warnings: reports.flatMap((r, i) => prefixed(r.warnings, names[i]!, many)),
    unlisted: reports.reduce((n, r) => n + r.unlisted, 0),
    rejectedCsv: reports.map((r) => r.rejectedCsv).filter(Boolean).join('\r\n'),
    bytes: reports.reduce((n, r) => n + r.bytes, 0),
    parseMs: reports.reduce((n, r) => n + r.parseMs, 0),
  }
  const first = parts[0]!.data
  return {
    table,
    ids,
    meta: { ...first.meta, name: names.length > 1 ? `${first.meta.name} + ${names.length - 1} more` : first.meta.name },
    report,
    validators: {},
    text: '',
    receivedAtMs: maxOf(parts.map((p) => p.data.receivedAtMs)),
  }
}

/** How many of `incoming` ids are already in `current`. */
export function countClashes(current: StringColumn | null, incoming: StringColumn): number {
  if (!current || stringCount(current) === 0) return 0
  const have = stringSet(current)
  let n = 0
  const count = stringCount(incoming)
  for (let i = 0; i < count; i++) if (have.has(stringAt(incoming, i))) n++
  return n
}
