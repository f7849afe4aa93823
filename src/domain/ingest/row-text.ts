/**
 * The text of a CSV input, whole or in pieces. The worker posts a long text in pieces, one
 * message each, so that the main thread takes 80 MB in short tasks; every piece is cut where no
 * accepted row spans the cut, so a row's text is sliced from the one piece that holds it.
 */

export interface TextPieces {
  readonly pieces: readonly string[]
  /** Where each piece starts in the whole text. */
  readonly starts: readonly number[]
}

export type RowText = string | TextPieces

/**
 * Cuts `body` into pieces of about `maxChars` (a piece runs on to the next row start), cutting
 * only where an accepted row starts (`rowStart`, ascending), so that no row spans two pieces.
 * Gives the body whole when the row starts are not ascending.
 */
export function cutBetweenRows(body: string, rowStart: Uint32Array, maxChars: number): string[] {
  for (let i = 1; i < rowStart.length; i++) if (rowStart[i]! < rowStart[i - 1]!) return [body]
  const pieces: string[] = []
  let from = 0
  for (let i = 0; i < rowStart.length; i++) {
    const at = rowStart[i]!
    if (at - from >= maxChars) {
      pieces.push(body.slice(from, at))
      from = at
    }
  }
  pieces.push(body.slice(from))
  return pieces
}

/** The pieces as one RowText: the piece itself when there is one. */
export function rowTextOf(pieces: readonly string[]): RowText {
  if (pieces.length <= 1) return pieces[0] ?? ''
  const starts: number[] = []
  let at = 0
  for (const piece of pieces) {
    starts.push(at)
    at += piece.length
  }
  return { pieces, starts }
}

/** The text of [start, end), which lies within one piece. */
export function sliceRowText(text: RowText, start: number, end: number): string {
  if (typeof text === 'string') return text.slice(start, end)
  const { pieces, starts } = text
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= start) lo = mid
    else hi = mid - 1
  }
  return pieces[lo]!.slice(start - starts[lo]!, end - starts[lo]!)
}

/** The whole text as one string. */
export function wholeRowText(text: RowText): string {
  return typeof text === 'string' ? text : text.pieces.join('')
}
