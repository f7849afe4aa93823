import fc from 'fast-check'

/**
 * Strings that break strict formats: control characters, U+FFFE/U+FFFF, lone surrogates (high
 * and low), markup characters and CDATA ends, mixed with ordinary and astral text.
 */
export const NASTY_PIECES = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\u007F', '\u0085', '\u009F', '\uFFFE', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '<', '>', '&', '"', "'", ']]>', '<!--', '\uD83D\uDE00', 'é', '\t', '\n', '\r', ' ']

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...NASTY_PIECES)), { maxLength: 10 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

/** Characters no XML 1.0 document may hold, and unpaired surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Every string inside `value` (walked deeply) that holds an unsafe character. */
export function unsafeStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (UNSAFE.test(value)) found.push(value)
  } else if (Array.isArray(value)) for (const item of value) unsafeStrings(item, found)
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) unsafeStrings([key, item], found)
  return found
}
