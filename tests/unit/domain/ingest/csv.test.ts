import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fieldOfHeader, mapHeaders, missingFields } from '../../../../src/domain/ingest/csv-headers.ts'
import { headerDelimiter } from '../../../../src/domain/ingest/csv-cells.ts'
import { splitList } from '../../../../src/domain/ingest/csv-row.ts'
import { readCsv, readCsvDetailed } from '../../../../src/domain/ingest/csv.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import type { ImportResult } from '../../../../src/domain/model.ts'

function read(text: string): ImportResult {
  const outcome = readCsv(text)
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result
}

const HEADER = 'id,title,date,threatLevel,actors,countries,regions,lat,lon,summary,category,tags,sources'

describe('CSV header mapping rules', () => {
  it('maps the data model names and common variants, ignoring case, spaces and underscores', () => {
    expect(fieldOfHeader('threatLevel')).toBe('threatLevel')
    expect(fieldOfHeader('Threat Level')).toBe('threatLevel')
    expect(fieldOfHeader('SEVERITY')).toBe('threatLevel')
    expect(fieldOfHeader('level')).toBe('threatLevel')
    expect(fieldOfHeader('event_date')).toBe('date')
    expect(fieldOfHeader('Latitude')).toBe('lat')
    expect(fieldOfHeader('lng')).toBe('lon')
    expect(fieldOfHeader('Event ID')).toBe('id')
    expect(fieldOfHeader('headline')).toBe('title')
    expect(fieldOfHeader('source_url')).toBe('sources')
    expect(fieldOfHeader('colour')).toBeNull()
    expect(fieldOfHeader('__proto__')).toBeNull()
    expect(fieldOfHeader('constructor')).toBeNull()
  })

  it('gives a field to the first column naming it; repeats and unknown names become extra', () => {
    expect(mapHeaders(['id', 'title', 'level', 'severity', 'colour', 'date'])).toEqual([
      'id',
      'title',
      'threatLevel',
      'extra',
      'extra',
      'date',
    ])
  })

  it('lets a hand-made mapping override the rules and take a field from another column', () => {
    const mapping = mapHeaders(['id', 'title', 'level', 'when it happened'], new Map([[3, 'date'] as const]))
    expect(mapping).toEqual(['id', 'title', 'threatLevel', 'date'])
    expect(missingFields(mapping)).toEqual([])
    expect(missingFields(mapHeaders(['id', 'title', 'when']))).toEqual(['threatLevel'])
  })

  it('judges the delimiter on the header line, not on list cells below it', () => {
    expect(headerDelimiter('id,title,date\n1,a;b;c;d,2024')).toBe(',')
    expect(headerDelimiter('\n\nid;title;date\n')).toBe(';')
    expect(headerDelimiter('id\ttitle,x\tdate\n')).toBe('\t')
    expect(headerDelimiter('"a;b;c",x,y\n')).toBe(',')
    expect(headerDelimiter('id|title|date')).toBe('|')
  })

  it('splits lists on semicolons and drops empty items', () => {
    expect(splitList(' a ; b;;c ; ')).toEqual(['a', 'b', 'c'])
    expect(splitList('')).toEqual([])
  })
})

