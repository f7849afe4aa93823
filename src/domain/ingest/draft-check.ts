/** Checks an edited draft (see draft-edit.ts) the way every imported record is checked. */
import type { ImportIssue, ThreatEvent } from '../model.ts'
import { draftInput, type Draft, type DraftField, type DraftFields } from './draft-edit.ts'
import { normaliseRecord } from './normalise.ts'

/** An edited draft, validated: the event it gives (null when invalid), with issues by field. */
export interface DraftCheck {
  readonly event: ThreatEvent | null
  readonly errors: Readonly<Partial<Record<DraftField, readonly string[]>>>
  readonly warnings: Readonly<Partial<Record<DraftField, readonly string[]>>>
}

const CONTEXT = { levelScheme: 'watchfloor', customRegions: [] } as const

const FIELD_OF: Readonly<Record<string, DraftField>> = {
  title: 'title',
  date: 'date',
  threatLevel: 'threatLevel',
  countries: 'countries',
  regions: 'regions',
  actors: 'actors',
  summary: 'summary',
  sectors: 'sectors',
}

function byField(issues: readonly ImportIssue[]): Partial<Record<DraftField, string[]>> {
  const out: Partial<Record<DraftField, string[]>> = {}
  for (const issue of issues) {
    const field = FIELD_OF[issue.field.split('.')[0]!]
    // A field the review does not edit (never expected): shown with the title, naming the field.
    ;(out[field ?? 'title'] ??= []).push(field ? issue.message : `${issue.field}: ${issue.message}`)
  }
  return out
}

/** Validates an edited draft through the importers' own path (schema, then normaliseEvent). */
export function checkDraft(draft: Draft, fields: DraftFields, row: number): DraftCheck {
  const outcome = normaliseRecord(draftInput(draft, fields), row, CONTEXT)
  if (!outcome.ok) return { event: null, errors: byField(outcome.issues), warnings: {} }
  return { event: outcome.event, errors: {}, warnings: byField(outcome.warnings) }
}
