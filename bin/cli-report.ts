/** What `validate` prints: the summary for people, or the `--json` object for automation. */
import { FORMAT_LABELS, isImportFormat } from '../src/domain/ingest/detect.ts'
import type { DuplicateSuggestion } from '../src/domain/ingest/near-duplicates.ts'
import type { ImportIssue } from '../src/domain/model.ts'
import { oneLine } from './cli-core.ts'

/** What a validation found, read whole (ImportResult) or as a stream (no events kept). */
export interface Validation {
  readonly format: string
  readonly total: number
  readonly accepted: number
  readonly rejected: number
  readonly merged: number
  readonly issues: readonly ImportIssue[]
  readonly warnings: readonly ImportIssue[]
  readonly notes?: readonly string[]
  /** Issues and warnings counted but not listed (a streamed file with very many). */
  readonly unlisted?: number
  readonly suggestions?: readonly DuplicateSuggestion[]
}

const MAX_ISSUE_GROUPS = 20
const MAX_ROWS_SHOWN = 10

export function formatLabel(format: string): string {
  return isImportFormat(format) ? `${FORMAT_LABELS[format]} (${format})` : format
}

interface IssueGroup {
  readonly field: string
  readonly message: string
  readonly rows: number[]
}

function groupIssues(issues: readonly ImportIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>()
  for (const issue of issues) {
    const key = `${issue.field}\u0000${issue.message}`
    let group = groups.get(key)
    if (!group) {
      group = { field: issue.field, message: issue.message, rows: [] }
      groups.set(key, group)
    }
    if (group.rows.at(-1) !== issue.row) group.rows.push(issue.row)
  }
  return [...groups.values()].sort((a, b) => b.rows.length - a.rows.length)
}

function describeGroups(title: string, issues: readonly ImportIssue[]): string[] {
  if (issues.length === 0) return []
  const groups = groupIssues(issues)
  const lines = [`${title} (${issues.length}):`]
  for (const group of groups.slice(0, MAX_ISSUE_GROUPS)) {
    const shown = group.rows.slice(0, MAX_ROWS_SHOWN).join(', ')
    const more = group.rows.length > MAX_ROWS_SHOWN ? ` and ${group.rows.length - MAX_ROWS_SHOWN} more` : ''
    const noun = group.rows.length === 1 ? 'row' : 'rows'
    lines.push(`  ${group.field}: ${oneLine(group.message)} (${noun} ${shown}${more})`)
  }
  if (groups.length > MAX_ISSUE_GROUPS) lines.push(`  … and ${groups.length - MAX_ISSUE_GROUPS} more kinds`)
  return lines
}

function describeSuggestions(found: readonly DuplicateSuggestion[]): string[] {
  if (found.length === 0) return []
  const lines = [`possible duplicates to review, not merged (${found.length}; same date, place and actors, near-identical titles):`]
  for (const group of found.slice(0, MAX_ISSUE_GROUPS)) lines.push(`  ${group.ids.join(', ')}: ${oneLine(group.titles[0] ?? '')}`)
  if (found.length > MAX_ISSUE_GROUPS) lines.push(`  … and ${found.length - MAX_ISSUE_GROUPS} more`)
  return lines
}

export function validateReport(file: string, v: Validation): string {
  return [
    `${file}: ${formatLabel(v.format)}`,
    `  total     ${v.total}`,
    `  accepted  ${v.accepted}`,
    `  rejected  ${v.rejected}`,
    ...(v.merged > 0 ? [`  merged    ${v.merged}`] : []),
    `  rows      ${v.total + v.merged} (= accepted + rejected + merged)`,
    ...describeGroups('issues', v.issues),
    ...describeGroups('warnings (rows kept)', v.warnings),
    ...(v.unlisted ? [`  ${v.unlisted} further issues and warnings were counted but not listed`] : []),
    ...(v.notes ?? []).map((note) => `  ${note}`),
    ...describeSuggestions(v.suggestions ?? []),
  ].join('\n')
}

/**
 * The `--json` report: the contract automation relies on, so exactly these keys (and `notes`
 * when the reader joined or merged files). `rows` counts the records read: rows = accepted +
 * rejected + merged. `issues` lists the errors (rows rejected, severity "error") and then the
 * warnings (rows kept, severity "warning").
 */
export function validateJson(v: Validation): string {
  return JSON.stringify({
    format: v.format,
    total: v.total,
    accepted: v.accepted,
    rejected: v.rejected,
    merged: v.merged,
    rows: v.total + v.merged,
    ...(v.notes ? { notes: v.notes } : {}),
    issues: [
      ...v.issues.map(({ row, field, message }) => ({ row, field, message, severity: 'error' })),
      ...v.warnings.map(({ row, field, message }) => ({ row, field, message, severity: 'warning' })),
    ],
  })
}
