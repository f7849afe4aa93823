/**
 * What the ingest worker does for one request, apart from the worker plumbing so that it runs in
 * Node tests too: read the bytes (streamed, with progress), decode, parse, build the columns.
 */
import { buildEventTable } from '../domain/build-table.ts'
import { cleanText } from '../domain/clean-text.ts'
import { readCsvColumns, type CsvColumnsOutcome } from '../domain/ingest/csv-columns.ts'
import { idsByRow } from '../domain/ingest/combine-tables.ts'
import { joinCsvHalves } from '../domain/ingest/csv-merge.ts'
import { cutCsvInTwo } from '../domain/ingest/csv-split.ts'
import { describeDateOrder } from '../domain/ingest/date-order.ts'
import { detectFormat, type ImportFormat } from '../domain/ingest/detect.ts'
import { rejectedIssuesCsv, rejectedRowsCsv } from '../domain/ingest/rejected-csv.ts'
import { assembleTable, tableArrays } from '../domain/table.ts'
import { packStrings } from '../domain/ingest/packed-strings.ts'
import { isParquet } from '../domain/ingest/parquet-magic.ts'
import { madeChoices } from '../domain/ingest/read-choices.ts'
import { removedUpstreamOf, type RemovedUpstreamList } from '../domain/ingest/acled-update.ts'
import { suggestDuplicates, type DuplicateSuggestion } from '../domain/ingest/near-duplicates.ts'
import type { ThreatEvent } from '../domain/model.ts'
import { packedColumn, stringAt, stringCount, stringList, type StringColumn } from '../domain/string-column.ts'
import { StringIndex } from '../domain/ingest/string-index.ts'
import { csvBlobReader, csvRowBlobInSlices, type CsvRowBlob } from '../domain/ingest/csv-row-blob.ts'
import { BlobTitles, utf8Ends } from '../domain/engine/local/blob-titles.ts'
import { csvEventAt, type CsvRowSource } from '../domain/ingest/csv-event-at.ts'
import { KeptTitles } from '../domain/engine/local/kept-titles.ts'
import type { PackedStrings } from '../domain/ingest/packed-strings.ts'
import { isDraftEvent } from '../domain/ingest/draft-edit.ts'
import {
  DEFAULT_URL_TIMEOUT_MS,
  MAX_DRAFT_ROWS,
  PROGRESS_MIN_BYTES,
  type CopyRequest,
  type EventsRequest,
  type EventsResponse,
  type IngestPayload,
  type IngestPhase,
  type IngestRequest,
  type IngestResponse,
  type TitleBlob,
  type TitlesRequest,
  type TitlesResponse,
  type TransferTable,
  type Validators,
} from '../domain/ingest/ingest-protocol.ts'

export type Post = (message: IngestResponse, transfer?: Transferable[]) => void

/**
 * Reads the second half of a CSV text (its header line, then the half) in another thread with
 * the same column overrides. Rejects when that thread fails; the caller then reads the whole.
 */
export type ReadHalf = (text: string, overrides: IngestRequest['overrides'], newline: '\n' | '\r\n') => Promise<CsvColumnsOutcome>

/**
 * CSV texts shorter than this (about 200,000 rows of typical data) are read in one piece. On a
 * busy two-core machine, two threads lost to one at 100,000 rows (8 MB) and won at 1,000,000.
 */
export const SPLIT_MIN_CHARS = 16 * 1024 * 1024

/** How runIngest may use a second thread. */
export interface HalfReader {
  readonly readHalf: ReadHalf
  /** Read in halves from this many characters (default SPLIT_MIN_CHARS). */
  readonly minChars?: number
}

