import { describe, expect, it } from 'vitest'
import { DAY_MS, dayIndexOf, formatPartialDate, isoDay, parsePartialDate } from '../../../src/domain/dates.ts'

describe('parsePartialDate: year precision', () => {
  it('covers the whole year, start inclusive, end exclusive', () => {
    expect(parsePartialDate('2022')).toEqual({
      text: '2022',
      precision: 'year',
      startMs: Date.UTC(2022, 0, 1),
      endMs: Date.UTC(2023, 0, 1),
    })
  })

  it('a leap year is 366 days long and a common year 365', () => {
    const leap = parsePartialDate('2024')!
    const common = parsePartialDate('2023')!
    expect((leap.endMs - leap.startMs) / DAY_MS).toBe(366)
    expect((common.endMs - common.startMs) / DAY_MS).toBe(365)
  })

  it('trims surrounding space but keeps the trimmed text', () => {
    expect(parsePartialDate('  2022 \n')).toMatchObject({ text: '2022', precision: 'year' })
  })

  it('reads a year below 100 as that year, not as 19xx', () => {
    // Date.UTC(50, 0, 1) is 1950: the parser must not inherit that rule.
    const d = parsePartialDate('0050')!
    expect(new Date(d.startMs).toISOString()).toBe('0050-01-01T00:00:00.000Z')
    expect(new Date(d.endMs).toISOString()).toBe('0051-01-01T00:00:00.000Z')
    expect(parsePartialDate('0099-12')!.endMs).toBe(parsePartialDate('0100')!.startMs)
    expect(new Date(parsePartialDate('0004-02-29')!.startMs).toISOString()).toBe('0004-02-29T00:00:00.000Z')
  })
})

describe('parsePartialDate: month precision', () => {
  it('2024-02 runs from 1 February to 1 March (exclusive)', () => {
    expect(parsePartialDate('2024-02')).toEqual({
      text: '2024-02',
      precision: 'month',
      startMs: Date.UTC(2024, 1, 1),
      endMs: Date.UTC(2024, 2, 1),
    })
  })

  it('leap February is 29 days and common February 28', () => {
    const leap = parsePartialDate('2024-02')!
    const common = parsePartialDate('2023-02')!
    expect((leap.endMs - leap.startMs) / DAY_MS).toBe(29)
    expect((common.endMs - common.startMs) / DAY_MS).toBe(28)
  })

  it('December ends on 1 January of the next year', () => {
    expect(parsePartialDate('2022-12')!.endMs).toBe(Date.UTC(2023, 0, 1))
  })

  it('rejects month 00 and 13', () => {
    expect(parsePartialDate('2023-13')).toBeNull()
    expect(parsePartialDate('2023-00')).toBeNull()
  })
})

describe('parsePartialDate: day precision', () => {
  it('covers one whole UTC day', () => {
    expect(parsePartialDate('2025-11-04')).toEqual({
      text: '2025-11-04',
      precision: 'day',
      startMs: Date.UTC(2025, 10, 4),
      endMs: Date.UTC(2025, 10, 5),
    })
  })

  it('accepts 29 February in a leap year only', () => {
    expect(parsePartialDate('2024-02-29')).toMatchObject({ startMs: Date.UTC(2024, 1, 29), endMs: Date.UTC(2024, 2, 1) })
    expect(parsePartialDate('2023-02-29')).toBeNull()
    expect(parsePartialDate('2000-02-29')).not.toBeNull() // divisible by 400
    expect(parsePartialDate('1900-02-29')).toBeNull() // divisible by 100, not 400
  })

  it('rejects impossible days', () => {
    expect(parsePartialDate('2023-04-31')).toBeNull()
    expect(parsePartialDate('2023-01-32')).toBeNull()
    expect(parsePartialDate('2023-01-00')).toBeNull()
    expect(parsePartialDate('2023-13-01')).toBeNull()
  })

  it('31 December ends at the new year', () => {
    expect(parsePartialDate('2022-12-31')!.endMs).toBe(Date.UTC(2023, 0, 1))
  })
})

