/**
 * Token postings over a column of titles, so that a text search looks up the few words that hold
 * the needle instead of searching every title (an inverted index, as search engines keep).
 *
 * A token is a longest run of characters that are not ASCII separators (an ASCII character other
 * than a letter or a digit); tokens keep their case. The index lists, per distinct token, the
 * rows whose title holds it (ascending, each once).
 *
 * Why the answer is the same as searching every title (`stringsContaining`): a needle with no
 * separator can only match inside one token — a case-insensitive match pairs each needle unit with
 * a title unit that has the same upper case, and no letter, digit or non-ASCII unit has an ASCII
 * separator as its case partner (a regular expression never folds a unit ≥ 128 into ASCII) — so
 * the rows holding it are those of the tokens holding it. A needle with separators is split into
 * its tokens; the rows of its rarest token are candidates, each checked against the whole needle.
 * A needle of separators alone searches every title.
 */
import type { PackedStrings } from '../../ingest/packed-strings.ts'
import { isPackedColumn, stringAt, stringCount, stringsContaining, type StringColumn } from '../../string-column.ts'

export interface TextIndex {
  /** The distinct tokens, packed (string-column.ts). */
  readonly vocabulary: PackedStrings
  /** Token t's rows are `rows[offsets[t]]` up to `rows[offsets[t + 1]]`. */
  readonly offsets: Uint32Array
  /** Row numbers, ascending within each token. */
  readonly rows: Uint32Array
}

/** True for a UTF-16 unit that separates tokens: ASCII, neither a letter nor a digit. */
export function isSeparator(unit: number): boolean {
  return unit < 128 && !((unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90) || (unit >= 97 && unit <= 122))
}

/** Calls `visit` with the start and end of each token of `text` between `from` and `to`, in order. */
function scanTokens(text: string, from: number, to: number, visit: (start: number, end: number) => void): void {
  let start = -1
  for (let i = from; i < to; i++) {
    if (isSeparator(text.charCodeAt(i))) {
      if (start >= 0) visit(start, i)
      start = -1
    } else if (start < 0) start = i
  }
  if (start >= 0) visit(start, to)
}

/** The tokens of `text`, in order, repeats kept. */
export function tokensOf(text: string): string[] {
  const out: string[] = []
  scanTokens(text, 0, text.length, (start, end) => out.push(text.slice(start, end)))
  return out
}

/** A growable list of 32-bit numbers. */
class U32List {
  values = new Uint32Array(1024)
  length = 0
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = v
  }
}

// A list column of shared strings (the synthetic generator's) is tokenised once per distinct
// title; up to this many are remembered.
const MEMO_TITLES = 65_536

/**
 * Builds the postings of every title of `titles`. Cost: one pass over the text, a map lookup per
 * token; about 8 bytes per (row, distinct token) while building, 4 once built.
 */
export function buildTextIndex(titles: StringColumn): TextIndex {
  const count = stringCount(titles)
  const tokenIds = new Map<string, number>()
  const tokens: string[] = []
  const lastRow = new U32List()
  const pairToken = new U32List()
  const pairRow = new U32List()
  const memo = new Map<string, readonly number[]>()
  const idOf = (token: string): number => {
    let id = tokenIds.get(token)
    if (id === undefined) {
      id = tokens.length
      tokenIds.set(token, id)
      tokens.push(token)
      lastRow.push(0xffffffff)
    }
    return id
  }
  const add = (row: number, id: number): void => {
    if (lastRow.values[id] === row) return
    lastRow.values[id] = row
    pairToken.push(id)
    pairRow.push(row)
  }
  if (isPackedColumn(titles)) {
    const { text, ends } = titles
    for (let row = 0, from = 0; row < count; from = ends[row]!, row++) {
      scanTokens(text, from, ends[row]!, (start, end) => add(row, idOf(text.slice(start, end))))
    }
  } else {
    for (let row = 0; row < count; row++) {
      const title = titles[row]!
      let ids = memo.get(title)
      if (ids === undefined) {
        ids = tokensOf(title).map(idOf)
        if (memo.size < MEMO_TITLES) memo.set(title, ids)
      }
      for (const id of ids) add(row, id)
    }
  }
  const offsets = new Uint32Array(tokens.length + 1)
  for (let k = 0; k < pairToken.length; k++) offsets[pairToken.values[k]! + 1]!++
  for (let t = 0; t < tokens.length; t++) offsets[t + 1]! += offsets[t]!
  const rows = new Uint32Array(pairToken.length)
  const next = offsets.slice(0, tokens.length)
  // Pairs come in row order, so each token's rows come out ascending.
  for (let k = 0; k < pairToken.length; k++) rows[next[pairToken.values[k]!]!++] = pairRow.values[k]!
  const vocabulary = { text: tokens.join(''), ends: new Uint32Array(tokens.length) }
  let end = 0
  for (let t = 0; t < tokens.length; t++) vocabulary.ends[t] = end += tokens[t]!.length
  return { vocabulary, offsets, rows }
}

// The index of each titles column searched so far (columns never change).
const indexes = new WeakMap<StringColumn, TextIndex>()

/** The index over `titles`, built on first need and kept while the column lives. */
export function textIndexOf(titles: StringColumn): TextIndex {
  let index = indexes.get(titles)
  if (index === undefined) {
    index = buildTextIndex(titles)
    indexes.set(titles, index)
  }
  return index
}

/** Rows of the tokens holding `piece`, and how many there are. */
function rowsOfTokensHolding(index: TextIndex, piece: string): { tokenHits: Uint8Array; rowCount: number } {
  const tokenHits = stringsContaining(index.vocabulary, piece)
  let rowCount = 0
  for (let t = 0; t < tokenHits.length; t++) rowCount += tokenHits[t]! * (index.offsets[t + 1]! - index.offsets[t]!)
  return { tokenHits, rowCount }
}

/**
 * Which titles hold `needle`, ignoring case: the same answer as `stringsContaining(titles,
 * needle)`, from the index built over those titles (1 for a title that holds it, else 0).
 */
export function titlesContaining(index: TextIndex, titles: StringColumn, needle: string): Uint8Array {
  const pieces = tokensOf(needle)
  if (pieces.length === 0) return stringsContaining(titles, needle)
  let rarest = rowsOfTokensHolding(index, pieces[0]!)
  for (let p = 1; p < pieces.length; p++) {
    const other = rowsOfTokensHolding(index, pieces[p]!)
    if (other.rowCount < rarest.rowCount) rarest = other
  }
  const hits = new Uint8Array(stringCount(titles))
  const { tokenHits } = rarest
  const { offsets, rows } = index
  for (let t = 0; t < tokenHits.length; t++) {
    if (tokenHits[t] === 0) continue
    for (let k = offsets[t]!; k < offsets[t + 1]!; k++) hits[rows[k]!] = 1
  }
  if (pieces.length === 1 && pieces[0]!.length === needle.length) return hits
  // The needle spans separators: the rarest token's rows are candidates, each checked whole.
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
  for (let row = 0; row < hits.length; row++) if (hits[row] === 1 && !pattern.test(stringAt(titles, row))) hits[row] = 0
  return hits
}