/** A failure with a one-line reason for the person importing. */
class IngestError extends Error {}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`
}

function tooLarge(bytes: number, maxBytes: number): IngestError {
  return new IngestError(`the file is ${megabytes(bytes)}, over the ${megabytes(maxBytes)} limit: split it, or raise the limit`)
}

/** A decoder for the bytes' encoding: UTF-16 when a byte-order mark says so, else UTF-8. */
function decoderFor(head: Uint8Array): { decoder: TextDecoder; skip: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new TextDecoder('utf-16le'), skip: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { decoder: new TextDecoder('utf-16be'), skip: 2 }
  return { decoder: new TextDecoder('utf-8'), skip: 0 }
}

/** Reads a byte stream to text, reporting progress against `size` when it is known. */
async function readStream(
  stream: ReadableStream<Uint8Array>,
  size: number | null,
  maxBytes: number,
  progress: (phase: IngestPhase, fraction: number) => void,
  onChunk: (bytes: number) => void = () => {},
  keep: Uint8Array[] | null = null,
): Promise<{ text: string; bytes: number }> {
  const reader = stream.getReader()
  const parts: string[] = []
  let bytes = 0
  let decoding: { decoder: TextDecoder; skip: number } | null = null
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    onChunk(value.byteLength)
    bytes += value.byteLength
    if (bytes > maxBytes) {
      await reader.cancel()
      throw tooLarge(bytes, maxBytes)
    }
    keep?.push(value)
    decoding ??= decoderFor(value)
    parts.push(decoding.decoder.decode(value.subarray(decoding.skip), { stream: true }))
    decoding.skip = 0
    if (size) progress('reading', Math.min(1, bytes / size))
  }
  if (decoding) parts.push(decoding.decoder.decode())
  return { text: parts.join(''), bytes }
}

/** Bytes gathered into a Blob this many at a time: few Blobs, and little held here between them. */
const BLOB_BATCH_BYTES = 4 * 1024 * 1024

/**
 * Bytes gathered into a Blob, which the browser holds outside this thread: the copy the workspace
 * saves of a picked file, made here rather than on the page.
 */
class BlobOfBytes {
  private readonly parts: Blob[] = []
  private batch: Uint8Array[] = []
  private batchBytes = 0

  push(chunk: Uint8Array): void {
    this.batch.push(chunk)
    this.batchBytes += chunk.byteLength
    if (this.batchBytes >= BLOB_BATCH_BYTES) this.flush()
  }

  blob(): Blob {
    this.flush()
    return new Blob(this.parts)
  }

  private flush(): void {
    if (this.batch.length > 0) this.parts.push(new Blob(this.batch as BlobPart[]))
    this.batch = []
    this.batchBytes = 0
  }
}

interface Input {
  readonly text: string
  readonly bytes: number
  readonly name: string
  readonly validators: Validators
  /** A URL source's bytes as they came (what the workspace saves, at no cost to the page). */
  readonly blob?: Blob
  /** A picked file, whose bytes are copied for the workspace when the page asks (savedCopyOf, CopyRequest). */
  readonly copyOf?: Blob
  /** Inputs read together (request.companions): each text with its name. */
  readonly together?: readonly { readonly text: string; readonly name: string }[]
}

/** An address that names a data file by its extension. */
const DATA_PATH = /\.(json|geojson|csv|tsv|txt|stix|ndjson|jsonl)$/i

/**
 * Refuses an answer that is a web page where data was asked for (see IngestRequest.refuseHtml):
 * a sign-in page, or a site's "not found" page served with 200, is never read as an article.
 */
function refuseWebPage(url: string, contentType: string | null, request: IngestRequest): void {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'text/html' && type !== 'application/xhtml+xml') return
  if (request.format === 'article') return
  let path = ''
  try {
    path = new URL(url).pathname
  } catch {
    // Not a URL the fetch could have read: nothing to add.
  }
  if (!request.refuseHtml && !DATA_PATH.test(path)) return
  throw new IngestError(`${url} answered with a web page (${type}), not data: it may ask you to sign in, or the address may be wrong. Open it in the browser to check`)
}

/** The file name at the end of a path or URL, without query or fragment. */
export function fileNameOf(path: string): string {
  return path.split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? 'data'
}

/**
 * Reads the request's input and cleans its text once (cleanText: control characters, U+FFFE,
 * U+FFFF and lone surrogates become U+FFFD) before any reader sees it.
 */
async function readInput(request: IngestRequest, progress: (phase: IngestPhase, fraction: number) => void): Promise<Input | 'unchanged'> {
  const input = await readRawInput(request, progress)
  return input === 'unchanged' ? input : { ...input, text: cleanText(input.text) }
}

async function readRawInput(request: IngestRequest, progress: (phase: IngestPhase, fraction: number) => void): Promise<Input | 'unchanged'> {
  const { source, maxBytes } = request
  // Inputs read together (GDELT events with their mentions) share one size limit and one text read.
  if (request.companions && request.companions.length > 0) return readTogether(request, progress)
  switch (source.kind) {
    case 'text':
      return { text: source.text, bytes: source.text.length, name: source.name, validators: {} }
    case 'file': {
      if (source.file.size > maxBytes) throw tooLarge(source.file.size, maxBytes)
      const head = new Uint8Array(await source.file.slice(0, 8).arrayBuffer())
      if (isParquet(head)) return readParquet(await source.file.arrayBuffer(), source.name, progress)
      // A picked file is saved as a copy of its bytes (a File saved as it is is only a reference to
      // a file on disk), made when the page asks (savedCopyOf); a Blob (a saved input read again) is such a copy already.
      const copyOf = typeof File === 'function' && source.file instanceof File ? source.file : null
      const read = await readStream(source.file.stream(), source.file.size, maxBytes, progress)
      return { ...read, name: source.name, validators: {}, ...(copyOf ? { copyOf } : {}) }
    }
    case 'url': {
      const headers: Record<string, string> = {}
      if (source.etag) headers['If-None-Match'] = source.etag
      if (source.lastModified) headers['If-Modified-Since'] = source.lastModified
      // A watchdog, not a deadline: it fires when no answer, or too little of the body (under
      // PROGRESS_MIN_BYTES: a server trickling a byte now and then), arrives for timeoutMs.
      const timeoutMs = request.timeoutMs ?? DEFAULT_URL_TIMEOUT_MS
      const controller = new AbortController()
      let timer = setTimeout(() => controller.abort(), timeoutMs)
      let sinceKick = 0
      const kick = (): void => {
        sinceKick = 0
        clearTimeout(timer)
        timer = setTimeout(() => controller.abort(), timeoutMs)
      }
      const onChunk = (bytes: number): void => {
        sinceKick += bytes
        if (sinceKick >= PROGRESS_MIN_BYTES) kick()
      }
      const windowText = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`
      const timedOut = (): IngestError =>
        new IngestError(
          sinceKick > 0
            ? `${source.url} sent only ${sinceKick} ${sinceKick === 1 ? 'byte' : 'bytes'} in ${windowText}: the server is too slow or stalled; try again later`
            : `${source.url} sent nothing for ${windowText}: the server may be down or slow; try again later`,
        )
      let response: Response
      try {
        response = await fetch(source.url, { headers, cache: 'no-cache', signal: controller.signal })
      } catch (error) {
        clearTimeout(timer)
        if (controller.signal.aborted) throw timedOut()
        throw new IngestError(`could not fetch ${source.url}: ${error instanceof Error ? error.message : String(error)}`)
      }
      let read: { text: string; bytes: number }
      const kept: Uint8Array[] = []
      try {
        if (response.status === 304) return 'unchanged'
        if (!response.ok) throw new IngestError(`${source.url} answered ${response.status} ${response.statusText}`.trim())
        refuseWebPage(source.url, response.headers.get('Content-Type'), request)
        const length = Number(response.headers.get('Content-Length'))
        if (length > maxBytes) throw tooLarge(length, maxBytes)
        kick()
        const body = response.body
        read = body ? await readStream(body, length || null, maxBytes, progress, onChunk, kept) : { text: await response.text(), bytes: 0 }
      } catch (error) {
        if (controller.signal.aborted && !(error instanceof IngestError)) throw timedOut()
        throw error
      } finally {
        clearTimeout(timer)
      }
      const first = kept[0]
      if (first && isParquet(first)) {
        const bytes = new Uint8Array(await new Blob(kept as BlobPart[]).arrayBuffer())
        return { ...(await readParquet(bytes.buffer, fileNameOf(source.url), progress)), blob: new Blob(kept as BlobPart[]) }
      }
      const etag = response.headers.get('ETag')
      const lastModified = response.headers.get('Last-Modified')
      return {
        ...read,
        name: fileNameOf(source.url),
        validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
        blob: new Blob(kept.length > 0 ? (kept as BlobPart[]) : [read.text]),
      }
    }
  }
}

