/**
 * HTML to readable text for the article importer, without a DOM (the domain runs in Node and
 * workers too): a small tag scanner that drops whole elements that are never the story
 * (scripts, styles, navigation, asides, forms, and elements whose class, id or role names an
 * ad, promotion, "related" box, share bar or newsletter sign-up), turns block elements into
 * line breaks and decodes character references. Text stays text: nothing is ever rendered.
 */

export interface HtmlText {
  readonly text: string
  /** The first <h1>, else <meta property="og:title">, else <title>. */
  readonly title?: string
  /** <link rel="canonical"> or <meta property="og:url">, only when http(s). */
  readonly url?: string
}

const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'nav', 'footer', 'aside', 'form', 'iframe', 'button', 'select',
  'object', 'embed', 'canvas', 'head',
])
const VOID_TAGS = new Set(['br', 'img', 'hr', 'input', 'meta', 'link', 'source', 'wbr', 'area', 'base', 'col', 'track', 'param'])
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote',
  'table', 'tr', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'pre', 'address', 'br', 'hr',
])
const BOILERPLATE = /(^|[\s_-])(ads?|advert\w*|sponsor\w*|promo\w*|related|newsletter|share|sharing|social|subscribe|subscription|cookie\w*|banner|breadcrumbs?|comments?|outbrain|taboola|recirc\w*|paywall|signup)($|[\s_-])/i

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', hellip: '…', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', eacute: 'é',
}

/** Decodes named (common ones) and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    const named = ENTITIES[body.toLowerCase()]
    return named ?? whole
  })
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs)
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : undefined
}

function isBoilerplate(tag: string, attrs: string): boolean {
  if (DROP_TAGS.has(tag)) return true
  const role = attribute(attrs, 'role') ?? ''
  if (/^(navigation|complementary|banner|contentinfo|search)$/i.test(role)) return true
  const names = [attribute(attrs, 'class'), attribute(attrs, 'id'), attribute(attrs, 'aria-label'), attribute(attrs, 'data-ad')]
  return names.some((n) => n !== undefined && BOILERPLATE.test(n))
}

/** True when `text` looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<(!doctype html|html|body|article|p|div|h1|main)[\s>]/i.test(text.slice(0, 4096))
}

/** A tag, comment or declaration found by scanTags: where it starts, its text, and for a tag its name and attributes. */
interface TagMatch {
  readonly index: number
  readonly text: string
  readonly name?: string
  readonly attrs?: string
}

const TAG_NAME = /<\/?([a-zA-Z][\w-]*)/y

/**
 * The tags, comments and declarations of `html`, in order, in one linear pass. A regular
 * expression with a lazy `<!--[\s\S]*?-->` or an attribute loop rescans to the end of the text
 * for every unclosed comment or tag, which is quadratic in a page full of them. Here an unclosed
 * comment runs to the end (as in HTML), a tag without its `>` ends the scan (the rest is text),
 * and a quote that is never closed is remembered so it is never searched for again.
 */
export function* scanTags(html: string): Generator<TagMatch> {
  const unclosedQuote = { '"': false, "'": false }
  let pos = 0
  for (let lt = html.indexOf('<', pos); lt !== -1; lt = html.indexOf('<', pos)) {
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      const end = close === -1 ? html.length : close + 3
      yield { index: lt, text: html.slice(lt, end) }
      pos = end
      continue
    }
    if (html[lt + 1] === '!') {
      const gt = html.indexOf('>', lt)
      if (gt === -1) return
      yield { index: lt, text: html.slice(lt, gt + 1) }
      pos = gt + 1
      continue
    }
    TAG_NAME.lastIndex = lt
    const named = TAG_NAME.exec(html)
    if (!named) {
      pos = lt + 1
      continue
    }
    let i = lt + named[0].length
    let end = -1
    while (i < html.length) {
      const c = html[i]!
      if (c === '>') {
        end = i
        break
      }
      if ((c === '"' || c === "'") && !unclosedQuote[c]) {
        const close = html.indexOf(c, i + 1)
        if (close === -1) unclosedQuote[c] = true
        else i = close
      }
      i++
    }
    if (end === -1) return
    yield { index: lt, text: html.slice(lt, end + 1), name: named[1]!, attrs: html.slice(lt + named[0].length, end) }
    pos = end + 1
  }
}

export function htmlToText(html: string): HtmlText {
  let out = ''
  let skipDepth = 0
  let skipTag = ''
  let title: string | undefined
  let h1: string | undefined
  let ogTitle: string | undefined
  let url: string | undefined
  let capture: 'title' | 'h1' | null = null
  let captured = ''
  let last = 0
  const emit = (text: string): void => {
    if (skipDepth > 0) return
    const decoded = decodeEntities(text.replace(/\s+/g, ' '))
    out += decoded
    if (capture) captured += decoded
  }
  for (const m of scanTags(html)) {
    const rawBetween = html.slice(last, m.index)
    last = m.index + m.text.length
    if (capture === 'title' || skipDepth === 0) {
      if (capture === 'title') captured += decodeEntities(rawBetween.replace(/\s+/g, ' '))
      else emit(rawBetween)
    }
    const name = m.name?.toLowerCase()
    if (!name) continue
    const closing = m.text[1] === '/'
    const attrs = m.attrs ?? ''
    if (name === 'title' && !closing) { capture = 'title'; captured = ''; continue }
    if (name === 'title' && closing) { title ??= captured.trim(); capture = null; continue }
    if (name === 'meta') {
      const prop = attribute(attrs, 'property') ?? attribute(attrs, 'name') ?? ''
      if (/^og:title$/i.test(prop)) ogTitle ??= attribute(attrs, 'content')
      if (/^og:url$/i.test(prop)) url ??= attribute(attrs, 'content')
    }
    if (name === 'link' && /\bcanonical\b/i.test(attribute(attrs, 'rel') ?? '')) url = attribute(attrs, 'href') ?? url
    if (skipDepth > 0) {
      if (name === skipTag && !VOID_TAGS.has(name)) skipDepth += closing ? -1 : /\/\s*$/.test(attrs) ? 0 : 1
      continue
    }
    if (!closing && !VOID_TAGS.has(name) && isBoilerplate(name, attrs) && !/\/\s*$/.test(attrs)) {
      skipDepth = 1
      skipTag = name
      continue
    }
    if (name === 'h1' && !closing && h1 === undefined) { capture = 'h1'; captured = '' }
    if (name === 'h1' && closing && capture === 'h1') { h1 = captured.trim(); capture = null }
    if (name === 'li' && !closing) out += '\n• '
    else if (BLOCK_TAGS.has(name)) out += name === 'br' ? '\n' : '\n\n'
  }
  if (skipDepth === 0) emit(html.slice(last))
  const text = out
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  const safeUrl = url && /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined
  const heading = h1 || ogTitle || title
  return { text, ...(heading ? { title: heading } : {}), ...(safeUrl ? { url: safeUrl } : {}) }
}