describe('readCsv', () => {
  it('reads the 100-row fixture: 90 accepted, the 10 bad rows rejected with their row numbers', () => {
    const text = readFileSync(new URL('../../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')
    const result = read(text)
    expect(result.total).toBe(100)
    expect(result.dataset.events).toHaveLength(90)
    expect(result.rejected).toBe(10)
    expect(result.rejectedRows).toEqual([7, 15, 23, 31, 44, 52, 68, 77, 85, 99])
    expect(result.issues.find((i) => i.row === 7)).toEqual({ row: 7, field: 'date', message: 'not a real date: "2023-02-30"' })
    expect(result.issues.find((i) => i.row === 15)?.field).toBe('threatLevel')
    expect(result.issues.find((i) => i.row === 23)).toEqual({ row: 23, field: 'title', message: 'missing title' })
    expect(result.issues.find((i) => i.row === 99)?.message).toContain('2021-02-29')
  })

  it('keeps quoted commas, quotes, newlines and text in any script', () => {
    const text = readFileSync(new URL('../../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')
    const events = read(text).dataset.events
    const byId = new Map(events.map((e) => [e.id as string, e]))
    expect(byId.get('evt-001')?.title).toBe('Naval drills in the Strait, "live fire" #1')
    expect(byId.get('evt-003')?.title).toBe('Кибератака на энергосеть #3')
    expect(byId.get('evt-004')?.title).toBe('台湾海峡军演 #4')
    expect(byId.get('evt-006')?.title).toBe('ضربة جوية قرب حلب #6')
    expect(byId.get('evt-004')?.summary).toBe('Line one of 4,\nline two')
  })

  it('builds lists, location, sources and regions derived from countries', () => {
    const e = read(`${HEADER}\nx1,Drills,2024-05-06,high,Navy A; Navy B,TW;JP,,24.5,121.25,"Sum, mary",military,a;b,https://example.org/x; Reuters\n`)
      .dataset.events[0]!
    expect(e.threatLevel).toBe(4)
    expect(e.sourceLevel).toBe('high')
    expect(e.actors.map((a) => a.name)).toEqual(['Navy A', 'Navy B'])
    expect(e.countries).toEqual(['TW', 'JP'])
    expect(e.regions).toEqual(['eastern-asia'])
    expect(e.location).toEqual({ latDeg: 24.5, lonDeg: 121.25 })
    expect(e.summary).toBe('Sum, mary')
    expect(e.tags).toEqual(['a', 'b'])
    expect(e.sources).toEqual([{ name: 'example.org', url: 'https://example.org/x' }, { name: 'Reuters' }])
    expect(e.date.precision).toBe('day')
  })

  it('reads TSV with a byte-order mark, CRLF line ends and header variants', () => {
    const text = '\ufeffEvent ID\tHeadline\tevent_date\tSeverity\tLatitude\tLongitude\tCountry\r\n' +
      'a\tQuake of unrest\t2023\tsevere\t10\t20\tFrance\r\n' +
      'b\tSecond\t2023-07\t2\t\t\tDE\r\n'
    const result = read(text)
    expect(result.total).toBe(2)
    const [a, b] = result.dataset.events
    expect(a?.id).toBe('a')
    expect(a?.threatLevel).toBe(5)
    expect(a?.date.precision).toBe('year')
    expect(a?.location).toEqual({ latDeg: 10, lonDeg: 20 })
    expect(a?.countries).toEqual(['FR'])
    expect(b?.date.precision).toBe('month')
    expect(b?.location).toBeUndefined()
  })

  it('skips blank lines and rows of empty cells without counting them', () => {
    const result = read('\nid,title,date,level\n\n1,T,2024,1\n , , ,\n,,,\n2,U,2024,2\n\n')
    expect(result.total).toBe(2)
    expect(result.dataset.events.map((e) => e.id)).toEqual(['1', '2'])
  })

  it('reads semicolon-separated files', () => {
    const result = read('id;title;date;level\n1;"One; two";2024-01-01;low\n')
    expect(result.dataset.events[0]?.title).toBe('One; two')
    expect(result.dataset.events[0]?.threatLevel).toBe(1)
  })

  it('keeps unknown columns as extra values, and __proto__ / constructor columns are harmless', () => {
    const result = read('id,title,date,level,__proto__,constructor,colour\n1,T,2024,3,{"polluted":1},x,red\n')
    const e = result.dataset.events[0]!
    expect(e.extra).toEqual({ colour: 'red' })
    expect(Object.getPrototypeOf(e.extra)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects impossible coordinates, confidence and duplicate ids, counting every row once', () => {
    const text = 'id,title,date,level,lat,lon,confidence\n' +
      'a,A,2024,1,95,10,\n' +
      'b,B,2024,1,10,,\n' +
      'c,C,2024,1,,,150\n' +
      'd,D,2024,1,1,2,50\n' +
      'd,D again,2024,1,,,\n'
    const detail = readCsvDetailed(text)
    if (!detail.outcome.ok) throw new Error(detail.outcome.reason)
    const result = detail.outcome.result
    expect(result.total).toBe(5)
    expect(result.dataset.events.map((e) => e.id)).toEqual(['d'])
    expect(result.rejectedRows).toEqual([1, 2, 3, 5])
    expect(result.issues.map((i) => `${i.row}:${i.field}`)).toEqual(['1:lat', '2:lon', '3:confidence', '5:id'])
    expect(result.dataset.events.length + result.rejected).toBe(result.total)
    expect(detail.rejectedCells.map((cells) => cells[0])).toEqual(['a', 'b', 'c', 'd'])
    expect(detail.rejectedCells[3]?.[1]).toBe('D again')
  })

  it('says which required columns are missing, and reports headers for hand mapping', () => {
    const detail = readCsvDetailed('ident,title,happened\n1,T,2024\n')
    expect(detail.outcome.ok).toBe(false)
    if (!detail.outcome.ok) expect(detail.outcome.reason).toBe('no column for id, date, threatLevel (expected a header row such as id,title,date,threatLevel)')
    expect(detail.headers).toEqual(['ident', 'title', 'happened'])
    expect(detail.mapping).toEqual(['extra', 'title', 'extra'])
    const remapped = readCsv('ident,title,happened,sev\n1,T,2024,2\n', {
      overrides: new Map([[0, 'id'], [2, 'date'], [3, 'threatLevel']] as const),
    })
    expect(remapped.ok && remapped.result.dataset.events[0]?.id).toBe('1')
  })

  it('gives a one-line reason for an empty file and reports progress', () => {
    expect(readCsv('')).toEqual({ ok: false, reason: 'empty CSV: no header row' })
    const fractions: number[] = []
    read(`id,title,date,level\n1,T,2024,1\n`)
    readCsv('id,title,date,level\n1,T,2024,1\n', { onProgress: (f) => fractions.push(f) })
    expect(fractions).toEqual([1])
  })

  it('is what readAny uses for CSV, naming the dataset after the file', () => {
    const outcome = readAny('id,title,date,threatLevel\n1,T,2024,1\n', { fileName: 'dir/march.csv' })
    expect(outcome.ok && outcome.result.format).toBe('csv')
    expect(outcome.ok && outcome.result.dataset.name).toBe('march')
  })
})

describe('rejected rows as CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const { rejectedRowsCsv } = await import('../../../../src/domain/ingest/rejected-csv.ts')
    const text = rejectedRowsCsv(['id', 'title'], [3], [['=HYPERLINK("x")', '@SUM(1)']], [{ row: 3, field: 'date', message: 'missing date' }])
    expect(text).toBe('row,rejected because,id,title\r\n3,date: missing date,"\'=HYPERLINK(""x"")",\'@SUM(1)')
    expect(rejectedRowsCsv(['id'], [], [], [])).toBe('')
  })

  it('neutralises a formula after a separator and in fullwidth form, as the data export does', async () => {
    const { rejectedRowsCsv, rejectedIssuesCsv } = await import('../../../../src/domain/ingest/rejected-csv.ts')
    const text = rejectedRowsCsv(['id'], [2], [['x;=1+1']], [{ row: 2, field: 'title', message: '＝HYPERLINK' }])
    expect(text).toBe('row,rejected because,id\r\n2,title: ＝HYPERLINK,"x;\'=1+1"')
    expect(rejectedIssuesCsv([{ row: 4, field: 'title', message: '＋cmd' }])).toBe("row,field,rejected because\r\n4,title,'＋cmd")
  })
})