/** A Parquet file's rows as the text its layout's reader takes (parquet-read.ts, loaded only for Parquet). */
async function readParquet(buffer: ArrayBuffer, name: string, progress: Progress): Promise<Input> {
  progress('reading', 1)
  const { parquetToText } = await import('../domain/ingest/parquet-read.ts')
  const out = await parquetToText(buffer)
  if (!out.ok) throw new IngestError(out.reason)
  return { text: out.text, bytes: buffer.byteLength, name, validators: {} }
}

/** The main source and its companions, each read whole; their texts travel on `together`. */
async function readTogether(request: IngestRequest, progress: Progress): Promise<Input> {
  const sources = [request.source, ...(request.companions ?? [])]
  const parts: { text: string; name: string }[] = []
  let bytes = 0
  for (const [i, source] of sources.entries()) {
    const one = await readInput({ ...request, source, companions: [], maxBytes: request.maxBytes - bytes }, (phase, fraction) =>
      progress(phase, (i + fraction) / sources.length),
    )
    if (one === 'unchanged') throw new IngestError('a conditional request cannot be read with companions')
    bytes += one.bytes
    parts.push({ text: one.text, name: one.name })
  }
  return { text: parts[0]!.text, bytes, name: parts.map((p) => p.name).join(' + '), validators: {}, together: parts }
}

