import { describe, expect, it } from 'vitest'
import { MONTH_ABBREVIATIONS, dayLabel, dayMonthTimeLabel, dayTimeLabel, monthLabel, monthShortYearLabel } from '../../../src/domain/date-labels.ts'
import { formatPartialDate, parsePartialDate } from '../../../src/domain/dates.ts'
import { captionDay, describeAsOf } from '../../../src/domain/export/captions.ts'
import { formatDay } from '../../../src/ui/format.ts'

describe('date labels', () => {
  const sep = Date.UTC(2025, 8, 4, 3, 7)

  it('spell every month with three letters, September too', () => {
    expect(MONTH_ABBREVIATIONS.every((m) => m.length === 3)).toBe(true)
    expect(Array.from({ length: 12 }, (_, m) => monthLabel(Date.UTC(2025, m, 1)))).toEqual(MONTH_ABBREVIATIONS.map((m) => `${m} 2025`))
  })

  it('give the forms the screens and exports use', () => {
    expect([dayLabel(sep), monthLabel(sep), monthShortYearLabel(sep), dayTimeLabel(sep), dayMonthTimeLabel(sep)]).toEqual([
      '4 Sep 2025', 'Sep 2025', 'Sep 25', '4 Sep 2025, 03:07 UTC', '4 Sep, 03:07 UTC',
    ])
  })

  it('are what the partial dates, captions and panels print', () => {
    expect(['2025', '2025-09', '2025-09-04', '2025-09-04T03:07Z'].map((t) => formatPartialDate(parsePartialDate(t)!))).toEqual([
      '2025', 'Sep 2025', '4 Sep 2025', '4 Sep 2025 03:07 UTC',
    ])
    expect(captionDay(sep)).toBe('4 Sep 2025')
    expect(formatDay(sep)).toBe('4 Sep 2025')
    expect(describeAsOf(Date.UTC(2025, 8, 5))).toBe('As of 4 Sep 2025, 23:59 UTC')
  })
})
