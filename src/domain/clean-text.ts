/**
 * Text cleaned once, where it enters (every reader) and again where it leaves for a strict
 * format (XML in SVG and PowerPoint): C0 and C1 control characters other than tab, line feed
 * and carriage return, the non-characters U+FFFE and U+FFFF, and lone surrogates (half of a
 * pair, which no encoding can write) each become U+FFFD, the replacement character, so that
 * what was there stays visible. XML 1.0 allows every other character (its `Char` production), so
 * cleaned text is always valid XML text once `&`, `<`, `>` and quotes are escaped.
 */

export const REPLACEMENT_CHAR = '\uFFFD'

// Control characters are what these expressions are for.
/* eslint-disable no-control-regex */
// A quick test first: most text has none of these, and is then returned as it is.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/* eslint-enable no-control-regex */

/** `text` with every unsafe character (see above) replaced by U+FFFD; the same string when there is none. */
export function cleanText(text: string): string {
  if (!SUSPECT.test(text)) return text
  return text.replace(UNSAFE, REPLACEMENT_CHAR)
}

/** True when `text` holds nothing cleanText would replace. */
export function isCleanText(text: string): boolean {
  return cleanText(text) === text
}

/**
 * `value` with every string in it cleaned (arrays and plain objects walked, keys included);
 * the same object wherever nothing changed, so clean input costs no copies.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      const cleaned = cleanStrings(item)
      if (cleaned !== item) (out ??= value.slice())[i] = cleaned
    }
    return (out ?? value) as T
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value
  let out: Record<string, unknown> | null = null
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const item = record[key]
    const cleanKey = cleanText(key)
    const cleaned = cleanStrings(item)
    if (cleaned === item && cleanKey === key) continue
    out ??= { ...record }
    if (cleanKey !== key) delete out[key]
    // Defined, not assigned: a key "__proto__" stays a plain key and never sets a prototype.
    Object.defineProperty(out, cleanKey, { value: cleaned, enumerable: true, writable: true, configurable: true })
  }
  return (out ?? value) as T
}
