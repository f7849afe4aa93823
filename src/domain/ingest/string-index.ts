/**
 * Dense numbers for distinct strings, in the order they were first added: an open-addressing
 * hash table (linear probing, FNV-1a over UTF-16 code units, kept at most half full). The CSV
 * reader checks every id of a file for duplicates with it: a JS Map of a million fresh strings
 * rehashes as it grows and cost several times more per id there.
 *
 * Each slot holds its key's full hash beside its number, so a probe that meets another key
 * tells them apart from the slot alone: the other key's string, elsewhere in memory (a cache
 * miss at a million keys), is read only when the hashes are equal. Looking up the second half
 * of a long file's ids in the first half's index (csv-merge.ts) meets other keys on most probes.
 */

/** FNV-1a, 32 bits, over the string's code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash
}

/** Slots for `keys` keys: a power of two, at least twice as many. */
function slotCount(keys: number): number {
  let size = 16
  while (size < keys * 2) size *= 2
  return size
}

export class StringIndex {
  /** The strings added, by number. Read only: add through indexOrAdd. */
  readonly keys: string[] = []
  /** Two entries per slot: its key's number + 1 (0 for an empty slot), then the key's hash. */
  private slots: Int32Array
  private mask: number

  /** `expected`: about how many distinct strings will be added (the table grows past it). */
  constructor(expected = 0) {
    const count = slotCount(expected)
    this.slots = new Int32Array(count * 2)
    this.mask = count - 1
  }

  get size(): number {
    return this.keys.length
  }

  /** The number of `key`; a new key is added and gets the next number (the old size). */
  indexOrAdd(key: string): number {
    const slots = this.slots
    const hash = hashOf(key)
    let slot = hash & this.mask
    for (let at = slots[slot * 2]!; at !== 0; at = slots[slot * 2]!) {
      if (slots[slot * 2 + 1] === hash && this.keys[at - 1] === key) return at - 1
      slot = (slot + 1) & this.mask
    }
    const index = this.keys.length
    this.keys.push(key)
    slots[slot * 2] = index + 1
    slots[slot * 2 + 1] = hash
    if (this.keys.length * 4 > slots.length) this.grow()
    return index
  }

  /** The number of `key`, or -1 when it was never added. */
  indexOf(key: string): number {
    const slots = this.slots
    const hash = hashOf(key)
    let slot = hash & this.mask
    for (let at = slots[slot * 2]!; at !== 0; at = slots[slot * 2]!) {
      if (slots[slot * 2 + 1] === hash && this.keys[at - 1] === key) return at - 1
      slot = (slot + 1) & this.mask
    }
    return -1
  }

  /** Twice the slots, each key placed again by the hash it keeps. */
  private grow(): void {
    const old = this.slots
    const slots = new Int32Array(old.length * 2)
    const mask = slots.length / 2 - 1
    for (let from = 0; from < old.length; from += 2) {
      const at = old[from]!
      if (at === 0) continue
      const hash = old[from + 1]!
      let slot = hash & mask
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask
      slots[slot * 2] = at
      slots[slot * 2 + 1] = hash
    }
    this.slots = slots
    this.mask = mask
  }
}
