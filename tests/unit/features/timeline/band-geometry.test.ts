import { describe, expect, it } from 'vitest'
import type { Bucket } from '../../../../src/domain/timeline/buckets.ts'
import type { PlaceBand } from '../../../../src/domain/warning/dashboard-warning.ts'
import { weekOfDay } from '../../../../src/domain/warning/weeks.ts'
import { bandSegments, bandsEndMs, spanWithBands } from '../../../../src/features/timeline/utils/band-geometry.ts'

const DAY = 86_400_000
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY
const bar = (from: string, to: string): Bucket => ({ startMs: dayOf(from) * DAY, endMs: dayOf(to) * DAY, exact: [0, 0, 0, 0, 0], spread: [0, 0, 0, 0, 0] })

// Four weeks from Monday 26 May 2025: 7 a week (80 %: 4–11), the first week's data in (6).
const first = weekOfDay(dayOf('2025-05-26'))
const band: PlaceBand = {
  kind: 'all',
  place: '',
  weeks: [0, 1, 2, 3].map((h) => ({ week: first + h, expected: 7, lo80: 4, hi80: 11 })),
  actual: [6, null, null, null],
}

describe('expected band geometry', () => {
  it('reads the weekly band as a rate on the bars: a seventh of it on days, days ÷ 7 of it on months', () => {
    const days = Array.from({ length: 35 }, (_, i) => ({ startMs: (dayOf('2025-05-26') + i) * DAY, endMs: (dayOf('2025-05-26') + i + 1) * DAY, exact: [0, 0, 0, 0, 0], spread: [0, 0, 0, 0, 0] }))
    const onDays = bandSegments(band, days)
    expect(onDays).toHaveLength(4)
    expect(onDays[0]).toMatchObject({ expected: 1, lo: 4 / 7, hi: 11 / 7, actual: 6 / 7, weeklyActual: 6 })
    // The week of 26 May has its middle (Thursday 29 May) in May (31 days), the others in June (30).
    const months = [bar('2025-05-01', '2025-06-01'), bar('2025-06-01', '2025-07-01')]
    const onMonths = bandSegments(band, months)
    expect(onMonths.map((s) => s.expected)).toEqual([31, 30, 30, 30])
    expect(onMonths[0]!.hi).toBeCloseTo((11 * 31) / 7, 12)
    expect(onMonths[1]!.actual).toBeNull()
    // Weeks off the chart are left out.
    expect(bandSegments(band, [bar('2025-05-01', '2025-06-01')])).toHaveLength(1)
  })

  it('stretches the chart to the bands’ end only when it shows the end of the data', () => {
    const endMs = bandsEndMs([band])!
    expect(new Date(endMs).toISOString().slice(0, 10)).toBe('2025-06-23')
    const dataEnd = dayOf('2025-05-26') * DAY
    const span = { fromMs: dayOf('2025-01-06') * DAY, toMs: dataEnd }
    expect(spanWithBands(span, null, dataEnd, endMs)).toEqual({ fromMs: span.fromMs, toMs: endMs })
    expect(spanWithBands(span, { fromMs: span.fromMs, toMs: dataEnd }, dataEnd, endMs)).toEqual({ fromMs: span.fromMs, toMs: endMs })
    const earlier = { fromMs: span.fromMs, toMs: dayOf('2025-03-01') * DAY }
    expect(spanWithBands(earlier, earlier, dataEnd, endMs)).toBe(earlier)
    expect(spanWithBands(span, null, dataEnd, null)).toBe(span)
    expect(bandsEndMs([])).toBeNull()
  })
})
