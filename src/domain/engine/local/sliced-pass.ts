import type { Slices } from './level-split.ts'

/**
 * One pass over the rows made ahead a slice at a time for the inputs it was started with, to be
 * taken by the answer that would otherwise make it in one go. Starting it for other inputs drops
 * the slices under way; taking it with other inputs gives null (the caller makes the value as
 * usual). A value is taken once.
 */
export class SlicedPass<T> {
  private inputs: readonly unknown[] | null = null
  private slices: Slices<T> | null = null
  private done = false

  /** Starts the pass for `inputs` unless it is under way (or made) for the same ones. */
  start(inputs: readonly unknown[], make: () => Slices<T>): void {
    if (this.matches(inputs)) return
    this.inputs = inputs
    this.slices = make()
    this.done = false
  }

  /** True when the pass is under way or made for `inputs`. */
  matches(inputs: readonly unknown[]): boolean {
    const last = this.inputs
    return last !== null && this.slices !== null && last.length === inputs.length && inputs.every((v, i) => Object.is(v, last[i]))
  }

  /** Goes on by up to `rows` rows; true when it did some work (call again until false). */
  step(rows: number): boolean {
    if (this.slices === null || this.done) return false
    this.done = this.slices.step(rows)
    return true
  }

  /** The value for `inputs`, the rows left made now; null when the pass was started for others (or never). */
  take(inputs: readonly unknown[]): T | null {
    if (!this.matches(inputs)) return null
    const slices = this.slices!
    if (!this.done) slices.step(Infinity)
    this.inputs = null
    this.slices = null
    this.done = false
    return slices.value()
  }
}
