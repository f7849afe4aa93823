import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EventsResponse, IngestRequest, IngestResponse } from '../../../src/domain/ingest/ingest-protocol.ts'
import { readCsvColumns } from '../../../src/domain/ingest/csv-columns.ts'
import { csvRowBlob } from '../../../src/domain/ingest/csv-row-blob.ts'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { stringList } from '../../../src/domain/string-column.ts'
import { answerCopy, answerEvents, countKnown, keptRowsReader, keptTitlesOf, fileNameOf, runIngest, savedCopyOf, SPLIT_MIN_CHARS, textReader, type EventReader, type KeptImport, type ReadHalf } from '../../../src/workers/ingest-run.ts'

const CSV = readFileSync(new URL('../../fixtures/csv/hundred-ten-bad.csv', import.meta.url), 'utf8')

async function run(
  source: IngestRequest['source'],
  extra: Partial<IngestRequest> = {},
): Promise<{ messages: IngestResponse[]; transfers: Transferable[][]; read: EventReader | null; kept: KeptImport | null }> {
  const messages: IngestResponse[] = []
  const transfers: Transferable[][] = []
  const kept = await runIngest({ type: 'ingest', source, format: 'auto', overrides: [], maxBytes: 1 << 20, ...extra }, (m, t = []) => {
    messages.push(m)
    transfers.push(t)
  })
  return { messages, transfers, read: kept?.read ?? null, kept }
}

/** What went ahead of 'done' (the ids of every row), and the titles the worker keeps. */
function ahead(messages: IngestResponse[], kept: KeptImport | null = null): { ids: string[]; titles: string[] } {
  const out = { ids: [] as string[], titles: [] as string[] }
  for (const m of messages) if (m.type === 'ids') out.ids.push(...stringList(m.ids))
  if (kept) out.titles = kept.titles.read(Array.from({ length: kept.titles.size }, (_, row) => row))
  return out
}

/** What follows 'done': a CSV's titles and rows. */
const AFTER_DONE = new Set(['kept-titles', 'kept'])

/** The last message told of the import: 'done', 'failed' or 'unchanged' (a CSV's titles and rows follow 'done'). */
function last(messages: IngestResponse[]): IngestResponse {
  return messages.filter((m) => !AFTER_DONE.has(m.type)).at(-1)!
}

/** A CSV's rows and titles, sent after its 'done'. */
function keptOf(messages: IngestResponse[]): { rows: Extract<IngestResponse, { type: 'kept' }>['rows']; titles: Extract<IngestResponse, { type: 'kept-titles' }>['titles'] } {
  const titles = messages.find((m) => m.type === 'kept-titles')
  const rows = messages.find((m) => m.type === 'kept')
  if (titles?.type !== 'kept-titles' || rows?.type !== 'kept') throw new Error(`no kept titles and rows in ${messages.map((m) => m.type).join(', ')}`)
  return { rows: rows.rows, titles: titles.titles }
}

