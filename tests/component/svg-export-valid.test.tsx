import fc from 'fast-check'
import { SaxesParser } from 'saxes'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nodeToSvg } from '../../src/lib/export/dom-to-svg.ts'
import { hostileText } from '../unit/hostile-text.ts'

/**
 * The SVG export is valid XML whatever text the page shows and the caption holds: control
 * characters, U+FFFE/U+FFFF and lone surrogates included (they become U+FFFD). Parsed back with
 * a strict XML parser.
 */
function parseXml(xml: string): void {
  const parser = new SaxesParser({ xmlns: true })
  parser.on('error', (error) => {
    throw error
  })
  parser.write(xml).close()
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** A panel with the text in an HTML paragraph and in a chart's own SVG label. */
function panelOf(text: string): HTMLElement {
  const panel = document.createElement('div')
  const p = document.createElement('p')
  p.textContent = text
  const svg = document.createElementNS(SVG_NS, 'svg')
  const label = document.createElementNS(SVG_NS, 'text')
  label.textContent = text
  label.setAttribute('aria-label', text)
  svg.append(label)
  panel.append(p, svg)
  // jsdom computes no opacity (read as 0, hidden): set it, so every node is drawn.
  for (const node of [panel, p, svg, label]) node.style.opacity = '1'
  document.body.append(panel)
  return panel
}

const BOX = { x: 0, y: 0, left: 0, top: 0, right: 200, bottom: 20, width: 200, height: 20, toJSON: () => ({}) } as DOMRect
beforeEach(() => {
  // jsdom lays nothing out: every box (and text run) is 200 × 20 px.
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(BOX)
  Object.defineProperty(Range.prototype, 'getClientRects', { configurable: true, value: () => [BOX] })
})
afterEach(() => {
  vi.restoreAllMocks()
  delete (Range.prototype as { getClientRects?: unknown }).getClientRects
  document.body.replaceChildren()
})

const block = (text: string) => ({ title: text, caption: text, asOf: 'As of 1 May 2024', filters: text, source: text, marking: text })

describe('the SVG export', () => {
  it('a title and a label holding U+0001: valid XML, the character shown as U+FFFD', () => {
    const svg = nodeToSvg(panelOf('Port\u0001 closed\uD800'), block('Brief\uFFFF'))
    parseXml(svg)
    expect(svg).toContain('<title>Brief\uFFFD</title>')
    expect(svg).toContain('Port\uFFFD closed\uFFFD')
    expect(svg.includes('\u0001') || svg.includes('\uFFFF')).toBe(false)
  })

  it('is valid XML whatever the strings', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        parseXml(nodeToSvg(panelOf(text), block(text)))
        document.body.replaceChildren()
      }),
      { numRuns: 150 },
    )
  })
})
