/** How wide a run of text is drawn, in CSS px, at a size and weight. */
export type MeasureText = (text: string, sizePx: number, weight: number) => number

/**
 * An estimate for where no canvas can measure (node tests): 0.56 em a character, 0.6 bold,
 * which is at or above a sans-serif's average, so text laid out with it fits when drawn.
 */
export const estimateText: MeasureText = (text, sizePx, weight) => [...text].length * sizePx * (weight >= 600 ? 0.6 : 0.56)

/**
 * Breaks `text` into lines no wider than `maxPx` at spaces; a word wider than a line is broken
 * between characters. Nothing is cut or ellipsised: every character is on some line.
 */
export function wrapText(text: string, maxPx: number, sizePx: number, weight: number, measure: MeasureText): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w !== '')
  const lines: string[] = []
  let line = ''
  const fits = (s: string): boolean => measure(s, sizePx, weight) <= maxPx
  for (const word of words) {
    const tried = line === '' ? word : `${line} ${word}`
    if (fits(tried)) {
      line = tried
      continue
    }
    if (line !== '') lines.push(line)
    line = ''
    let rest = word
    while (!fits(rest)) {
      const chars = [...rest]
      let n = chars.length - 1
      while (n > 1 && !fits(chars.slice(0, n).join(''))) n--
      lines.push(chars.slice(0, n).join(''))
      rest = chars.slice(n).join('')
    }
    line = rest
  }
  if (line !== '') lines.push(line)
  return lines
}
