/**
 * A set of ids kept as 64-bit hashes in typed arrays (8 bytes a slot), for telling duplicates
 * apart in inputs too large to hold their ids as strings. Two different ids are taken for one
 * only when both 32-bit halves of their hashes agree: about one chance in 10^7 for ten million
 * ids (n² / 2⁶⁵).
 */

/** Slots are filled to at most this fraction before the table grows (linear probing copes well up to ~0.9). */
const MAX_LOAD = 0.85

/** A full table grows by this factor: a gentle step, since old and new are both held while it moves. */
const GROWTH = 1.25

/** Two 32-bit FNV-1a-style hashes (different offsets and primes) of a string; the second is never 0. */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15)
  }
  return [a >>> 0, (b | 1) >>> 0]
}

/** A 32-bit hash mapped onto 0 … capacity - 1 without a division (Lemire, "fast range"). */
function home(hash: number, capacity: number): number {
  return Math.floor((hash / 4294967296) * capacity)
}

/**
 * Open addressing (linear probing) over two Uint32Arrays. Capacities need not be powers of two,
 * so `reserve` can size the table close to the ids expected and it seldom grows: growing holds
 * old and new at once, the peak of its memory.
 */
export class IdHashes {
  private hi: Uint32Array
  private lo: Uint32Array
  private size = 0

  constructor(capacity = 1 << 16) {
    this.hi = new Uint32Array(capacity)
    this.lo = new Uint32Array(capacity)
  }

  /** How many slots the table has (8 bytes each). */
  get capacity(): number {
    return this.lo.length
  }

  /** Makes room for `ids` ids in all, at once, so the table need not grow step by step up to them. */
  reserve(ids: number): void {
    const wanted = Math.ceil(ids / MAX_LOAD)
    if (wanted > this.lo.length) this.rehash(wanted)
  }

  /** Adds `id`; false when it (or an id with the same 64-bit hash) was added before. */
  add(id: string): boolean {
    const [h, l] = hash64(id)
    if (this.size + 1 > this.lo.length * MAX_LOAD) this.rehash(Math.ceil(this.lo.length * GROWTH))
    const capacity = this.lo.length
    for (let slot = home(h, capacity); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
      if (this.lo[slot] === 0) {
        this.hi[slot] = h
        this.lo[slot] = l
        this.size++
        return true
      }
      if (this.hi[slot] === h && this.lo[slot] === l) return false
    }
  }

  private rehash(capacity: number): void {
    const { hi, lo } = this
    this.hi = new Uint32Array(capacity)
    this.lo = new Uint32Array(capacity)
    for (let i = 0; i < lo.length; i++) {
      if (lo[i] === 0) continue
      let slot = home(hi[i]!, capacity)
      while (this.lo[slot] !== 0) slot = slot + 1 === capacity ? 0 : slot + 1
      this.hi[slot] = hi[i]!
      this.lo[slot] = lo[i]!
    }
  }
}
