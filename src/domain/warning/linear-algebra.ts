/**
 * Small dense symmetric systems (at most a handful of unknowns), row-major: enough for the
 * baseline model's normal equations. Gauss–Jordan with partial pivoting.
 */

/** The inverse of an n × n matrix, or null when it is singular (or nearly). Does not modify `a`. */
export function invert(a: Float64Array, n: number): Float64Array | null {
  const m = new Float64Array(a)
  const inv = new Float64Array(n * n)
  for (let i = 0; i < n; i++) inv[i * n + i] = 1
  let scale = 0
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(m[i]!))
  if (!(scale > 0)) return null
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r
    const value = m[pivot * n + col]!
    if (!(Math.abs(value) > scale * 1e-12)) return null
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        swap(m, pivot * n + c, col * n + c)
        swap(inv, pivot * n + c, col * n + c)
      }
    }
    for (let c = 0; c < n; c++) {
      m[col * n + c]! /= value
      inv[col * n + c]! /= value
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const factor = m[r * n + col]!
      if (factor === 0) continue
      for (let c = 0; c < n; c++) {
        m[r * n + c]! -= factor * m[col * n + c]!
        inv[r * n + c]! -= factor * inv[col * n + c]!
      }
    }
  }
  return inv
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!
  a[i] = a[j]!
  a[j] = t
}

/** x' A x for an n × n matrix A. */
export function quadraticForm(a: Float64Array, x: ArrayLike<number>, n: number): number {
  let sum = 0
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum += x[i]! * a[i * n + j]! * x[j]!
  return sum
}
