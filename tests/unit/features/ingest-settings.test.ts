import { describe, expect, it } from 'vitest'
import { buildEventTable } from '../../../src/domain/build-table.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { stringList } from '../../../src/domain/string-column.ts'
import { currentIdsOf } from '../../../src/services/ingest/shown-data.ts'
import { parseImportSettings, parseLiveSource } from '../../../src/services/ingest/persist.ts'
import { savedIdForUrl } from '../../../src/services/ingest/url-source.ts'

describe('saved import settings', () => {
  it('reads back what was saved', () => {
    expect(parseImportSettings({ maxImportBytes: 1024 * 1024, staleAfterMs: 30 * 60_000 })).toEqual({ maxImportBytes: 1024 * 1024, staleAfterMs: 30 * 60_000 })
  })

  it('keeps the sensible half of a damaged record and ignores the rest', () => {
    expect(parseImportSettings({ maxImportBytes: -5, staleAfterMs: 120_000 })).toEqual({ staleAfterMs: 120_000 })
    expect(parseImportSettings({ maxImportBytes: 3 * 1024 * 1024, staleAfterMs: 'soon' })).toEqual({ maxImportBytes: 3 * 1024 * 1024 })
    expect(parseImportSettings({ maxImportBytes: Number.NaN, staleAfterMs: 10 })).toBeNull()
    expect(parseImportSettings('workspace')).toBeNull()
    expect(parseImportSettings(null)).toBeNull()
  })
})

describe('saved live source', () => {
  it('reads back an http(s) source refreshing at least every 5 s, and nothing else', () => {
    expect(parseLiveSource({ url: 'https://example.org/feed.csv', intervalMs: 60_000 })).toEqual({ url: 'https://example.org/feed.csv', intervalMs: 60_000 })
    expect(parseLiveSource({ url: 'javascript:alert(1)', intervalMs: 60_000 })).toBeNull()
    expect(parseLiveSource({ url: 'http://example.org/a.csv', intervalMs: 10 })).toBeNull()
    expect(parseLiveSource(null)).toBeNull()
  })
})

describe('ids of the data on screen', () => {
  const outcome = readNativeJson(
    JSON.stringify({
      schemaVersion: 1,
      name: 'ids',
      events: Array.from({ length: 25_001 }, (_, i) => ({ id: `e-${i}`, title: `Event ${i}`, date: '2025-01-02', threatLevel: 2 })),
    }),
  )
  if (!outcome.ok) throw new Error(outcome.reason)
  const table = buildEventTable(outcome.result.dataset)

  it('passes known ids through untouched', async () => {
    const known = ['a', 'b']
    expect(await currentIdsOf(table, known)).toBe(known)
  })

  it('reads them from the events in slices when unknown (the sample, generated data), once per table', async () => {
    const read = await currentIdsOf(table, null)
    const ids = stringList(read)
    expect(ids).toHaveLength(25_001)
    expect(ids.slice(0, 1)[0]).toBe(table.eventAt(0).id)
    expect(new Set(ids).size).toBe(25_001)
    expect([...ids].sort()).toEqual(Array.from({ length: 25_001 }, (_, i) => `e-${i}`).sort())
    expect(await currentIdsOf(table, null)).toBe(read)
  })

  it('saves a URL source under one id', () => {
    expect(savedIdForUrl('https://example.org/feed.csv')).toBe('url:https://example.org/feed.csv')
  })
})