let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/events.csv') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'text/csv', ETag: '"v1"', 'Last-Modified': 'Sat, 01 Nov 2025 10:00:00 GMT' }).end(CSV)
      return
    }
    res.writeHead(404, 'Not Found').end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('runIngest', () => {
  it('imports CSV text into transferable columns with a full report', async () => {
    const { messages, transfers, read, kept } = await run({ kind: 'text', text: CSV, name: 'hundred-ten-bad.csv' })
    const done = last(messages)
    if (done.type !== 'done') throw new Error(JSON.stringify(done))
    const { report, table, meta } = done.payload
    const { ids, titles } = ahead(messages, kept)
    // The titles stay in the worker: only the ids go ahead of 'done'; the rows and titles follow it.
    expect(messages.map((m) => m.type).filter((t) => t !== 'progress')).toEqual(['ids', 'done', 'kept-titles', 'kept'])
    expect(done.payload.copyOnAsk).toBeUndefined()
    expect(done.payload.keptFollows).toBe(true)
    // The text stays in the worker, which reads events from it when asked (by input row).
    expect(done.payload.text).toBeUndefined()
    expect(done.payload.holdsDrafts).toBe(false)
    expect((await read!([0, 1])).map((e) => e.id)).toEqual(['evt-001', 'evt-002'])
    // The accepted rows go to the page as a Blob with offsets (90 rows: 91 offsets), after 'done',
    // for a fresh worker to read from: it reads the same events.
    const { rows, titles: titleBlob } = keptOf(messages)
    expect(rows.blob).toBeInstanceOf(Blob)
    expect(rows.offsets).toHaveLength(91)
    expect(rows.offsets[90]).toBe(rows.blob.size)
    expect((await keptRowsReader(rows)([89, 0, 6])).map((e) => e.id)).toEqual(['evt-100', 'evt-001', 'evt-008'])
    expect(report).toMatchObject({ format: 'csv', total: 100, accepted: 90, rejected: 10 })
    expect(report.rejectedRows).toEqual([7, 15, 23, 31, 44, 52, 68, 77, 85, 99])
    expect(table.size).toBe(90)
    // Rows are stored newest first; ids and titles follow the stored rows, sourceRow gives the input row.
    expect(ids[0]).toBe('evt-047')
    expect(table.sourceRow).not.toBeNull()
    expect(ids[table.sourceRow!.indexOf(0)]).toBe('evt-001')
    for (let row = 0; row < table.size; row++) expect(titles[row]!.endsWith(`#${Number(ids[row]!.slice(4))}`)).toBe(true)
    for (let row = 1; row < table.size; row++) expect(table.startMs[row - 1]!).toBeGreaterThanOrEqual(table.startMs[row]!)
    expect(meta.name).toBe('hundred-ten-bad')
    // The rejected rows come back as CSV: header, then one line per rejected row with why.
    const lines = report.rejectedCsv.split('\r\n')
    expect(lines[0]).toBe('row,rejected because,id,title,date,threatLevel,actors,countries,regions,lat,lon,summary,category,tags,sources')
    expect(lines[1]).toBe('7,"date: not a real date: ""2023-02-30""",evt-007,Election dispute #7,2023-02-30,3,"Actor A; Actor B",SD,,8.5,17.25,Summary 7,conflict,"tag1;tag2",https://example.org/a/7')
    expect(lines).toHaveLength(11)
    const doneAt = messages.indexOf(done)
    expect(transfers[doneAt]!.length).toBeGreaterThan(10)
    expect(transfers[doneAt]).toContain(table.startMs.buffer)
    // The ids and titles travel packed: one string each, and their ends transferred.
    const at = messages.findIndex((m) => m.type === 'ids')
    const packedIds = messages[at]
    if (packedIds?.type !== 'ids') throw new Error('no ids message')
    expect(packedIds.ids.ends).toHaveLength(90)
    expect(transfers[at]).toEqual([packedIds.ids.ends.buffer])
    // A CSV's titles go in 'kept-titles' as a Blob with their ends (transferred), for the fresh worker.
    expect(titleBlob.ends).toHaveLength(90)
    expect(transfers[messages.findIndex((m) => m.type === 'kept-titles')]).toEqual([titleBlob.ends.buffer])
    expect(await (await keptTitlesOf(titleBlob)).read([0, 89])).toEqual([titles[0], titles[89]])
  })

  it('reads a file as a stream, UTF-16 with a byte-order mark included', async () => {
    const text = 'id,title,date,level\n1,Ünïcödé 東京,2024,3\n'
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes[0] = 0xff
    bytes[1] = 0xfe
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true)
    const { messages, kept } = await run({ kind: 'file', file: new Blob([bytes]), name: 'u16.csv' })
    const done = last(messages)
    expect(done.type).toBe('done')
    expect(ahead(messages, kept).titles).toEqual(['Ünïcödé 東京'])
    if (done.type !== 'done') return
    // Passed on as UTF-8 bytes, read back whole.
    expect(await (await keptTitlesOf(keptOf(messages).titles)).read([0])).toEqual(['Ünïcödé 東京'])
  })

  it('refuses a file over the limit with a clear message, before reading it', async () => {
    const { messages } = await run({ kind: 'file', file: new Blob(['x'.repeat(3 * 1024 * 1024)]), name: 'big.csv' })
    expect(messages).toEqual([{ type: 'failed', reason: 'the file is 3 MB, over the 1 MB limit: split it, or raise the limit' }])
  })

  it('gives the header and mapping back when a required column is missing', async () => {
    const { messages } = await run({ kind: 'text', text: 'ident,title,when,sev\n1,T,2024,2\n', name: 'x.csv' }, { format: 'csv' })
    expect(last(messages)).toEqual({
      type: 'failed',
      reason: 'no column for id, threatLevel (expected a header row such as id,title,date,threatLevel)',
      headers: ['ident', 'title', 'when', 'sev'],
      mapping: ['extra', 'title', 'date', 'extra'],
    })
    const remapped = await run({ kind: 'text', text: 'ident,title,when,sev\n1,T,2024,2\n', name: 'x.csv' }, { format: 'csv', overrides: [[0, 'id'], [3, 'threatLevel']] })
    expect(last(remapped.messages).type).toBe('done')
  })

  it('reads JSON datasets and keeps their events for detail views', async () => {
    const json = JSON.stringify({ schemaVersion: 1, name: 'Tiny', events: [{ id: 'a', title: 'A', date: '2024-01-02', threatLevel: 2 }, { id: 'b', title: '', date: '2024', threatLevel: 1 }] })
    const { messages, read } = await run({ kind: 'text', text: json, name: 'tiny.json' })
    const done = last(messages)
    if (done.type !== 'done') throw new Error(JSON.stringify(done))
    expect(done.payload.report).toMatchObject({ format: 'json', total: 2, accepted: 1, rejected: 1 })
    expect((await read!([0]))[0]).toMatchObject({ id: 'a', title: 'A' })
    // A JSON's events stay in the worker that read them: no rows to hand on.
    expect(done.payload.keptFollows).toBeUndefined()
    expect(messages.some((m) => m.type === 'kept')).toBe(false)
    expect(done.payload.meta.name).toBe('Tiny')
    expect(done.payload.report.rejectedCsv.split('\r\n')[0]).toBe('row,field,rejected because')
  })

  it('fails a truncated JSON file with a one-line reason', async () => {
    const { messages } = await run({ kind: 'text', text: '{"schemaVersion":1,"name":"x","events":[{"id":', name: 't.json' })
    const failed = last(messages)
    expect(failed.type).toBe('failed')
    expect(failed.type === 'failed' && failed.reason).toMatch(/^not valid JSON/)
  })

  it('fetches a URL, keeps its validators, and reports unchanged on a conditional refresh', async () => {
    const first = last((await run({ kind: 'url', url: `${base}/events.csv` })).messages)
    if (first.type !== 'done') throw new Error(JSON.stringify(first))
    expect(first.payload.report.accepted).toBe(90)
    expect(first.payload.validators).toEqual({ etag: '"v1"', lastModified: 'Sat, 01 Nov 2025 10:00:00 GMT' })
    expect(first.payload.report.origin).toBe('events.csv')
    // The bytes as they came, for the workspace to save.
    expect(await first.payload.blob?.text()).toBe(CSV)
    const again = await run({ kind: 'url', url: `${base}/events.csv`, etag: '"v1"' })
    expect(again.messages).toEqual([{ type: 'unchanged' }])
    const missing = last((await run({ kind: 'url', url: `${base}/nope.csv` })).messages)
    expect(missing).toEqual({ type: 'failed', reason: `${base}/nope.csv answered 404 Not Found` })
  })

  it('reads a native CSV whose header looks like ACLED (event_date) with the native rules', async () => {
    const text = 'Event ID,Headline,event_date,Severity,Country\nq1,Quake of unrest,2024-02-03,severe,France\n'
    const done = last((await run({ kind: 'text', text, name: 'mine.csv' })).messages)
    if (done.type !== 'done') throw new Error(JSON.stringify(done))
    expect(done.payload.report).toMatchObject({ format: 'csv', total: 1, accepted: 1 })
    expect(done.payload.table.level[0]).toBe(5)
  })

  it('names files from paths and URLs', () => {
    expect(fileNameOf('https://x.org/a/b/events.csv?token=1#top')).toBe('events.csv')
    expect(fileNameOf('data/')).toBe('data')
  })
})