describe('parsePartialDate: instants', () => {
  it('reads Z as UTC', () => {
    expect(parsePartialDate('2022-02-24T03:00Z')).toEqual({
      text: '2022-02-24T03:00Z',
      precision: 'instant',
      startMs: Date.UTC(2022, 1, 24, 3, 0),
      endMs: Date.UTC(2022, 1, 24, 3, 0) + 1,
    })
  })

  it('applies an offset: 03:00+02:00 is 01:00 UTC', () => {
    expect(parsePartialDate('2022-02-24T03:00+02:00')!.startMs).toBe(Date.UTC(2022, 1, 24, 1, 0))
    expect(parsePartialDate('2022-02-24T03:00+0200')!.startMs).toBe(Date.UTC(2022, 1, 24, 1, 0))
    expect(parsePartialDate('2022-02-24T03:00-05:30')!.startMs).toBe(Date.UTC(2022, 1, 24, 8, 30))
  })

  it('an offset can move the instant to the previous day', () => {
    expect(parsePartialDate('2022-02-24T01:00+02:00')!.startMs).toBe(Date.UTC(2022, 1, 23, 23, 0))
  })

  it('reads no zone as UTC', () => {
    expect(parsePartialDate('2022-02-24T03:00')!.startMs).toBe(Date.UTC(2022, 1, 24, 3, 0))
    expect(parsePartialDate('2022-02-24 03:00')!.startMs).toBe(Date.UTC(2022, 1, 24, 3, 0))
  })

  it('keeps seconds', () => {
    expect(parsePartialDate('2022-02-24T03:00:45Z')!.startMs).toBe(Date.UTC(2022, 1, 24, 3, 0, 45))
  })

  it('rejects impossible times and days', () => {
    expect(parsePartialDate('2022-02-24T24:00Z')).toBeNull()
    expect(parsePartialDate('2022-02-24T23:60Z')).toBeNull()
    expect(parsePartialDate('2023-02-29T12:00Z')).toBeNull()
  })
})

describe('parsePartialDate: not dates', () => {
  it.each(['', '22', '2022-2', '2022-02-4', '2022/02/24', '24 Feb 2022', 'yesterday', '2022-02-24T03', '20222'])(
    '%j is null',
    (text) => {
      expect(parsePartialDate(text)).toBeNull()
    },
  )
})

describe('dayIndexOf and isoDay', () => {
  it('counts whole UTC days from the epoch, flooring before 1970', () => {
    expect(dayIndexOf(0)).toBe(0)
    expect(dayIndexOf(DAY_MS - 1)).toBe(0)
    expect(dayIndexOf(DAY_MS)).toBe(1)
    expect(dayIndexOf(-1)).toBe(-1)
    // 2022-01-01: 52 years after 1970 with 13 leap days (1972 … 2020).
    expect(dayIndexOf(Date.UTC(2022, 0, 1))).toBe(52 * 365 + 13)
  })

  it('isoDay is the UTC calendar day', () => {
    expect(isoDay(Date.UTC(2025, 10, 4, 23, 59))).toBe('2025-11-04')
    expect(isoDay(Date.UTC(2025, 10, 5))).toBe('2025-11-05')
  })
})

describe('formatPartialDate', () => {
  const fmt = (text: string): string => formatPartialDate(parsePartialDate(text)!)

  it('writes each precision as a reader expects it', () => {
    expect(fmt('2022')).toBe('2022')
    expect(fmt('2022-02')).toBe('Feb 2022')
    expect(fmt('2022-02-24')).toBe('24 Feb 2022')
    expect(fmt('2025-11-04')).toBe('4 Nov 2025')
    expect(fmt('2022-02-24T03:05Z')).toBe('24 Feb 2022 03:05 UTC')
  })

  it('shows instants in UTC, whatever zone they were given in', () => {
    expect(fmt('2022-02-24T01:00+02:00')).toBe('23 Feb 2022 23:00 UTC')
  })

  it('never adds precision: a year is not shown as 1 January', () => {
    expect(fmt('2022')).not.toMatch(/Jan/)
  })
})
