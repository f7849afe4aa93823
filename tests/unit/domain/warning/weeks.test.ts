import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../src/domain/dates.ts'
import { lastCompleteWeek, weekOfDay, weekStartIso, weekStartMs } from '../../../../src/domain/warning/weeks.ts'

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS

describe('weeks', () => {
  it('start on Monday, UTC', () => {
    // 2025-03-10 is a Monday; the 16th a Sunday; the 17th the next Monday.
    expect(weekStartIso(weekOfDay(day('2025-03-10')))).toBe('2025-03-10')
    expect(weekStartIso(weekOfDay(day('2025-03-16')))).toBe('2025-03-10')
    expect(weekStartIso(weekOfDay(day('2025-03-17')))).toBe('2025-03-17')
    // 1970-01-01 was a Thursday: week 0 starts on Monday 1969-12-29.
    expect(weekOfDay(0)).toBe(0)
    expect(weekStartIso(0)).toBe('1969-12-29')
    expect(weekStartIso(weekOfDay(day('1969-12-28')))).toBe('1969-12-22')
  })

  it('judge the last complete week at an as-of instant', () => {
    // As-of the end of Sunday 16 March: that week is complete.
    expect(weekStartIso(lastCompleteWeek(Date.parse('2025-03-17T00:00:00Z')))).toBe('2025-03-10')
    // As-of the end of Wednesday 19 March: the week of the 17th is not.
    expect(weekStartIso(lastCompleteWeek(Date.parse('2025-03-20T00:00:00Z')))).toBe('2025-03-10')
    // As-of noon on Sunday 16 March: the week of the 10th is not complete yet.
    expect(weekStartIso(lastCompleteWeek(Date.parse('2025-03-16T12:00:00Z')))).toBe('2025-03-03')
    expect(weekStartMs(weekOfDay(day('2025-03-12')))).toBe(Date.parse('2025-03-10T00:00:00Z'))
  })
})
