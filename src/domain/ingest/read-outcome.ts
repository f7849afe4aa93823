import { appendAll } from '../arrays.ts'
import { cleanStrings } from '../clean-text.ts'
import type { Dataset, ImportIssue, ImportResult, ThreatEvent } from '../model.ts'

/** An importer either read the input (perhaps rejecting rows) or could not read it at all. */
export type ReadOutcome =
  | { readonly ok: true; readonly result: ImportResult }
  | { readonly ok: false; readonly reason: string }

export function unreadable(reason: string): ReadOutcome {
  return { ok: false, reason }
}

/**
 * Collects accepted events and issues while an importer walks its records, so that every
 * importer counts the same way: accepted + rejected = total, duplicate ids rejected, and the
 * records folded into another's event counted as merged.
 */
export class ResultBuilder {
  private readonly events: ThreatEvent[] = []
  private readonly issues: ImportIssue[] = []
  private readonly warnings: ImportIssue[] = []
  private readonly rejectedRows: number[] = []
  private readonly firstRowOfId = new Map<string, number>()
  private total = 0
  private merged = 0

  accept(event: ThreatEvent, row: number, warnings: readonly ImportIssue[] = []): void {
    this.total++
    const seen = this.firstRowOfId.get(event.id)
    if (seen !== undefined) {
      this.rejectedRows.push(row)
      this.issues.push({ row, field: 'id', message: `duplicate id "${event.id}" (first in row ${seen})` })
      return
    }
    this.firstRowOfId.set(event.id, row)
    this.events.push(event)
    appendAll(this.warnings, warnings)
  }

  /** Notes `count` records folded into an event already counted (they are neither accepted nor rejected). */
  merge(count: number): void {
    this.merged += count
  }

  /** Rows rejected so far (duplicates included). */
  rejectedCount(): number {
    return this.rejectedRows.length
  }

  reject(row: number, issues: readonly ImportIssue[]): void {
    this.total++
    this.rejectedRows.push(row)
    appendAll(this.issues, issues)
  }

  finish(format: string, header: Omit<Dataset, 'events'>): ImportResult {
    return {
      format,
      total: this.total,
      dataset: { ...cleanStrings(header), events: this.events },
      rejected: this.rejectedRows.length,
      merged: this.merged,
      rejectedRows: this.rejectedRows,
      issues: this.issues,
      warnings: this.warnings,
    }
  }
}
