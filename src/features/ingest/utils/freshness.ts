import { stringAt, stringCount, stringSet, type StringColumn } from '../../../domain/string-column.ts'

/** The ids in `next` that `previous` did not have: what a refresh brought. */
export function newIdsOf(previous: StringColumn | null, next: StringColumn): Set<string> {
  if (!previous) return new Set()
  const had = stringSet(previous)
  const out = new Set<string>()
  const count = stringCount(next)
  for (let i = 0; i < count; i++) {
    const id = stringAt(next, i)
    if (!had.has(id)) out.add(id)
  }
  return out
}
