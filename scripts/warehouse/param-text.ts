/**
 * A `param_<name>` value as the endpoint hands it to chdb. ClickHouse reads a query parameter in
 * its escaped text form (`\\`, `\'`, `\t`, `\n`… inside strings, and inside the quoted strings of an
 * array), which is how the client and the CLI send it. chdb's `queryBind` takes a JavaScript string
 * for a parameter and escapes it once more for that same text form, so a text passed as it came
 * would reach the engine with every backslash doubled (a search for `\` finding nothing, an
 * actor named O'Brien breaking an array). This gives the value chdb escapes back into the text the
 * client sent: each escape sequence read, and a quote inside an array's or tuple's quoted string
 * written as `''`, which ClickHouse reads as one quote there (chdb's escaping leaves quotes as
 * they are). A value of `\N` alone is NULL.
 */
export function paramForChdb(text: string, type: string | undefined): string | null {
  if (text === '\\N') return null
  if (!text.includes('\\')) return text
  const plainString = type === undefined || /^(Nullable\(|LowCardinality\()*(String|FixedString)\b/.test(type.trim())
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c !== '\\' || i + 1 === text.length) {
      out += c
      continue
    }
    const next = text[++i]!
    const simple = ESCAPES[next]
    if (simple !== undefined) out += simple
    else if (next === "'") out += plainString ? "'" : "''"
    else if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16))
      i += 2
    } else out += `\\${next}` // ClickHouse keeps the backslash of an escape it does not know (`\%` for LIKE).
  }
  return out
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', '0': '\0', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', a: '\x07', v: '\v', '"': '"', '`': '`' }

/** Each `{name:Type}` placeholder's type in `sql`, by name. */
export function paramTypes(sql: string): Map<string, string> {
  const types = new Map<string, string>()
  for (const m of sql.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^}]+)\}/g)) types.set(m[1]!, m[2]!)
  return types
}
