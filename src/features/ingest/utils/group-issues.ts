import type { ImportIssue } from '../../../domain/model.ts'

/** Issues with one reason: the field, the message with its quoted values taken out, and where. */
export interface IssueGroup {
  readonly field: string
  readonly reason: string
  readonly issues: readonly ImportIssue[]
}

/** `not a real date: "2023-02-30"` → `not a real date: …`: what groups issues by reason. */
export function reasonOf(message: string): string {
  return message.replace(/"[^"]*"/g, '…').replace(/\(first in row \d+\)/, '(repeated)')
}

/** Groups issues by field and reason, largest group first (ties in order of first appearance). */
export function groupIssues(issues: readonly ImportIssue[]): IssueGroup[] {
  const groups = new Map<string, { field: string; reason: string; issues: ImportIssue[] }>()
  for (const issue of issues) {
    const reason = reasonOf(issue.message)
    const key = `${issue.field}\u0000${reason}`
    let group = groups.get(key)
    if (!group) {
      group = { field: issue.field, reason, issues: [] }
      groups.set(key, group)
    }
    group.issues.push(issue)
  }
  return [...groups.values()].sort((a, b) => b.issues.length - a.issues.length)
}
