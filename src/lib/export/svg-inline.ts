import { cleanText } from '../../domain/clean-text.ts'

export const SVG_NS = 'http://www.w3.org/2000/svg'

/** Presentation properties copied from computed style onto every SVG node, so the file needs no CSS. */
const SVG_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const

const num = (n: number): string => String(Math.round(n * 100) / 100)

function inlineStyles(original: Element, copy: Element): void {
  const originals = [original, ...original.querySelectorAll('*')]
  const copies = [copy, ...copy.querySelectorAll('*')]
  originals.forEach((el, i) => {
    const target = copies[i]!
    const style = getComputedStyle(el)
    const declarations: string[] = []
    for (const p of SVG_PROPS) {
      const v = style.getPropertyValue(p)
      if (v !== '' && v !== 'normal' && v !== 'auto') declarations.push(`${p}:${v}`)
    }
    target.setAttribute('style', declarations.join(';'))
    target.removeAttribute('class')
  })
}

/**
 * A standalone SVG document for an inline SVG element: every presentation property resolved
 * from computed style (CSS classes and variables gone), the paint servers it references by
 * `url(#id)` that live elsewhere in the page (shared hatch patterns) copied in, and the element
 * placed at `place` (CSS px). Text from data stays text: XMLSerializer escapes it.
 */
export function inlineSvg(svg: SVGSVGElement, place: Readonly<Record<'x' | 'y' | 'width' | 'height', number>>): string {
  const clone = svg.cloneNode(true) as SVGSVGElement
  inlineStyles(svg, clone)
  const referenced = new Set<string>()
  const markup = clone.outerHTML
  for (const match of markup.matchAll(/url\(\s*["']?#([^"')\s]+)["']?\s*\)/g)) referenced.add(match[1]!)
  const defs = document.createElementNS(SVG_NS, 'defs')
  for (const id of referenced) {
    if (clone.querySelector(`[id="${CSS.escape(id)}"]`)) continue
    const source = document.getElementById(id)
    if (!source) continue
    const copy = source.cloneNode(true) as Element
    inlineStyles(source, copy)
    defs.append(copy)
  }
  if (defs.childNodes.length > 0) clone.prepend(defs)
  // Declared as a namespace attribute, so that no serializer writes it twice.
  clone.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns', SVG_NS)
  for (const [key, value] of Object.entries(place)) clone.setAttribute(key, num(value))
  // XMLSerializer writes characters XML cannot hold (a control character in a label) as they are.
  return cleanText(new XMLSerializer().serializeToString(clone))
}
