/** "just now", "updated 4 min ago", "updated 3 h ago", "updated 2 days ago". */
export function describeAge(ageMs: number): string {
  const minutes = Math.floor(Math.max(0, ageMs) / 60_000)
  if (minutes < 1) return 'updated just now'
  if (minutes < 60) return `updated ${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `updated ${hours} h ago`
  return `updated ${Math.floor(hours / 24)} days ago`
}

/** True when data updated at `updatedAtMs` is older than the threshold at `nowMs` (all ms). */
export function isStale(updatedAtMs: number, nowMs: number, staleAfterMs: number): boolean {
  return nowMs - updatedAtMs > staleAfterMs
}
