/** A value made a number of rows at a time: `step(rows)` goes on and is true once every row is in; `value()` then gives it. */
export interface Slices<T> {
  step(rows: number): boolean
  value(): T
}

/**
 * A value made with the level filter ignored (bins or a lane grid per threat level), kept for
 * as long as only the level filter changes, so that toggling levels recombines it instead of
 * visiting the rows. The first time a part is made for some inputs, `get` gives null and the
 * part is made from the rows as usual (a pan, a brush or a new region pays no extra pass); when
 * the same inputs come again — the engine puts an object in them that changes with every filter
 * change but the level's — the value is made once and given from then on. `warm` makes it ahead,
 * in idle time, for the inputs last asked, a slice of rows at a time where the part can be made so.
 */
export class LevelSplit<T> {
  private inputs: readonly unknown[] | null = null
  private value: T | null = null
  /** How to make the value for `inputs`, until it is made: at once, or in slices. */
  private pending: { readonly make: () => T; readonly slices?: () => Slices<T> } | null = null
  /** The slices under way, once `warm` has started them. */
  private sliced: Slices<T> | null = null

  get(inputs: readonly unknown[], make: () => T, slices?: () => Slices<T>): T | null {
    const last = this.inputs
    const same = last !== null && last.length === inputs.length && inputs.every((v, i) => Object.is(v, last[i]))
    if (!same) {
      this.inputs = inputs
      this.value = null
      this.pending = { make, slices }
      this.sliced = null
      return null
    }
    if (this.value === null) {
      // Slices under way are finished rather than started again.
      const sliced = this.sliced
      this.value = sliced !== null && sliced.step(Infinity) ? sliced.value() : make()
    }
    this.pending = null
    this.sliced = null
    return this.value
  }

  /**
   * Makes the value for the inputs last asked, if not made yet, with what that ask would have
   * made it with: up to `rows` rows where it is made in slices, else at once. True when it did
   * some work (call again until false). The value differs from a later ask's only in the levels,
   * which it ignores, so a later ask with the same inputs takes it; an ask with others drops it.
   */
  warm(rows = Infinity): boolean {
    const pending = this.pending
    if (pending === null || this.value !== null) return false
    if (pending.slices !== undefined) {
      this.sliced ??= pending.slices()
      if (!this.sliced.step(rows)) return true
      this.value = this.sliced.value()
    } else {
      this.value = pending.make()
    }
    this.pending = null
    this.sliced = null
    return true
  }
}

/**
 * The last few values made and what each was made from: a value is made again only when no kept
 * one has the same inputs (`Object.is`). Keeping more than one lets a filter that flips between
 * two states (a level shown and hidden) find both answers.
 */
export class Memo<T> {
  private entries: { inputs: readonly unknown[]; value: T }[] = []

  constructor(private readonly capacity = 1) {}

  get(inputs: readonly unknown[], make: () => T): T {
    const at = this.entries.findIndex((e) => e.inputs.length === inputs.length && inputs.every((v, i) => Object.is(v, e.inputs[i])))
    if (at >= 0) {
      const [entry] = this.entries.splice(at, 1)
      this.entries.unshift(entry!)
      return entry!.value
    }
    const value = make()
    this.entries.unshift({ inputs, value })
    this.entries.length = Math.min(this.entries.length, this.capacity)
    return value
  }
}

/** What a part needs to use a LevelSplit: the split, the engine's level-free token and the levels shown (1 per level, index level - 1). */
export interface LevelSplitUse<T> {
  readonly split: LevelSplit<T>
  readonly levelFree: object
  readonly selected: Uint8Array
}