/** The typed-array buffers of a table, to transfer rather than copy. */
export function transferList(table: TransferTable, extra: readonly ArrayBufferView[] = []): Transferable[] {
  const views = [...tableArrays(table), ...extra]
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))]
}

function withoutEventAt(table: ReturnType<typeof assembleTable>): TransferTable {
  const { eventAt: _eventAt, ...rest } = table
  return rest
}

type Progress = (phase: IngestPhase, fraction: number) => void

/** Suggestions listed in an import report; more are counted in the last one's place. */
const MAX_SUGGESTIONS = 50

function duplicatesOf(events: readonly ThreatEvent[]): { duplicates?: DuplicateSuggestion[] } {
  const found = suggestDuplicates(events)
  return found.length > 0 ? { duplicates: found.slice(0, MAX_SUGGESTIONS) } : {}
}

/** Events removed upstream listed in an import report; the rest are counted. */
const MAX_REMOVED_LISTED = 200

function removedOf(events: readonly ThreatEvent[]): { removedUpstream?: RemovedUpstreamList } {
  const removed = removedUpstreamOf(events, MAX_REMOVED_LISTED)
  return removed ? { removedUpstream: removed } : {}
}

/**
 * Reads a native CSV text: in two halves at once when a second thread is at hand and the text
 * is long (csv-split.ts, csv-merge.ts), else in one pass. Both give the same result.
 */
