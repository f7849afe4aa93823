/**
 * Dense numbers for distinct strings, in the order they were first added: an open-addressing
 * hash table (linear probing, FNV-1a over UTF-16 code units, kept at most half full). The CSV
 * reader checks every id of a file for duplicates with it: a JS Map of a million fresh strings
 * rehashes as it grows and cost several times more per id there.
 */

/** FNV-1a, 32 bits, over the string's code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash
}

function tableSize(keys: number): number {
  let size = 16
  while (size < keys * 2) size *= 2
  return size
}

export class StringIndex {
  /** The strings added, by number. Read only: add through indexOrAdd. */
  readonly keys: string[] = []
  /** Key number + 1 per slot; 0 for an empty slot. */
  private slots: Int32Array
  private mask: number

  /** `expected`: about how many distinct strings will be added (the table grows past it). */
  constructor(expected = 0) {
    this.slots = new Int32Array(tableSize(expected))
    this.mask = this.slots.length - 1
  }

  get size(): number {
    return this.keys.length
  }

  /** The number of `key`; a new key is added and gets the next number (the old size). */
  indexOrAdd(key: string): number {
    const slots = this.slots
    const keys = this.keys
    let slot = hashOf(key) & this.mask
    for (let at = slots[slot]!; at !== 0; at = slots[slot]!) {
      if (keys[at - 1] === key) return at - 1
      slot = (slot + 1) & this.mask
    }
    const index = keys.length
    keys.push(key)
    slots[slot] = index + 1
    if (keys.length * 2 > slots.length) this.grow()
    return index
  }

  /** The number of `key`, or -1 when it was never added. */
  indexOf(key: string): number {
    const slots = this.slots
    let slot = hashOf(key) & this.mask
    for (let at = slots[slot]!; at !== 0; at = slots[slot]!) {
      if (this.keys[at - 1] === key) return at - 1
      slot = (slot + 1) & this.mask
    }
    return -1
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let index = 0; index < this.keys.length; index++) {
      let slot = hashOf(this.keys[index]!) & mask
      while (slots[slot] !== 0) slot = (slot + 1) & mask
      slots[slot] = index + 1
    }
    this.slots = slots
    this.mask = mask
  }
}
