import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../../src/domain/ingest/detect.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8')

describe('detectFormat on real files', () => {
  it.each([
    ['gdelt/gdelt_v2_events_100rows.export.tsv', 'gdelt'],
    ['stix/oasis_apt1_bundle.json', 'stix'],
    ['stix/opencti_geography_bundle.json', 'stix'],
    ['seed/threat-article.txt', 'article'],
  ] as const)('%s → %s', (path, format) => {
    expect(detectFormat(fixture(path), path)).toBe(format)
  })

  it('reads a Watchfloor dataset as json, even when truncated (so the reader says where it breaks)', () => {
    expect(detectFormat(fixture('cli/valid-3.json'))).toBe('json')
    expect(detectFormat(fixture('cli/truncated.json'))).toBe('json')
  })

  it('gives a GDELT mentions file (16 columns) to the GDELT reader, which joins it to events or explains it', () => {
    expect(detectFormat(fixture('gdelt/gdelt_v2_mentions_sample.tsv'))).toBe('gdelt')
  })
})

describe('detectFormat on small inputs', () => {
  it.each([
    ['{"schemaVersion": 1, "name": "x", "events": []}', 'json'],
    ['\ufeff  {"events": [{"id": "a"}]}', 'json'],
    ['[{"id": "a", "title": "t", "date": "2022", "threatLevel": 3}]', 'json'],
    ['{"type": "bundle", "id": "bundle--1", "objects": []}', 'stix'],
    ['{"type": "bundle", "objects": [', 'stix'],
    ['[{"type": "location", "spec_version": "2.1", "id": "location--1"}]', 'stix'],
    ['event_id_cnty,event_date,year,event_type\nUKR1,2022-02-24,2022,Battles\n', 'acled'],
    ['"event_id_cnty";"event_date";"country"\n"UKR1";"2022-02-24";"Ukraine"\n', 'acled'],
    ['id,title,date,threatLevel\na,Strike,2022-02-24,5\n', 'csv'],
    ['ID; Title; Date; Level\r\na;Strike;2022;4\r\n', 'csv'],
    ['id\ttitle\tdate\na\tStrike\t2022\n', 'csv'],
    ['Officials said on Tuesday that the talks in Geneva had stalled over sanctions.', 'article'],
  ] as const)('%j → %s', (text, format) => {
    expect(detectFormat(text)).toBe(format)
  })

  it.each([
    ['', 'empty'],
    ['  \n\t ', 'blank'],
    ['{"foo": 1}', 'JSON of no known shape'],
    ['42', 'a bare number'],
    ['a,b,c\n1,2,3\n4,5,6\n', 'a table with an unknown header'],
    ['\u0000\u0001PNG\u0000binary', 'binary'],
  ])('%j (%s) → null', (text) => {
    expect(detectFormat(text)).toBeNull()
  })

  it('takes a table with an unknown header for CSV when the file is named .csv', () => {
    expect(detectFormat('a,b,c\n1,2,3\n', 'export.csv')).toBe('csv')
    expect(detectFormat('a,b,c\n1,2,3\n', 'export.txt')).toBeNull()
  })
})

describe('readAny', () => {
  it('reads dataset JSON, naming a bare array after its file', () => {
    const outcome = readAny('[{"id": "a", "title": "t", "date": "2022", "threatLevel": 3}]', {
      fileName: 'reports/march-2022.json',
    })
    expect(outcome.ok && outcome.result.dataset.name).toBe('march-2022')
    expect(outcome.ok && outcome.result.format).toBe('json')
  })

  it('says in one line why it cannot read something', () => {
    const cases = [
      readAny(''),
      readAny('{"foo": 1}'),
      readAny(fixture('cli/valid-3.json'), { format: 'acled' }),
      readAny(fixture('cli/truncated.json')),
    ]
    for (const outcome of cases) {
      expect(outcome.ok).toBe(false)
      if (!outcome.ok) expect(outcome.reason).not.toMatch(/\n/)
    }
    const article = readAny(fixture('seed/threat-article.txt'), { now: Date.UTC(2026, 0, 1) })
    expect(article.ok && article.result.format).toBe('article')
  })
})
