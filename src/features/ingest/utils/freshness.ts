/** The ids in `next` that `previous` did not have: what a refresh brought. */
export function newIdsOf(previous: readonly string[] | null, next: readonly string[]): Set<string> {
  if (!previous) return new Set()
  const had = new Set(previous)
  const out = new Set<string>()
  for (const id of next) if (!had.has(id)) out.add(id)
  return out
}