async function readCsvText(text: string, request: IngestRequest, progress: Progress, name: string, halves?: HalfReader): Promise<CsvColumnsOutcome> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const options = {
    name,
    overrides: new Map(request.overrides),
    onProgress: (fraction: number) => progress('parsing', fraction),
    ...(request.dateOrder ? { dateOrder: request.dateOrder } : {}),
  }
  const cut = halves ? cutCsvInTwo(body, halves.minChars ?? SPLIT_MIN_CHARS) : null
  if (!halves || !cut) return readCsvColumns(body, { ...options, ...(request.knownIds ? { knownIds: stringList(request.knownIds) } : {}) })
  const secondRead = halves.readHalf(cut.head + body.slice(cut.at), request.overrides, cut.newline).catch(() => null)
  const first = readCsvColumns(body.slice(0, cut.at), { ...options, newline: cut.newline })
  const second = await secondRead
  if (!first.ok) return first
  // A quote left open makes the cut (found by quote parity) fall anywhere: read the text whole.
  if (first.value.endsInOpenQuote || first.value.quoteLeftOpen || !second?.ok || second.value.quoteLeftOpen) return readCsvColumns(body, options)
  // Dates with slashes: their order is settled on the whole text, not on each half.
  if (first.value.slashedDates || second.value.slashedDates) return readCsvColumns(body, options)
  const joined = joinCsvHalves(first.value, { read: second.value, at: cut.at, headLength: cut.head.length, newline: cut.newline }, body)
  return { ok: true, value: joined }
}

async function parseCsv(input: Input, request: IngestRequest, progress: Progress, started: number, halves?: HalfReader): Promise<IngestPayload> {
  const baseName = input.name.replace(/\.[^.]*$/, '') || 'Imported data'
  const read = await readCsvText(input.text, request, progress, baseName, halves)
  if (!read.ok) throw Object.assign(new IngestError(read.reason), { headers: read.headers, mapping: read.mapping })
  const v = read.value
  progress('building', 0)
  const table = withoutEventAt(assembleTable(v.columns, () => {
    throw new Error('events are rebuilt on the main thread')
  }))
  const rejectedRows = [...v.rejectedRows]
  return {
    table,
    ids: idsByRow(table, v.ids),
    events: { kind: 'csv', body: v.body, rowStart: v.rowStart, rowEnd: v.rowEnd, headers: v.headers, mapping: v.mapping, delimiter: v.delimiter, ...(v.slashedDates ? { dateOrder: v.slashedDates.order } : {}) },
    meta: { name: v.name, source: input.name, customRegions: [] },
    report: {
      format: 'csv',
      origin: input.name,
      total: v.total,
      accepted: v.columns.size,
      rejected: v.rejected,
      merged: 0,
      rejectedRows,
      issues: v.issues,
      warnings: v.warnings,
      unlisted: v.unlisted,
      ...(v.slashedDates ? { dateOrder: v.slashedDates, notes: [describeDateOrder(v.slashedDates)] } : {}),
      headers: v.headers,
      mapping: v.mapping,
      rejectedCsv: rejectedRowsCsv(v.headers, rejectedRows, v.rejectedCells, v.issues),
      bytes: input.bytes,
      parseMs: performance.now() - started,
    },
    validators: input.validators,
    ...(v.knownHeld === undefined ? {} : { clashes: v.knownHeld }),
  }
}

