/**
 * A list of strings sent between threads as one string and the end of each: copying a million
 * separate strings through postMessage costs both threads several times more than copying one
 * long string (the ends are a typed array, transferred). string-column.ts reads them.
 */

export interface PackedStrings {
  /** The strings end to end. */
  readonly text: string
  /** Where each string ends in `text` (UTF-16 code units); string i starts where i - 1 ends. */
  readonly ends: Uint32Array
}

export function packStrings(list: readonly string[]): PackedStrings {
  const ends = new Uint32Array(list.length)
  let end = 0
  for (let i = 0; i < list.length; i++) {
    end += list[i]!.length
    ends[i] = end
  }
  return { text: list.join(''), ends }
}
