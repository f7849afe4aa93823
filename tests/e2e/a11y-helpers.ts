/**
 * Accessibility helpers for e2e tests: axe-core run inside the page (serious and critical
 * findings only) and the computed focus ring of the focused element.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeFinding {
  readonly id: string
  readonly impact: string
  readonly help: string
  readonly targets: readonly string[]
}

/**
 * Runs axe on the page (or inside `selector`) and returns its serious and critical violations.
 * The app's Content-Security-Policy forbids inline scripts, so `page.addScriptTag` (which inlines
 * the file) is refused and logs a console error; axe's source is evaluated through the DevTools
 * protocol instead, which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (context) => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe
    const result = await axe.run(context ?? document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 8).map((n) => n.target.join(' ')) }))
  }, selector ?? null)
}

/** The focused element's focus ring: its outline style and width, and whether a clipping ancestor cuts it off. */
export async function focusRing(
  page: Page,
): Promise<{ readonly tag: string; readonly label: string; readonly outline: string; readonly outlineWidthPx: number; readonly clipped: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { tag: 'body', label: '', outline: 'none', outlineWidthPx: 0, clipped: false }
    const style = getComputedStyle(el)
    const label = el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 40) ?? ''
    const widthPx = parseFloat(style.outlineWidth) || 0
    // The ring reaches offset + width beyond the border box; an ancestor that clips must hold it all.
    const reach = Math.max(0, (parseFloat(style.outlineOffset) || 0) + widthPx)
    const box = el.getBoundingClientRect()
    let clipped = false
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a)
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue
      const r = a.getBoundingClientRect()
      if (box.left - reach < r.left - 0.5 || box.right + reach > r.right + 0.5 || box.top - reach < r.top - 0.5 || box.bottom + reach > r.bottom + 0.5) {
        clipped = true
        break
      }
    }
    return { tag: el.tagName.toLowerCase(), label, outline: style.outlineStyle, outlineWidthPx: widthPx, clipped }
  })
}