describe('countKnown', () => {
  it('counts the accepted ids among the known ones, listed or packed', () => {
    expect(countKnown(['a', 'b', 'z'], ['a', 'b', 'c'])).toBe(2)
    expect(countKnown(packStrings(['a', 'b', 'z']), ['a', 'b', 'c'])).toBe(2)
    expect(countKnown(packStrings([]), ['a'])).toBe(0)
  })

  it('counts a known id listed twice once, and not an id whose hash is a known one\'s', () => {
    // 'e522789' and 'e739192' have the same FNV-1a hash (string-index.ts).
    expect(countKnown(['e522789', 'x', 'e522789'], ['e739192', 'x', 'y'])).toBe(1)
    expect(countKnown(['e522789', 'e739192'], ['e739192'])).toBe(1)
  })
})

describe('runIngest with a second thread', () => {
  const MIN_CHARS = 2 * 1024 * 1024

  /** A CSV over 2 MB (the halves' threshold in these tests) with quoted line breaks, a bad row and an id repeated across the halves. */
  function longCsv(): string {
    const lines = ['id,title,date,threatLevel,countries,actors']
    for (let i = 0; i < 40_000; i++) lines.push(`e${i},"Event ${i}, in ${i % 7 === 0 ? 'two\nlines' : 'one line'}",2024-0${1 + (i % 9)}-1${i % 10},${1 + (i % 5)},${['FR', 'DE', 'UA'][i % 3]},Army;Navy`)
    lines.splice(7, 0, 'bad,Bad row,2024-02-30,3,FR,')
    lines.push('e5,Again,2024-03-03,2,FR,')
    return lines.join('\n') + '\n'
  }

  it('reads a long CSV in two halves to the same result as one pass', async () => {
    const text = longCsv()
    expect(text.length).toBeGreaterThan(MIN_CHARS)
    // The app's threshold is higher: a text this long is read in one piece there.
    expect(text.length).toBeLessThan(SPLIT_MIN_CHARS)
    const halves: string[] = []
    const readHalf: ReadHalf = async (half, overrides, newline) => {
      halves.push(half)
      return readCsvColumns(half, { overrides: new Map(overrides), newline })
    }
    const results: IngestResponse[][] = [[], []]
    // Known ids: counted from the id index in one pass, from the joined ids after halves.
    const knownIds = ['e5', 'e39999', 'bad', 'nope']
    const request: IngestRequest = { type: 'ingest', source: { kind: 'text', text, name: 'long.csv' }, format: 'auto', overrides: [], maxBytes: 1 << 30, knownIds }
    const keptOne = await runIngest(request, (m) => results[0]!.push(m))
    const keptTwo = await runIngest(request, (m) => results[1]!.push(m), { readHalf, minChars: MIN_CHARS })
    expect(halves).toHaveLength(1)
    const [one, two] = results.map((messages) => last(messages))
    if (one!.type !== 'done' || two!.type !== 'done') throw new Error('both should import')
    const a = one!.payload
    const b = two!.payload
    expect(b.report).toMatchObject({ total: 40_002, accepted: 40_000, rejected: 2 })
    expect(b.report.rejectedRows).toEqual([7, 40_002])
    expect(b.report.issues.map((i) => i.message)).toEqual(['not a real date: "2024-02-30"', 'duplicate id "e5" (first in row 6)'])
    expect({ ...b.report, parseMs: 0, readMs: 0 }).toEqual({ ...a.report, parseMs: 0, readMs: 0 })
    expect(ahead(results[1]!).ids).toEqual(ahead(results[0]!).ids)
    expect(ahead(results[1]!, keptTwo).titles).toEqual(ahead(results[0]!, keptOne).titles)
    expect(ahead(results[0]!, keptOne).titles).toHaveLength(40_000)
    expect(b.table.startMs).toEqual(a.table.startMs)
    expect(b.table.sourceRow).toEqual(a.table.sourceRow)
    expect([a.clashes, b.clashes]).toEqual([2, 2])
  })

  it('reads the whole in one pass when the second thread fails', async () => {
    const text = longCsv()
    const request: IngestRequest = { type: 'ingest', source: { kind: 'text', text, name: 'long.csv' }, format: 'auto', overrides: [], maxBytes: 1 << 30 }
    const messages: IngestResponse[] = []
    await runIngest(request, (m) => messages.push(m), { readHalf: () => Promise.reject(new Error('thread died')), minChars: MIN_CHARS })
    const done = last(messages)
    if (done.type !== 'done') throw new Error(JSON.stringify(done))
    expect(done.payload.report).toMatchObject({ total: 40_002, accepted: 40_000, rejected: 2 })
  })
})

