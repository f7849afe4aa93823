import { eventInputSchema } from '../schema.ts'
import { normaliseEvent, type NormaliseContext, type NormaliseOutcome } from './normalise-event.ts'

export type { NormaliseContext, NormaliseOutcome }

/**
 * Checks one raw record against the file format and turns it into a ThreatEvent.
 * `row` is the 1-based record number used in every issue. Never throws.
 */
export function normaliseRecord(raw: unknown, row: number, ctx: NormaliseContext): NormaliseOutcome {
  const parsed = eventInputSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      row,
      field: issue.path.length > 0 ? issue.path.join('.') : '(record)',
      message: issue.message,
    }))
    return { ok: false, issues }
  }
  return normaliseEvent(parsed.data, row, ctx)
}

