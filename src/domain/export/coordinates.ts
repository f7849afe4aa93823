/**
 * How every export writes a coordinate: as the source gave it, with at most six decimals
 * (≈ 0.1 m at the equator). CSV, dataset JSON, GeoJSON and STIX all go through `exportDeg`, so
 * one event's point reads the same in each, and reading an export back gives the same number.
 */

/** Decimals kept in exported coordinates: 6 ≈ 0.11 m of latitude. */
export const COORDINATE_DECIMALS = 6

/**
 * A coordinate in degrees as written to a file: the shortest decimal of the value, rounded to
 * `COORDINATE_DECIMALS` when it has more. Idempotent: `exportDeg(exportDeg(x)) === exportDeg(x)`.
 * Minus zero becomes 0. Not for NaN or infinities (callers leave those out).
 */
export function exportDeg(deg: number): number {
  const rounded = Number(deg.toFixed(COORDINATE_DECIMALS))
  return rounded === 0 ? 0 : rounded
}

/**
 * A coordinate read from a float32 column (the table's `latDeg`/`lonDeg`), as the decimal it was
 * stored from: the shortest decimal that gives the same float32 (45.4666 rather than its double
 * expansion 45.46659851074219), then as `exportDeg`. For columns only; an event's own location
 * is a double and goes to `exportDeg` directly.
 */
export function exportFloat32Deg(deg: number): number {
  // float32 holds 6 to 9 significant decimal digits; the first precision that survives the round trip is the shortest.
  for (let digits = 6; digits < 9; digits++) {
    const text = deg.toPrecision(digits)
    if (Math.fround(Number(text)) === deg) return exportDeg(Number(text))
  }
  return exportDeg(deg)
}