describe('answerEvents', () => {
  it("answers the page's asks by input row from what the import kept, once each", async () => {
    const { read } = await run({ kind: 'text', text: CSV, name: 'hundred-ten-bad.csv' })
    const answers: EventsResponse[] = []
    // Input rows 0 and 6 are evt-001 and evt-008: evt-007 (input line 7) was rejected.
    await answerEvents({ type: 'events', id: 4, rows: Uint32Array.of(6, 0) }, read, (a) => answers.push(a))
    expect(answers).toHaveLength(1)
    const answer = answers[0]!
    if (answer.type !== 'events') throw new Error(JSON.stringify(answer))
    expect(answer.id).toBe(4)
    expect(answer.events.map((e) => e.id)).toEqual(['evt-008', 'evt-001'])
  })

  it('says why when nothing was imported or a row cannot be read', async () => {
    const answers: EventsResponse[] = []
    await answerEvents({ type: 'events', id: 1, rows: Uint32Array.of(0) }, null, (a) => answers.push(a))
    const broken: EventReader = () => Promise.reject(new Error('row 3 no longer reads'))
    await answerEvents({ type: 'events', id: 2, rows: Uint32Array.of(3) }, broken, (a) => answers.push(a))
    expect(answers).toEqual([
      { type: 'events-failed', id: 1, reason: 'this worker holds no imported data' },
      { type: 'events-failed', id: 2, reason: 'row 3 no longer reads' },
    ])
  })

  it('says when an import holds drafts to review (an article read as drafts)', async () => {
    const article = readFileSync(new URL('../../fixtures/seed/threat-article.txt', import.meta.url), 'utf8')
    const { messages, read } = await run({ kind: 'text', text: article, name: 'pasted text' }, { format: 'article' })
    const done = last(messages)
    if (done.type !== 'done') throw new Error(JSON.stringify(done))
    expect(done.payload.holdsDrafts).toBe(true)
    expect((await read!([0]))[0]!.extra?.draft).toBe(true)
  })
})

