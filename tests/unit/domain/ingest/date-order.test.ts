import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readCsvColumns } from '../../../../src/domain/ingest/csv-columns.ts'
import { csvEventAt } from '../../../../src/domain/ingest/csv-event-at.ts'
import { readCsvDetailed } from '../../../../src/domain/ingest/csv.ts'
import { describeDateOrder, settleDateOrder, slashedToIso } from '../../../../src/domain/ingest/date-order.ts'

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/csv/${name}`, import.meta.url), 'utf8')

describe('dates with slashes', () => {
  it('read in either order, impossible days refused', () => {
    expect(slashedToIso('03/04/2024', 'dmy')).toBe('2024-04-03')
    expect(slashedToIso('03/04/2024', 'mdy')).toBe('2024-03-04')
    expect(slashedToIso('1.5.2024', 'dmy')).toBe('2024-05-01')
    expect(slashedToIso('25/03/2024', 'mdy')).toBeNull()
    expect(slashedToIso('31/02/2024', 'dmy')).toBeNull()
    expect(slashedToIso('2024-03-04', 'dmy')).toBeNull()
  })

  it('settle the order from a day over 12, else assume day first and say it is ambiguous', () => {
    expect(settleDateOrder(fixture('day-first-dates.csv'))).toEqual({ order: 'dmy', how: 'detected', count: 3, against: 0 })
    expect(settleDateOrder('id,date\na,12/25/2024\nb,01/02/2024\n')).toEqual({ order: 'mdy', how: 'detected', count: 2, against: 0 })
    expect(settleDateOrder(fixture('ambiguous-dates.csv'))).toEqual({ order: 'dmy', how: 'ambiguous', count: 2, against: 0 })
    expect(settleDateOrder(fixture('day-first-dates.csv'), 'mdy')).toEqual({ order: 'mdy', how: 'chosen', count: 3, against: 1 })
    expect(describeDateOrder({ order: 'dmy', how: 'ambiguous', count: 2, against: 0 })).toBe(
      'Dates with slashes read day first (dd/mm/yyyy), no date in the file tells day from month: choose the order if the file is month first.',
    )
  })

  it('are read day first in a file that says so, by both CSV readers, and the report says how', () => {
    const text = fixture('day-first-dates.csv')
    const slow = readCsvDetailed(text)
    const fast = readCsvColumns(text)
    if (!slow.outcome.ok || !fast.ok) throw new Error('the file should read')
    expect(slow.outcome.result.dataset.events.map((e) => e.date.text)).toEqual(['2024-04-03', '2024-03-25', '2024-05-01'])
    expect(slow.outcome.result.notes).toEqual(['Dates with slashes read day first (dd/mm/yyyy), detected: some dates can only be read so.'])
    expect(slow.slashedDates?.how).toBe('detected')
    expect(fast.value.slashedDates).toEqual(slow.slashedDates)
    expect(fast.value.issues).toEqual([])
    const eventAt = csvEventAt({ ...fast.value, dateOrder: 'dmy' })
    expect([0, 1, 2].map((row) => eventAt(row).date.text)).toEqual(['2024-04-03', '2024-03-25', '2024-05-01'])
  })

  it('follow the order chosen for the whole file; a date only the other order reads is rejected', () => {
    const slow = readCsvDetailed(fixture('day-first-dates.csv'), { dateOrder: 'mdy' })
    const fast = readCsvColumns(fixture('day-first-dates.csv'), { dateOrder: 'mdy' })
    if (!slow.outcome.ok || !fast.ok) throw new Error('the file should read')
    expect(slow.outcome.result.dataset.events.map((e) => e.date.text)).toEqual(['2024-03-04', '2024-01-05'])
    expect(slow.outcome.result.issues).toEqual([{ row: 2, field: 'date', message: 'not a real date: "25/03/2024"' }])
    expect(fast.value.issues).toEqual(slow.outcome.result.issues)
    expect(slow.outcome.result.notes?.[0]).toContain('month first (mm/dd/yyyy), as chosen; 1 date reads only the other way and is rejected')
  })

  it('leave a file without them unchanged: no note, no order', () => {
    const slow = readCsvDetailed('id,title,date,threatLevel\na,One,2024-03-04,3\n')
    expect(slow.outcome.ok && slow.outcome.result.notes).toBeUndefined()
    expect(slow.slashedDates).toBeUndefined()
  })
})
