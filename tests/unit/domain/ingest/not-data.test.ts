import { describe, expect, it } from 'vitest'
import { NOT_DATA, readAny } from '../../../../src/domain/ingest/read-any.ts'

const NOW = Date.UTC(2026, 0, 1)

describe('text that is not data', () => {
  it('is refused as not recognised, rather than becoming an event dated today', () => {
    for (const text of ['hello world, this is a test of the thing', 'Lorem ipsum dolor sit amet consectetur adipiscing elit']) {
      expect(readAny(text, { now: NOW, fileName: 'pasted text' })).toEqual({ ok: false, reason: NOT_DATA })
    }
    expect(NOT_DATA).toMatch(/^not recognised as data/)
  })

  it('is read as an article when the article format is chosen', () => {
    const outcome = readAny('hello world, this is a test of the thing', { now: NOW, format: 'article' })
    expect(outcome.ok && outcome.result.dataset.events.map((e) => [e.title, e.date.text])).toEqual([['hello world, this is a test of the thing', '2026-01-01']])
  })

  it('still reads short news as an article: a date, a place or words of an event are enough', () => {
    for (const text of [
      'Officials said on Tuesday that the talks in Geneva had stalled over sanctions.',
      'On 4 November 2025 the ministers agreed to meet again next month in the capital.',
      'Shelling killed three people overnight in the east, the regional governor told reporters after the attack on the town.',
    ]) {
      const outcome = readAny(text, { now: NOW })
      expect(outcome.ok && outcome.result.format).toBe('article')
    }
  })
})