describe("the saved copy of a picked file's bytes", () => {
  it("is made only when asked, after 'done' and the CSV's titles and rows, byte for byte, and not offered for a saved Blob", async () => {
    // Over one batch of bytes, with a byte-order mark and text outside ASCII.
    const rows = Array.from({ length: 12_000 }, (_, i) => `e${i},Заголовок ${i} 東京 ${'x'.repeat(400)},2024-01-02,3`).join('\n')
    const bytes = new TextEncoder().encode(`\uFEFFid,title,date,threatLevel\n${rows}\n`)
    expect(bytes.byteLength).toBeGreaterThan(4 * 1024 * 1024)
    const file = new File([bytes], 'big.csv')
    const streams = vi.spyOn(file, 'stream')
    const { messages } = await run({ kind: 'file', file, name: 'big.csv' }, { maxBytes: 64 << 20 })
    const done = last(messages)
    if (done.type !== 'done') throw new Error(JSON.stringify(done))
    expect(done.payload.report.accepted).toBe(12_000)
    expect(done.payload.blob).toBeUndefined()
    expect(done.payload.copyOnAsk).toBe(true)
    // Nothing is copied before the page asks: the file was read once, by the import.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(messages.map((m) => m.type).filter((t) => t !== 'progress')).toEqual(['ids', 'done', 'kept-titles', 'kept'])
    expect(streams).toHaveBeenCalledTimes(1)
    const answers: IngestResponse[] = []
    await answerCopy({ type: 'copy-file', file }, (message) => answers.push(message))
    expect(streams).toHaveBeenCalledTimes(2)
    expect(answers.map((m) => m.type)).toEqual(['saved'])
    const saved = answers[0]!
    if (saved.type !== 'saved') throw new Error(saved.type)
    expect(saved.blob).toBeInstanceOf(Blob)
    expect(saved.blob).not.toBeInstanceOf(File)
    // Compared as whole buffers: an element-wise deep equality of 5 MB takes a minute and more.
    const copy = new Uint8Array(await saved.blob!.arrayBuffer())
    expect(copy.byteLength).toBe(bytes.byteLength)
    expect(Buffer.from(copy).equals(Buffer.from(bytes))).toBe(true)
    const again = await run({ kind: 'file', file: saved.blob!, name: 'big.csv' }, { maxBytes: 64 << 20 })
    const doneAgain = last(again.messages)
    expect(doneAgain.type === 'done' && doneAgain.payload.copyOnAsk).toBeUndefined()
    expect(again.messages.some((m) => m.type === 'saved')).toBe(false)
  }, 120_000)

  it("is offered by a JSON file's 'done' too, and made when asked while its worker answers reads", async () => {
    const json = JSON.stringify({ schemaVersion: 1, name: 'Tiny', events: [{ id: 'a', title: 'A', date: '2024-01-02', threatLevel: 2 }] })
    const file = new File([json], 'tiny.json')
    const { messages, read } = await run({ kind: 'file', file, name: 'tiny.json' })
    expect(messages.map((m) => m.type).filter((t) => t !== 'progress')).toEqual(['ids', 'done'])
    const done = last(messages)
    expect(done.type === 'done' && done.payload.copyOnAsk).toBe(true)
    const answers: IngestResponse[] = []
    await answerCopy({ type: 'copy-file', file }, (message) => answers.push(message))
    const saved = answers[0]!
    expect(saved.type === 'saved' && (await saved.blob?.text())).toBe(json)
    expect((await read!([0]))[0]).toMatchObject({ id: 'a' })
  })

  it('is null when the file can no longer be read whole', async () => {
    const file = new File(['id,title\n1,a\n'], 'gone.csv')
    const broken = {
      size: file.size,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull: (controller) => controller.error(new Error('NotReadableError')),
        }),
    } as unknown as Blob
    expect(await savedCopyOf(broken)).toBeNull()
    // A file that changed size since it was read.
    const shorter = { size: file.size + 1, stream: () => file.stream() } as unknown as Blob
    expect(await savedCopyOf(shorter)).toBeNull()
    expect(await (await savedCopyOf(file))!.text()).toBe('id,title\n1,a\n')
  })
})