async function parse(input: Input, request: IngestRequest, progress: Progress, halves?: HalfReader): Promise<IngestPayload> {
  const started = performance.now()
  const format: ImportFormat | null = request.format === 'auto' ? detectFormat(input.text, input.name) : request.format
  if (format === 'csv' && !input.together) return parseCsv(input, request, progress, started, halves)
  progress('parsing', 0)
  // The other importers (zod, the article reader…) load only when needed: CSV starts faster without them.
  const { readMany } = await import('../domain/ingest/read-many.ts')
  const inputs = input.together?.map((t) => ({ text: t.text, fileName: t.name })) ?? [{ text: input.text, fileName: input.name }]
  // Text detected as an article is read as detected ('auto'), not as chosen: prose that names no news is then refused (read-any.ts).
  const asked = format === 'article' && request.format === 'auto' ? 'auto' : (format ?? 'auto')
  const outcome = readMany(inputs, { format: asked, now: Date.now(), ...madeChoices(request) })
  if (!outcome.ok) {
    // A native CSV with an ACLED-like header (`event_date`) is detected as ACLED: read it natively.
    if (request.format === 'auto' && format === 'acled') {
      try {
        return await parseCsv(input, request, progress, started, halves)
      } catch {
        // Not a native CSV either: the ACLED reason says more.
      }
    }
    throw new IngestError(outcome.reason)
  }
  const { dataset, ...result } = outcome.result
  progress('building', 0)
  const table = withoutEventAt(buildEventTable(dataset))
  return {
    table,
    ids: idsByRow(table, dataset.events.map((e) => e.id)),
    events: { kind: 'events', events: dataset.events },
    meta: {
      name: dataset.name,
      ...(dataset.description ? { description: dataset.description } : {}),
      source: dataset.source ?? input.name,
      ...(dataset.generatedAt ? { generatedAt: dataset.generatedAt } : {}),
      customRegions: dataset.regions,
    },
    report: {
      format: result.format,
      origin: input.name,
      total: result.total,
      accepted: dataset.events.length,
      rejected: result.rejected,
      merged: result.merged,
      rejectedRows: result.rejectedRows,
      issues: result.issues,
      warnings: result.warnings,
      ...(result.notes ? { notes: result.notes } : {}),
      ...duplicatesOf(dataset.events),
      ...removedOf(dataset.events),
      unlisted: 0,
      rejectedCsv: rejectedIssuesCsv(result.issues),
      bytes: input.bytes,
      parseMs: performance.now() - started,
    },
    validators: input.validators,
    // A file or URL is saved as its bytes (the File, the blob): only pasted text travels back.
    ...(request.source.kind === 'text' ? { text: input.text } : {}),
  }
}

/** Posts a payload's ids (packed, in one message, their ends transferred): what 'done' then leaves out. */
export function postAhead(payload: IngestPayload, post: Post): void {
  const packedIds = packStrings(payload.ids)
  post({ type: 'ids', ids: packedIds }, [packedIds.ends.buffer])
}

/** What a worker keeps of a finished import to answer the page: its events' reader and its titles. */
export interface KeptImport {
  readonly read: EventReader
  readonly titles: KeptTitles
}

/** Titles as a Blob (outside the heap of any thread that passes it on) with their UTF-8 byte ends: what a fresh worker keeps. */
export function titleBlobOf(titles: PackedStrings): TitleBlob {
  return { blob: new Blob([titles.text], { type: 'text/plain;charset=utf-8' }), ends: utf8Ends(titles) }
}

/**
 * The titles a fresh worker keeps once handed them (KeepRequest): kept as the Blob they came in,
 * read a slice at a time, so that their text is not held by the worker. Resolves at once (a
 * promise for the worker's sake: a Blob of the wrong size is refused as a failed keep).
 */
export async function keptTitlesOf(titles: TitleBlob): Promise<BlobTitles> {
  return new BlobTitles(titles.blob, titles.ends)
}

/** Titles a worker keeps: in its heap (an import's own) or as a Blob (a fresh worker's). */
export type TitleKeeper = KeptTitles | BlobTitles

/**
 * A copy of `file`'s bytes as a Blob the browser holds (not a reference to a file on disk), read
 * again when the page asks (CopyRequest): a picked file's saved copy, made once the data is drawn.
 * Null when the file cannot be read again (moved, deleted or changed since it was picked).
 */
export async function savedCopyOf(file: Blob): Promise<Blob | null> {
  try {
    const copy = new BlobOfBytes()
    const reader = file.stream().getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      copy.push(value)
    }
    const blob = copy.blob()
    return blob.size === file.size ? blob : null
  } catch {
    return null
  }
}

