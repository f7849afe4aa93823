import { describe, expect, it } from 'vitest'
import { MAX_SCROLL_PX, rowWindow } from '../../../src/ui/use-row-window.ts'

describe('rowWindow', () => {
  it('places rows at index × height while every row fits in the box', () => {
    // 200 rows of 52 px, scrolled to 5200 px in a 600 px box: rows 100–111 in view, 8 more each side.
    const w = rowWindow(200, 52, 5200, 600, 8)
    expect([w.first, w.end, w.height]).toEqual([92, 120, 10_400])
    expect(w.topOf(92)).toBe(92 * 52)
    expect(w.topOf(100)).toBe(5200)
  })

  it('clamps a scroll position past the end and keeps an empty list empty', () => {
    expect(rowWindow(10, 52, 9999, 600, 8)).toMatchObject({ first: 0, end: 10, height: 520 })
    expect(rowWindow(0, 52, 0, 600, 8)).toMatchObject({ first: 0, end: 0, height: 0 })
  })

  it('caps the box for a million rows and still reaches the first and the last row', () => {
    const top = rowWindow(1_000_000, 52, 0, 500, 8)
    expect(top.height).toBe(MAX_SCROLL_PX)
    expect([top.first, top.end]).toEqual([0, 18]) // ceil(500 / 52) = 10 rows in view, 8 more below
    expect(top.topOf(0)).toBe(0)
    // At the bottom (box 15,000,000 px, 500 in view: scrolled 14,999,500) the content's last
    // 500 px are in view: rows 999,990 to 999,999, the last one's bottom at the box's bottom.
    const room = MAX_SCROLL_PX - 500
    const bottom = rowWindow(1_000_000, 52, room, 500, 8)
    expect([bottom.first, bottom.end]).toEqual([999_982, 1_000_000])
    expect(bottom.topOf(999_999) + 52).toBe(MAX_SCROLL_PX)
    // Half-way down the box is half-way through the rows (the content beyond one screen maps linearly).
    const middle = rowWindow(1_000_000, 52, room / 2, 500, 0)
    const contentTop = (52_000_000 - 500) / 2
    expect(middle.first).toBe(Math.floor(contentTop / 52))
    // Neighbouring rows stay one row apart on screen.
    expect(middle.topOf(middle.first + 1) - middle.topOf(middle.first)).toBe(52)
  })
})
