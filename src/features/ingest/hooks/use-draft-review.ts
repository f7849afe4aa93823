import { useMemo, useState } from 'react'
import { buildEventTable } from '../../../domain/build-table.ts'
import { checkDraft, draftOf, isDraftEvent, type Draft, type DraftCheck, type DraftFields } from '../../../domain/ingest/draft-edit.ts'
import { serialiseDataset } from '../../../domain/export/dataset-json.ts'
import type { Dataset, ImportIssue, ThreatEvent } from '../../../domain/model.ts'
import type { ImportedData } from '../../../lib/ingest/ingest-client.ts'
import type { SavedInput } from '../../../lib/storage/workspace-db.ts'
import type { ImportPreview } from '../utils/preview.ts'

/** Imports larger than this are not scanned for drafts (drafts come from articles: a handful). */
const MAX_ROWS_TO_REVIEW = 500

interface Found {
  readonly drafts: readonly Draft[]
  /** The draft's row in the preview table, 1-based (the report's row numbers). */
  readonly rows: readonly number[]
  /** Events of the import that are not drafts: they pass through unchanged. */
  readonly others: readonly ThreatEvent[]
}

const NONE: Found = { drafts: [], rows: [], others: [] }

function findDrafts(data: ImportedData): Found {
  const { table } = data
  if (table.size === 0 || table.size > MAX_ROWS_TO_REVIEW) return NONE
  const drafts: Draft[] = []
  const rows: number[] = []
  const others: ThreatEvent[] = []
  for (let row = 0; row < table.size; row++) {
    const event = table.eventAt(row)
    if (isDraftEvent(event)) {
      drafts.push(draftOf(event))
      rows.push(row + 1)
    } else others.push(event)
  }
  return drafts.length > 0 ? { drafts, rows, others } : NONE
}

interface Edits {
  readonly preview: ImportPreview | null
  readonly fields: readonly DraftFields[]
  readonly included: readonly boolean[]
}

/** The review of an import's draft events: their edited fields, checks and which to include. */
export interface DraftReview {
  /** False when the import holds no drafts: the dialog imports as it was read. */
  readonly active: boolean
  readonly drafts: readonly Draft[]
  readonly fields: readonly DraftFields[]
  readonly included: readonly boolean[]
  readonly checks: readonly DraftCheck[]
  /** Events the commit would import: the non-draft ones plus the included, valid drafts. */
  readonly count: number
  /** An included draft does not validate: fix it or leave it out before importing. */
  readonly blocked: boolean
  edit(index: number, patch: Partial<DraftFields>): void
  include(index: number, on: boolean): void
  /** The reviewed import, and the input the workspace saves to rebuild it (dataset JSON). */
  commitData(): { data: ImportedData; inputs: readonly SavedInput[] }
}

/**
 * Holds the analyst's edits of the drafts in `preview` (reset when the preview changes). The
 * edits are checked through the importers' own normalisation; the commit builds a new table
 * from the reviewed events, and the report counts the drafts left out as rejected rows, so
 * accepted + rejected = total still holds.
 */
export function useDraftReview(preview: ImportPreview | null): DraftReview {
  const found = useMemo(() => (preview ? findDrafts(preview.data) : NONE), [preview])
  const [edits, setEdits] = useState<Edits>({ preview: null, fields: [], included: [] })
  let current = edits
  if (edits.preview !== preview) {
    current = { preview, fields: found.drafts.map((d) => d.fields), included: found.drafts.map(() => true) }
    setEdits(current)
  }
  const { fields, included } = current
  const checks = useMemo(
    () => found.drafts.map((draft, i) => checkDraft(draft, fields[i] ?? draft.fields, found.rows[i]!)),
    [found, fields],
  )
  const accepted = checks.filter((c, i) => included[i] && c.event !== null).length
  const blocked = checks.some((c, i) => included[i] && c.event === null)

  return {
    active: found.drafts.length > 0,
    drafts: found.drafts,
    fields,
    included,
    checks,
    count: found.others.length + accepted,
    blocked,
    edit: (index, patch) =>
      setEdits((e) => ({ ...e, fields: e.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) })),
    include: (index, on) => setEdits((e) => ({ ...e, included: e.included.map((v, i) => (i === index ? on : v)) })),
    commitData: () => {
      if (!preview) throw new Error('nothing to import')
      const { data } = preview
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
        data: { ...data, table: buildEventTable(dataset), ids: dataset.events.map((e) => e.id), report, text },
        inputs: [{ name: data.report.origin, text, format: 'json', overrides: [] }],
      }
    },
  }
}
