/**
 * A value made with the level filter ignored (bins or a lane grid per threat level), kept for
 * as long as only the level filter changes, so that toggling levels recombines it instead of
 * visiting the rows. The first time a part is made for some inputs, `get` gives null and the
 * part is made from the rows as usual (a pan, a brush or a new region pays no extra pass); when
 * the same inputs come again — the engine puts an object in them that changes with every filter
 * change but the level's — the value is made once and given from then on. `warm` makes it ahead,
 * in idle time, for the inputs last asked.
 */
export class LevelSplit<T> {
  private inputs: readonly unknown[] | null = null
  private value: T | null = null
  /** How to make the value for `inputs`, until it is made. */
  private pending: (() => T) | null = null

  get(inputs: readonly unknown[], make: () => T): T | null {
    const last = this.inputs
    const same = last !== null && last.length === inputs.length && inputs.every((v, i) => Object.is(v, last[i]))
    if (!same) {
      this.inputs = inputs
      this.value = null
      this.pending = make
      return null
    }
    this.value ??= make()
    this.pending = null
    return this.value
  }

  /**
   * Makes the value for the inputs last asked, if not made yet, with what that ask would have
   * made it with; true when it did. The value differs from a later ask's only in the levels, which
   * it ignores, so a later ask with the same inputs takes it; an ask with others drops it.
   */
  warm(): boolean {
    if (this.pending === null || this.value !== null) return false
    this.value = this.pending()
    this.pending = null
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
