/**
 * Cuts a CSV text fed in slices of any size (a file's bytes as they are read, decoded) into its
 * header and pieces of whole records of about `pieceChars` characters (quotes honoured), each
 * handed on with the header as it is cut. A record longer than a piece is taken whole.
 */
export class CsvPieces {
  private carry = ''
  private header: string | null = null
  private any = false

  constructor(
    private readonly pieceChars: number,
    private readonly onPiece: (header: string, piece: string) => void,
  ) {}

  push(text: string): void {
    this.carry += this.header === null && this.carry === '' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
    if (this.header === null) {
      const end = lastRecordEndOfFirst(this.carry)
      if (end === -1) return
      this.header = this.carry.slice(0, end)
      this.carry = this.carry.slice(end)
    }
    while (this.carry.length >= this.pieceChars) {
      const cut = lastRecordEnd(this.carry.slice(0, this.pieceChars))
      const at = cut > 0 ? cut : lastRecordEnd(this.carry)
      if (at === 0) return
      this.hand(this.carry.slice(0, at))
      this.carry = this.carry.slice(at)
    }
  }

  /** Hands on what is left; a text of a header alone is handed on as one empty piece. */
  finish(): void {
    if (this.header === null) {
      this.header = this.carry
      this.carry = ''
    }
    if (this.carry.trim() !== '' || !this.any) this.hand(this.carry)
    this.carry = ''
  }

  private hand(piece: string): void {
    this.any = true
    this.onPiece(this.header!, piece)
  }
}

/** End of the last whole record in `text` (index after its line feed), by quote parity; 0 when none. */
function lastRecordEnd(text: string): number {
  let inQuotes = false
  let end = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) inQuotes = !inQuotes
    else if (c === 10 && !inQuotes) end = i + 1
  }
  return end
}

/** End of the header record (after its line feed, quotes honoured), or -1 when it is not whole yet. */
function lastRecordEndOfFirst(text: string): number {
  let inQuotes = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) inQuotes = !inQuotes
    else if (c === 10 && !inQuotes) return i + 1
  }
  return -1
}
