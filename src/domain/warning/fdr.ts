/**
 * Benjamini–Hochberg step-up adjusted p-values (q-values): Benjamini & Hochberg (1995),
 * "Controlling the false discovery rate", JRSS B 57. Rejecting every test whose adjusted value
 * is at most α keeps the expected share of false discoveries among them at most α (for
 * independent or positively dependent tests). Returns a new array in the input order.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!)
  const adjusted = new Array<number>(m)
  let running = 1
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1]!
    running = Math.min(running, (pValues[i]! * m) / rank)
    adjusted[i] = running
  }
  return adjusted
}