/** Answers one of the page's asks of the kept titles (null: this worker keeps none). */
export async function answerTitles(request: TitlesRequest, kept: Promise<TitleKeeper | null> | TitleKeeper | null, post: (message: TitlesResponse, transfer?: Transferable[]) => void): Promise<void> {
  const { id } = request
  try {
    const titles = await kept
    if (titles === null) throw new Error('this worker keeps no titles')
    switch (request.type) {
      case 'search-titles': {
        const hits = await titles.search(request.needle)
        post({ type: 'title-hits', id, hits }, [hits.buffer])
        return
      }
      case 'read-titles':
        post({ type: 'titles-read', id, titles: await titles.read(request.rows) })
        return
      case 'hash-titles':
        post({ type: 'titles-hash', id, hash: await titles.hash(request) })
        return
    }
  } catch (error) {
    post({ type: 'titles-failed', id, reason: error instanceof Error ? error.message : String(error) })
  }
}

/** Reads the events of input rows from what an import kept: its CSV rows (re-read by the rules that accepted each row) or its events. */
export type EventReader = (inputRows: ArrayLike<number>) => Promise<ThreatEvent[]>

/** The reader of a JSON (or the like) import's events, kept as they are. */
export function eventsReader(events: readonly ThreatEvent[]): EventReader {
  return (rows) => {
    const out = new Array<ThreatEvent>(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const event = events[rows[i]!]
      if (!event) return Promise.reject(new Error(`row ${rows[i]} is not one of the import's ${events.length} rows`))
      out[i] = event
    }
    return Promise.resolve(out)
  }
}

/** Whether an import of `size` rows holds a draft to review; not looked for above MAX_DRAFT_ROWS rows. */
async function holdsDrafts(read: EventReader, size: number): Promise<boolean> {
  if (size > MAX_DRAFT_ROWS) return false
  return (await read(Array.from({ length: size }, (_, row) => row))).some(isDraftEvent)
}

/** Answers one of the page's asks for events from what the import kept (null: no import done here). */
export async function answerEvents(request: EventsRequest, read: EventReader | null, post: (message: EventsResponse) => void): Promise<void> {
  if (!read) {
    post({ type: 'events-failed', id: request.id, reason: 'this worker holds no imported data' })
    return
  }
  let events: ThreatEvent[]
  try {
    events = await read(request.rows)
  } catch (error) {
    post({ type: 'events-failed', id: request.id, reason: error instanceof Error ? error.message : String(error) })
    return
  }
  post({ type: 'events', id: request.id, events })
}

/** The reader a fresh worker keeps once handed an import's CSV rows (KeepRequest). */
export function keptRowsReader(rows: CsvRowBlob): EventReader {
  return csvBlobReader(rows)
}

/**
 * How many of `ids` (an input's accepted ids, unique) are among `known`. The input's ids are
 * fresh strings, each hashed once here: a Set's hash of a million of them took 0.3 s in the
 * import worker, the string index's a tenth of that.
 */
export function countKnown(known: StringColumn, ids: readonly string[]): number {
  const count = stringCount(known)
  if (count === 0) return 0
  const have = new StringIndex(count)
  for (let i = 0; i < count; i++) have.indexOrAdd(stringAt(known, i))
  let n = 0
  for (const id of ids) if (have.indexOf(id) !== -1) n++
  return n
}

/** The reader of a CSV's events from its text as the parse left it (csvEventAt): what the drafts are looked for in before 'done'. */
export function textReader(source: CsvRowSource): EventReader {
  const eventAt = csvEventAt(source)
  return (rows) => {
    const out = new Array<ThreatEvent>(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!
      if (!Number.isInteger(row) || row < 0 || row >= source.rowStart.length) return Promise.reject(new Error(`row ${row} is not one of the import's ${source.rowStart.length} rows`))
      out[i] = eventAt(row)
    }
    return Promise.resolve(out)
  }
}

/**
 * After a CSV's 'done': its titles, then its accepted rows, made into Blobs (outside this thread's
 * heap) and posted in 'kept-titles' and 'kept', for the page to hand to a fresh worker and end this
 * one with the parse's garbage. The titles go first: they are cheaper to make, and the list waits
 * for them alone. The reader of this worker's own events, from the same rows.
 */
