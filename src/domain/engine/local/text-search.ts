/**
 * Text search through the token index (text-index.ts) once one has been built for a titles
 * column, else through every title: the same answer either way.
 *
 * Why the index gives the answer of a search of every title (`stringsContaining`): a needle with
 * no separator can only match inside one token — a case-insensitive match pairs each needle unit
 * with a title unit that has the same upper case, and no letter, digit or non-ASCII unit has an
 * ASCII separator as its case partner (a regular expression never folds a unit ≥ 128 into ASCII) —
 * so the rows holding it are those of the tokens holding it. A needle with separators is split
 * into its tokens; the rows of its rarest token are candidates, each checked against the whole
 * needle. A needle of separators alone searches every title.
 */
import { stringAt, stringCount, stringsContaining, type StringColumn } from '../../string-column.ts'
import { tokensOf, type TextIndex } from './text-index.ts'

// The index of each titles column that has one (columns never change).
const indexes = new WeakMap<StringColumn, TextIndex>()

/** Searches `titles` through `index` from now on; an index built over another number of titles is refused. */
export function adoptTextIndex(titles: StringColumn, index: TextIndex): boolean {
  if (index.titleCount !== stringCount(titles)) return false
  indexes.set(titles, index)
  return true
}

/** Whether `titles` is searched through an index. */
export function hasTextIndex(titles: StringColumn): boolean {
  return indexes.has(titles)
}

/** Which titles hold `needle`, ignoring case (1 for a title that holds it, else 0): through its index when it has one. */
export function titlesHolding(titles: StringColumn, needle: string): Uint8Array {
  const index = indexes.get(titles)
  return index === undefined ? stringsContaining(titles, needle) : titlesContaining(index, titles, needle)
}

/** Rows of the tokens holding `piece`, and how many there are. */
function rowsOfTokensHolding(index: Pick<TextIndex, 'vocabulary' | 'offsets'>, piece: string): { tokenHits: Uint8Array; rowCount: number } {
  const tokenHits = stringsContaining(index.vocabulary, piece)
  let rowCount = 0
  for (let t = 0; t < tokenHits.length; t++) rowCount += tokenHits[t]! * (index.offsets[t + 1]! - index.offsets[t]!)
  return { tokenHits, rowCount }
}

/**
 * The tokens whose rows are the index's answer for `needle` (1 for a token): those holding its
 * rarest piece. `exact` says whether their rows are the answer; when the needle spans separators
 * they are candidates, each to be checked against the whole needle. Null for a needle of
 * separators alone (every title must be searched).
 */
export function tokensFor(index: Pick<TextIndex, 'vocabulary' | 'offsets'>, needle: string): { tokenHits: Uint8Array; exact: boolean } | null {
  const pieces = tokensOf(needle)
  if (pieces.length === 0) return null
  let rarest = rowsOfTokensHolding(index, pieces[0]!)
  for (let p = 1; p < pieces.length; p++) {
    const other = rowsOfTokensHolding(index, pieces[p]!)
    if (other.rowCount < rarest.rowCount) rarest = other
  }
  return { tokenHits: rarest.tokenHits, exact: pieces.length === 1 && pieces[0]!.length === needle.length }
}

/**
 * The rows the index finds for `needle` (1 for a row), and whether that is the answer (see
 * `tokensFor`). Null for a needle of separators alone.
 */
export function indexedRows(index: TextIndex, needle: string): { hits: Uint8Array; exact: boolean } | null {
  const found = tokensFor(index, needle)
  if (found === null) return null
  const hits = new Uint8Array(index.titleCount)
  const { tokenHits } = found
  const { offsets, rows } = index
  for (let t = 0; t < tokenHits.length; t++) {
    if (tokenHits[t] === 0) continue
    for (let k = offsets[t]!; k < offsets[t + 1]!; k++) hits[rows[k]!] = 1
  }
  return { hits, exact: found.exact }
}

/** The case-insensitive pattern of `needle` taken literally, as `stringsContaining` matches it. */
export function needlePattern(needle: string): RegExp {
  return new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
}

/**
 * Which titles hold `needle`, ignoring case: the same answer as `stringsContaining(titles,
 * needle)`, from the index built over those titles (1 for a title that holds it, else 0).
 */
export function titlesContaining(index: TextIndex, titles: StringColumn, needle: string): Uint8Array {
  const found = indexedRows(index, needle)
  if (found === null) return stringsContaining(titles, needle)
  const { hits, exact } = found
  if (exact) return hits
  // The needle spans separators: the rarest token's rows are candidates, each checked whole.
  const pattern = needlePattern(needle)
  for (let row = 0; row < hits.length; row++) if (hits[row] === 1 && !pattern.test(stringAt(titles, row))) hits[row] = 0
  return hits
}