describe("a CSV's events read from its text before 'done'", () => {
  it('are the events its kept rows give, for any rows (property)', async () => {
    const fc = await import('fast-check')
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('Ünïcödé 東京', 'say "hi"', 'a,b', 'line\nbreak', ' spaced ', '=1+2', '😀 pair'),
    )
    const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 25 }), fc.boolean(), async (rows, crlf) => {
        const newline = crlf ? '\r\n' : '\n'
        const lines = rows.map(([title, actors, level], i) => [`e${i}`, quote(title), `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, String(level), quote(actors)].join(','))
        const text = ['id,title,date,threatLevel,actors', ...lines].join(newline) + newline
        const read = readCsvColumns(text, { name: 'p' })
        if (!read.ok) return
        const v = read.value
        const source = { body: v.body, rowStart: v.rowStart, rowEnd: v.rowEnd, headers: v.headers, mapping: v.mapping, delimiter: v.delimiter }
        const all = Array.from({ length: v.rowStart.length }, (_, r) => r)
        expect(await textReader(source)(all)).toEqual(await keptRowsReader(csvRowBlob(source))(all))
      }),
      { numRuns: 60 },
    )
  })

  it('refuse a row that is not one of the import', async () => {
    const read = readCsvColumns('id,title,date,threatLevel\na,A,2024-01-02,3\n', { name: 'x' })
    if (!read.ok) throw new Error(read.reason)
    const v = read.value
    await expect(textReader({ ...v })([1])).rejects.toThrow("row 1 is not one of the import's 1 rows")
  })
})
