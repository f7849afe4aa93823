import { describe, expect, it } from 'vitest'
import type { ThreatEvent } from '../../../src/domain/model.ts'
import { cardKeyOf, eventCardOf } from '../../../src/features/map/utils/event-card.ts'

const titled = (title: string): ThreatEvent => ({ title }) as ThreatEvent

describe('a map point hover card', () => {
  const hit = { refs: [7, 3, 9, 12, 40, 41], level: 4, approximate: true }

  it('says it is reading while the events come, naming the level the point already shows', () => {
    expect(eventCardOf(hit, null)).toEqual({
      title: 'Reading the event…',
      lines: ['Level 4 high · approximate position', 'and 2 more', 'Click to open the first'],
    })
  })

  it('titles the nearest event and lists the next three, with how many more lie under the pointer', () => {
    const card = eventCardOf(hit, ['Nearest', 'Second', 'Third', 'Fourth'].map(titled))
    expect(card).toEqual({
      title: 'Nearest',
      lines: ['Level 4 high · approximate position', 'Second', 'Third', 'Fourth', 'and 2 more', 'Click to open the first'],
    })
  })

  it('keys a card by the first four refs and the count, so the same points reuse their card', () => {
    expect(cardKeyOf(hit)).toBe('7,3,9,12/6')
    expect(cardKeyOf({ ...hit, refs: [7, 3, 9, 12, 40] })).toBe('7,3,9,12/5')
    expect(eventCardOf({ refs: [5], level: 2, approximate: false }, [titled('Only')])).toEqual({ title: 'Only', lines: ['Level 2 guarded', 'Click to open'] })
  })
})
