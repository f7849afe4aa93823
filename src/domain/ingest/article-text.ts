/**
 * The shape of a news article's text: boilerplate lines dropped, a headline, the lead paragraph
 * and the body paragraphs, and the bullet lines of a timeline list.
 */

export interface ArticleText {
  /** A short label above the headline ("China News"), when there is one. */
  readonly kicker?: string
  readonly headline?: string
  /** The first paragraph that reads as prose (the news lead). */
  readonly lead?: string
  /** Every kept paragraph, in order (bullets are paragraphs of their own). */
  readonly paragraphs: readonly string[]
  /** Bullet or numbered lines, without their marker. */
  readonly bullets: readonly string[]
  /** How many lines were dropped as boilerplate. */
  readonly dropped: number
}

/** "Related: …", "Read more", "Advertisement", sign-up and share prompts. */
const BOILERPLATE_LINE =
  /^(related( stories| articles| coverage)?\s*[:|–—-]|read (more|also|next)\b|see also\b|more on this\b|advertisement$|sponsored\b|subscribe\b|sign up\b|share (this|on)\b|follow us\b|click here\b|©|copyright\b)/i

/**
 * A product plug: a short line (at most 30 words) that opens with a Title Case product name of one to five words,
 * then an en or em dash and a pitch with a sales word ("Glow Sticks – Stay visible — or mark
 * trails…"); a dateline such as "KYIV – Russian forces attacked…" has no sales word and stays.
 */
const PRODUCT_PLUG = /^(?:[A-Z0-9][\w'’-]*\s){0,4}[A-Z0-9][\w'’-]*\s[–—]\s\S/
/** The pitch of a plug sells: shop, buy, compare, deals, "stay visible", "reliable"… */
const SALES_WORDS = /\b(shop|buy|order|compare|deals?|discount|save|stay|get|try|grab|upgrade|best|reliable|long-lasting|affordable)\b/i

function isProductPlug(line: string): boolean {
  return PRODUCT_PLUG.test(line) && wordCount(line) <= 30 && SALES_WORDS.test(line.replace(/^[^–—]*[–—]/, ''))
}
const BULLET = /^\s*(?:[•·▪◦●*–-]|\d{1,2}[.)])\s+/

function wordCount(line: string): number {
  return line.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length
}

function isProse(line: string): boolean {
  return wordCount(line) >= 12 && /[.!?”"’)]$/.test(line)
}

/** A headline: 4–30 words, no full stop at the end, not a bullet. */
function isHeadline(line: string): boolean {
  const words = wordCount(line)
  return words >= 4 && words <= 30 && !/[.:;,]$/.test(line) && !BULLET.test(line)
}

/** Splits cleaned article text into its parts. `headline` wins over the text's own when given (HTML <h1>). */
export function structureArticle(text: string, headline?: string): ArticleText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/\s+/g, ' ').trim())
  const paragraphs: string[] = []
  const bullets: string[] = []
  let dropped = 0
  for (const line of lines) {
    if (line === '') continue
    if (BOILERPLATE_LINE.test(line) || isProductPlug(line)) {
      dropped++
      continue
    }
    paragraphs.push(line)
    if (BULLET.test(line)) bullets.push(line.replace(BULLET, '').trim())
  }
  let kicker: string | undefined
  let title = headline?.trim() || undefined
  const leadIndex = paragraphs.findIndex((p) => isProse(p) && !BULLET.test(p))
  if (!title) {
    const before = leadIndex === -1 ? paragraphs : paragraphs.slice(0, leadIndex)
    const index = before.findIndex(isHeadline)
    if (index >= 0) {
      title = before[index]
      if (index > 0 && wordCount(before[0]!) <= 3) kicker = before[0]
    }
  }
  const lead = leadIndex >= 0 ? paragraphs[leadIndex] : undefined
  return {
    ...(kicker ? { kicker } : {}),
    ...(title ? { headline: title } : {}),
    ...(lead ? { lead } : {}),
    paragraphs,
    bullets,
    dropped,
  }
}
