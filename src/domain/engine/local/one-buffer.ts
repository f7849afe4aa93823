/**
 * Typed arrays carved from one buffer. A typed array over a buffer of its own costs an
 * allocation outside the JS heap (about a microsecond, more than copying a few kilobytes) and
 * later a sweep: an update that makes a dozen small arrays at once (a time-brush move makes
 * them on every step of a drag) makes them from one buffer instead.
 */

/** Zeroed arrays of the given lengths, 32-bit ones then 8-bit ones, all over one buffer. */
export function zeroedInOne(wordLengths: readonly number[], byteLengths: readonly number[] = []): { words: Uint32Array[]; bytes: Uint8Array[] } {
  let wordTotal = 0
  for (const length of wordLengths) wordTotal += length
  let byteTotal = 0
  for (const length of byteLengths) byteTotal += length
  const buffer = new ArrayBuffer(wordTotal * 4 + byteTotal)
  let at = 0
  const words = wordLengths.map((length) => {
    const array = new Uint32Array(buffer, at, length)
    at += length * 4
    return array
  })
  const bytes = byteLengths.map((length) => {
    const array = new Uint8Array(buffer, at, length)
    at += length
    return array
  })
  return { words, bytes }
}

/** Copies of `words` and `bytes`, all over one new buffer. */
export function copiedInOne(words: readonly Uint32Array[], bytes: readonly Uint8Array[] = []): { words: Uint32Array[]; bytes: Uint8Array[] } {
  const out = zeroedInOne(
    words.map((array) => array.length),
    bytes.map((array) => array.length),
  )
  words.forEach((array, i) => out.words[i]!.set(array))
  bytes.forEach((array, i) => out.bytes[i]!.set(array))
  return out
}