async function keptLater(source: CsvRowSource, titles: KeptTitles, post: Post): Promise<EventReader> {
  const titleBlob = titleBlobOf(titles.titles)
  post({ type: 'kept-titles', titles: titleBlob }, [titleBlob.ends.buffer])
  // A slice of rows a task: between slices the worker says it is alive (the page's reads wait
  // for these rows), and its engine may collect the parse's heap while the rows are kept.
  const rows = await csvRowBlobInSlices(source, nextTask)
  post({ type: 'kept', rows })
  return csvBlobReader(rows)
}

/** Resolves in a later task: the thread runs its other tasks (timers, messages) meanwhile. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Answers the page's ask for a copy of a picked file ('saved'). */
export async function answerCopy(request: CopyRequest, post: Post): Promise<void> {
  post({ type: 'saved', blob: await savedCopyOf(request.file) })
}

/**
 * Handles one request, posting progress and then exactly one of done, unchanged or failed; after
 * a CSV's 'done', 'kept' (its rows and titles as Blobs) or, should making them fail, 'failed'.
 * `halves`, when given, reads the second half of a long CSV text in another thread. Resolves to
 * the reader of the imported events, which the worker keeps to answer the page (`answerEvents`);
 * null when nothing was imported.
 */
export async function runIngest(request: IngestRequest, post: Post, halves?: HalfReader): Promise<KeptImport | null> {
  let lastPost = 0
  const progress = (phase: IngestPhase, fraction: number): void => {
    const now = performance.now()
    if (now - lastPost < 50 && fraction < 1) return
    lastPost = now
    post({ type: 'progress', phase, fraction })
  }
  try {
    const readStarted = performance.now()
    const input = await readInput(request, progress)
    const readMs = performance.now() - readStarted
    if (input === 'unchanged') {
      post({ type: 'unchanged' })
      return null
    }
    const parsed = await parse(input, request, progress, halves)
    const clashes = request.knownIds ? (parsed.clashes ?? countKnown(request.knownIds, parsed.ids)) : undefined
    const payload = { ...parsed, report: { ...parsed.report, readMs }, ...(clashes === undefined ? {} : { clashes }) }
    // A CSV's drafts are read from its text here; its rows and titles are made into Blobs after
    // 'done' (keptLater), while the page shows the preview.
    const csv = payload.events.kind === 'csv' ? payload.events : null
    const drafts = await holdsDrafts(csv ? textReader(csv) : eventsReader(payload.events.kind === 'events' ? payload.events.events : []), payload.table.size)
    postAhead(payload, post)
    const { titles: titleList, ...table } = payload.table
    const { ids: _ids, events: _events, ...rest } = payload
    post(
      {
        type: 'done',
        payload: {
          ...rest,
          table,
          holdsDrafts: drafts,
          ...(input.blob ? { blob: input.blob } : {}),
          ...(csv ? { keptFollows: true as const } : {}),
          ...(input.copyOf ? { copyOnAsk: true as const } : {}),
        },
      },
      transferList(payload.table),
    )
    // Packed after 'done' (the titles do not travel with it), so the preview does not wait for it.
    const titles = new KeptTitles(packedColumn(titleList))
    const read = csv ? await keptLater(csv, titles, post) : eventsReader(payload.events.kind === 'events' ? payload.events.events : [])
    // A picked file's saved copy is made only when the page asks (answerCopy), once the data is drawn.
    return { read, titles }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    const detail = error as { headers?: readonly string[]; mapping?: IngestPayload['report']['mapping'] }
    post({
      type: 'failed',
      reason: error instanceof IngestError ? reason : `could not import: ${reason}`,
      ...(detail.headers ? { headers: detail.headers } : {}),
      ...(detail.mapping ? { mapping: detail.mapping } : {}),
    })
    return null
  }
}
