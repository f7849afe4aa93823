import { useEffect, useMemo, useState } from 'react'
import type { DraftCheck } from '../../../domain/ingest/draft-check.ts'
import type { Draft, DraftFields } from '../../../domain/ingest/draft-edit.ts'
import type { ImportedData } from '../../../lib/ingest/ingest-client.ts'
import type { SavedInput } from '../../../lib/storage/workspace-db.ts'
import type * as DraftModelModule from '../../../services/ingest/draft-model.ts'
import type { FoundDrafts } from '../../../services/ingest/draft-model.ts'
import type { ImportPreview } from '../../../services/ingest/preview.ts'

type DraftModel = typeof DraftModelModule

const NONE: FoundDrafts = { drafts: [], rows: [], others: [] }

interface Edits {
  readonly found: FoundDrafts
  readonly fields: readonly DraftFields[]
  readonly included: readonly boolean[]
}

/** The review of an import's draft events: their edited fields, checks and which to include. */
export interface DraftReview {
  /** False when the import holds no drafts: the dialog imports it as it was read. */
  readonly active: boolean
  /** The review's code has loaded (it loads when an import holds drafts). */
  readonly ready: boolean
  /** Why the review could not load, if it could not. */
  readonly error: string | null
  readonly drafts: readonly Draft[]
  readonly fields: readonly DraftFields[]
  readonly included: readonly boolean[]
  readonly checks: readonly DraftCheck[]
  /** Events the commit would import: the non-draft ones plus the included, valid drafts. */
  readonly count: number
  /** Not ready, or an included draft does not validate: fix it or leave it out to import. */
  readonly blocked: boolean
  edit(index: number, patch: Partial<DraftFields>): void
  include(index: number, on: boolean): void
  /** The reviewed import, and the input the workspace saves to rebuild it (dataset JSON). */
  commitData(): { data: ImportedData; inputs: readonly SavedInput[] }
}

/**
 * Holds the analyst's edits of the drafts in `preview` (reset when the preview changes). The
 * edits are checked through the importers' own normalisation; the commit imports the reviewed
 * events only.
 */
export function useDraftReview(preview: ImportPreview | null): DraftReview {
  // The import's worker looked for drafts (`extra.draft = true`) while it read the input.
  const active = preview?.data.holdsDrafts === true
  const [model, setModel] = useState<{ readonly m: DraftModel } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!active || model) return
    let live = true
    import('../../../services/ingest/draft-model.ts').then(
      (m) => live && setModel({ m }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
    }
  }, [active, model])

  // The drafts are read from the worker that keeps the import's events: one ask for the few rows.
  const [read, setRead] = useState<{ readonly preview: ImportPreview; readonly found: FoundDrafts } | null>(null)
  useEffect(() => {
    if (!active || !model || !preview) return
    let live = true
    model.m.findDrafts(preview.data).then(
      (f) => live && setRead({ preview, found: f }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    )
    return () => {
      live = false
    }
  }, [active, model, preview])
  const found = active && read?.preview === preview ? read.found : NONE
  const [edits, setEdits] = useState<Edits>({ found: NONE, fields: [], included: [] })
  let current = edits
  if (edits.found !== found) {
    current = { found, fields: found.drafts.map((d) => d.fields), included: found.drafts.map(() => true) }
    setEdits(current)
  }
  const { fields, included } = current
  const checks = useMemo(() => (model ? model.m.checkDrafts(found, fields) : []), [model, found, fields])
  const ready = active && model !== null && found !== NONE
  const valid = checks.filter((c, i) => included[i] && c.event !== null).length

  return {
    active,
    ready,
    error,
    drafts: found.drafts,
    fields,
    included,
    checks,
    count: ready ? found.others.length + valid : (preview?.data.report.accepted ?? 0),
    blocked: !ready || checks.some((c, i) => included[i] && c.event === null),
    edit: (index, patch) => setEdits((e) => ({ ...e, fields: e.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) })),
    include: (index, on) => setEdits((e) => ({ ...e, included: e.included.map((v, i) => (i === index ? on : v)) })),
    commitData: () => {
      if (!preview || !model) throw new Error('the review is not ready')
      return model.m.reviewedImport(preview.data, found, fields, included, checks)
    },
  }
}
