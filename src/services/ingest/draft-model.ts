/**
 * The review of draft events, apart from React: find an import's drafts, check the edits and
 * build the reviewed import. Loaded lazily (it brings the schema's validation with it) only when
 * an import holds drafts.
 */
import { buildEventTable } from '../../domain/build-table.ts'
import { serialiseDataset } from '../../domain/export/dataset-json.ts'
import { checkDraft, type DraftCheck } from '../../domain/ingest/draft-check.ts'
import { draftOf, isDraftEvent, type Draft, type DraftFields } from '../../domain/ingest/draft-edit.ts'
import type { Dataset, ImportIssue, ThreatEvent } from '../../domain/model.ts'
import { eventsOfRows, rowsInInputOrder } from '../../domain/table.ts'
import type { ImportedData } from '../../lib/ingest/ingest-client.ts'
import type { SavedInput } from '../../lib/storage/workspace-db.ts'

/** An import's drafts and the events that pass through unchanged. */
export interface FoundDrafts {
  readonly drafts: readonly Draft[]
  /** Each draft's row in the import, 1-based (the report's row numbers). */
  readonly rows: readonly number[]
  readonly others: readonly ThreatEvent[]
}

/** The drafts of an import (a few hundred rows at most: MAX_DRAFT_ROWS), its events read where they are kept. */
export async function findDrafts(data: ImportedData): Promise<FoundDrafts> {
  const drafts: Draft[] = []
  const rows: number[] = []
  const others: ThreatEvent[] = []
  // In input order: the order the text gave them, and the report's row numbers.
  const events = await eventsOfRows(data.table, rowsInInputOrder(data.table))
  for (let inputRow = 0; inputRow < events.length; inputRow++) {
    const event = events[inputRow]!
    if (isDraftEvent(event)) {
      drafts.push(draftOf(event))
      rows.push(inputRow + 1)
    } else others.push(event)
  }
  return { drafts, rows, others }
}

export function checkDrafts(found: FoundDrafts, fields: readonly DraftFields[]): DraftCheck[] {
  return found.drafts.map((draft, i) => checkDraft(draft, fields[i] ?? draft.fields, found.rows[i]!))
}

/**
 * The import as reviewed: the events that were not drafts, then the included drafts as edited
 * (invalid ones are never included: the dialog blocks the commit). Drafts left out count as
 * rejected rows, so accepted + rejected = total still holds. The workspace saves the reviewed
 * events as dataset JSON, so a reload shows the edits rather than reading the article again.
 */
export function reviewedImport(
  data: ImportedData,
  found: FoundDrafts,
  fields: readonly DraftFields[],
  included: readonly boolean[],
  checks: readonly DraftCheck[],
): { data: ImportedData; inputs: readonly SavedInput[] } {
  const kept = checks.flatMap((c, i) => (included[i] && c.event ? [c.event] : []))
  const left: ImportIssue[] = found.drafts.flatMap((d, i) =>
    included[i] ? [] : [{ row: found.rows[i]!, field: '(draft)', message: `left out in review: "${fields[i]?.title ?? d.fields.title}"` }],
  )
  const dataset: Dataset = {
    schemaVersion: 1,
    name: data.meta.name,
    ...(data.meta.description ? { description: data.meta.description } : {}),
    ...(data.meta.source ? { source: data.meta.source } : {}),
    regions: data.meta.customRegions,
    events: [...found.others, ...kept],
  }
  const text = serialiseDataset(dataset)
  const report = {
    ...data.report,
    accepted: dataset.events.length,
    rejected: data.report.rejected + left.length,
    rejectedRows: [...data.report.rejectedRows, ...left.map((l) => l.row)],
    issues: [...data.report.issues, ...left],
  }
  return {
    data: { ...data, table: buildEventTable(dataset), ids: dataset.events.map((e) => e.id), report, text, holdsDrafts: false },
    inputs: [{ name: data.report.origin, text, format: 'json', overrides: [] }],
  }
}
