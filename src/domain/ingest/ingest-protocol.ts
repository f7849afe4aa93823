/**
 * Messages between the app (src/lib/ingest) and the ingest worker (src/workers). They live in
 * the domain because both sides may import only the domain. Types and constants only.
 *
 * The worker reads a file,
 * text or URL, parses it, builds the table's columns and sends them back with their buffers
 * transferred, not copied. One import per worker: cancelling terminates it. After 'done' the
 * worker keeps what the events are read from (the events of a JSON and the like) and answers
 * `EventsRequest`s for as long as the table lives: the page never holds that text. A CSV's
 * accepted rows are posted as a Blob with their offsets (`rows`), which the page hands to a fresh
 * worker (a `KeepRequest`) that answers the reads instead, so the parse's garbage goes with the
 * worker that made it.
 */
import type { DateOrder, DateOrderFinding } from './date-order.ts'
import type { RemovedUpstreamList } from './acled-update.ts'
import type { ColumnTarget } from './csv-headers.ts'
import type { CsvRowBlob } from './csv-row-blob.ts'
import type { ReadChoices } from './read-choices.ts'
import type { ImportFormat } from './detect.ts'
import type { DuplicateSuggestion } from './near-duplicates.ts'
import type { PackedStrings } from './packed-strings.ts'
import type { StringColumn } from '../string-column.ts'
import type { ImportIssue, RegionDef, ThreatEvent } from '../model.ts'
import type { EventTable } from '../table-types.ts'

/** Files larger than this are refused unless the caller sets another limit. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024

/** A URL that sends nothing (no answer, or no more of its body) for this long fails the import, ms. */
export const DEFAULT_URL_TIMEOUT_MS = 30_000

/** A URL source must send at least this many bytes per timeout window to count as alive. */
export const PROGRESS_MIN_BYTES = 1024

export type IngestSource =
  | { readonly kind: 'file'; readonly file: Blob; readonly name: string }
  | { readonly kind: 'text'; readonly text: string; readonly name: string }
  /** An absolute URL; `etag` / `lastModified` make the request conditional (a refresh). */
  | { readonly kind: 'url'; readonly url: string; readonly etag?: string; readonly lastModified?: string }

export interface IngestRequest extends ReadChoices {
  readonly type: 'ingest'
  readonly source: IngestSource
  readonly format: ImportFormat | 'auto'
  /** Hand-made CSV column targets by column number. */
  readonly overrides: readonly (readonly [number, ColumnTarget])[]
  readonly maxBytes: number
  /**
   * URL sources: give up when less than PROGRESS_MIN_BYTES arrives in this long (default
   * DEFAULT_URL_TIMEOUT_MS): a server that answers nothing, or trickles a byte at a time.
   */
  readonly timeoutMs?: number
  /**
   * URL sources: refuse an answer whose content type is a web page (HTML), as a `?data=` link or
   * a live source must be data; a sign-in page is HTML. Web pages at data-like addresses
   * (`….json`, `….csv`) are refused anyway, unless the format asked for is 'article'.
   */
  readonly refuseHtml?: boolean
  /**
   * The ids of the data on screen, when the app knows them and they are few enough to send:
   * the worker then counts how many of them the input holds (`IngestPayload.clashes`), off the
   * main thread. Packed ids (as an import's arrive) cross threads as two objects, not a string each.
   */
  readonly knownIds?: StringColumn
  /**
   * Inputs read together with `source` as one dataset (read-many.ts): GDELT events files and
   * their mentions tables. The report's origin names them all.
   */
  readonly companions?: readonly IngestSource[]
}

export type IngestPhase = 'reading' | 'parsing' | 'building'

/** What the report shows about an import. accepted + rejected = total, always. */
export interface IngestReport {
  readonly format: string
  readonly origin: string
  readonly total: number
  readonly accepted: number
  readonly rejected: number
  /** Records folded into another record's event (ImportResult.merged): records read = total + merged. */
  readonly merged: number
  readonly rejectedRows: readonly number[]
  readonly issues: readonly ImportIssue[]
  readonly warnings: readonly ImportIssue[]
  /** Issues and warnings found but not listed (very large files). */
  readonly unlisted: number
  /** What the reader did to the input as a whole (mentions joined, duplicates merged), one line each. */
  readonly notes?: readonly string[]
  /** Possible duplicates for the analyst to review (near-duplicates.ts), at most MAX_SUGGESTIONS. */
  readonly duplicates?: readonly DuplicateSuggestion[]
  /** ACLED updates: the events the newer export no longer has, kept and flagged until dropped. */
  readonly removedUpstream?: RemovedUpstreamList
  /** CSV: how dates with slashes were read (the order, and whether it was chosen, detected or assumed); absent when there are none. */
  readonly dateOrder?: DateOrderFinding
  /** The CSV header and how its columns were mapped (CSV only). */
  readonly headers?: readonly string[]
  readonly mapping?: readonly ColumnTarget[]
  /** The rejected rows as CSV text, with a column saying why; '' when none were rejected. */
  readonly rejectedCsv: string
  readonly bytes: number
  /** Time in the worker reading the input, and parsing it and building the table (ms). */
  readonly readMs?: number
  readonly parseMs: number
}

export interface IngestMeta {
  readonly name: string
  readonly description?: string
  readonly source?: string
  readonly generatedAt?: string
  readonly customRegions: readonly RegionDef[]
}

/** HTTP validators of a URL source, for conditional refreshes. */
export interface Validators {
  readonly etag?: string
  readonly lastModified?: string
}

/** A table without its event readers, which cannot cross threads. */
export type TransferTable = Omit<EventTable, 'eventAt' | 'readEvents'>

/** How the worker rebuilds full events after an import: from the CSV text, or from the events themselves. */
export type EventSource =
  | {
      readonly kind: 'csv'
      readonly body: string
      readonly rowStart: Uint32Array
      readonly rowEnd: Uint32Array
      readonly headers: readonly string[]
      readonly mapping: readonly ColumnTarget[]
      readonly delimiter: string
      /** The order the file's dates with slashes were read in. */
      readonly dateOrder?: DateOrder
    }
  | { readonly kind: 'events'; readonly events: readonly ThreatEvent[] }

export interface IngestPayload {
  readonly table: TransferTable
  /** The event id of each table row (rows are stored newest first, not in input order). */
  readonly ids: readonly string[]
  /** The accepted events, or where their CSV records are, by input row (`table.sourceRow`). */
  readonly events: EventSource
  readonly meta: IngestMeta
  readonly report: IngestReport
  readonly validators: Validators
  /** Pasted text whose events are not rebuilt from it (JSON and the like), to save it. */
  readonly text?: string
  /** How many of the request's `knownIds` the accepted rows hold; absent when none were sent. */
  readonly clashes?: number
}

/** Imports of more rows than this are not looked through for draft events (drafts come from articles: a handful). */
export const MAX_DRAFT_ROWS = 500

/**
 * An IngestPayload as posted in 'done': the ids have gone ahead in an 'ids' message; the titles
 * and the events (or the CSV text they are read from) stay in the worker, which answers the
 * page's reads and searches of them (a CSV's go, as Blobs in 'kept' after 'done', to a fresh
 * worker: KeepRequest).
 */
export interface PostedPayload extends Omit<IngestPayload, 'table' | 'ids' | 'events'> {
  readonly table: Omit<TransferTable, 'titles'>
  /** A URL source's bytes as they came, gathered by the worker as it read them: what the workspace saves. */
  readonly blob?: Blob
  /**
   * A picked file's: the worker that answers the reads makes a copy of its bytes, what the
   * workspace saves, when the page asks for it (CopyRequest, answered by 'saved').
   */
  readonly copyOnAsk?: true
  /** Some event is a draft to review (`extra.draft`); looked for up to MAX_DRAFT_ROWS rows. */
  readonly holdsDrafts: boolean
  /** A CSV's: its titles, then its rows, follow in 'kept-titles' and 'kept' messages, for a fresh worker (KeepTitlesRequest, KeepRequest). */
  readonly keptFollows?: true
}

/**
 * A table's titles, newest first, as a Blob of their text (UTF-8) and the byte end of each title
 * in that Blob: titles pass from one worker to another through the page without the page holding
 * their text, and the worker that keeps them reads a title by slicing the Blob.
 */
export interface TitleBlob {
  readonly blob: Blob
  readonly ends: Uint32Array
}

/** Makes a fresh worker the keeper of an import's titles: it answers TitlesRequests from them. */
export interface KeepTitlesRequest {
  readonly type: 'keep-titles'
  readonly titles: TitleBlob
}

/** Makes a fresh worker the reader of an import's CSV rows: it answers EventsRequests from them. */
export interface KeepRequest {
  readonly type: 'keep'
  readonly rows: CsvRowBlob
}

/**
 * The page asks the worker that keeps an import's titles, by table row (newest first, the order
 * the titles are kept in): which titles hold a needle (as the engine's text search does, ignoring
 * case), the titles of some rows, or the data's fingerprint (view-file.ts `dataHash`) given the
 * table's other columns it mixes in.
 */
export type TitlesRequest =
  | { readonly type: 'search-titles'; readonly id: number; readonly needle: string }
  | { readonly type: 'read-titles'; readonly id: number; readonly rows: Uint32Array }
  | {
      readonly type: 'hash-titles'
      readonly id: number
      readonly sourceRow: Uint32Array | null
      readonly startMs: Float64Array
      readonly endMs: Float64Array
      readonly level: Uint8Array
    }

export type TitlesResponse =
  /** 1 for each table row whose title holds the needle, else 0. */
  | { readonly type: 'title-hits'; readonly id: number; readonly hits: Uint8Array }
  | { readonly type: 'titles-read'; readonly id: number; readonly titles: readonly string[] }
  | { readonly type: 'titles-hash'; readonly id: number; readonly hash: string }
  | { readonly type: 'titles-failed'; readonly id: number; readonly reason: string }

/**
 * The page asks the worker that read an import for events, by input row (`table.sourceRow`
 * gives a table row's): answered once, by 'events' or 'events-failed' with the same id.
 */
export interface EventsRequest {
  readonly type: 'events'
  readonly id: number
  readonly rows: Uint32Array
}

export type EventsResponse =
  | { readonly type: 'events'; readonly id: number; readonly events: readonly ThreatEvent[] }
  | { readonly type: 'events-failed'; readonly id: number; readonly reason: string }

/**
 * The page asks the worker that answers an import's reads for a copy of a picked file's bytes
 * (`copyOnAsk`): what the workspace saves, made when the page is about to save it, not while it
 * draws the data. Answered by 'saved'.
 */
export interface CopyRequest {
  readonly type: 'copy-file'
  readonly file: Blob
}

/** Every message the page sends an ingest worker. */
export type IngestWorkerRequest = IngestRequest | EventsRequest | KeepTitlesRequest | KeepRequest | TitlesRequest | CopyRequest

/** How often a working ingest worker says it is alive (ms), whatever it is doing between its own awaits. */
export const WORKER_HEARTBEAT_MS = 5_000

/**
 * A worker that sends nothing at all (no progress, no heartbeat) for this long (ms) is taken to
 * have stopped: the import fails rather than waiting forever. Longer than DEFAULT_URL_TIMEOUT_MS,
 * the worker's own watchdog on a URL.
 */
export const WORKER_SILENCE_MS = 60_000

export type IngestResponse =
  | { readonly type: 'progress'; readonly phase: IngestPhase; readonly fraction: number }
  /** The worker is still at work (every WORKER_HEARTBEAT_MS while it waits on the network or between phases). */
  | { readonly type: 'alive' }
  /** The ids of all table rows, newest first, packed (packed-strings.ts), ahead of 'done'. */
  | { readonly type: 'ids'; readonly ids: PackedStrings }
  | { readonly type: 'done'; readonly payload: PostedPayload }
  /**
   * After a CSV's 'done' (`keptFollows`): its titles as a Blob, what a fresh worker keeps
   * (KeepTitlesRequest), made first so that the list's titles wait for them alone; then, in
   * 'kept', its accepted rows as a Blob with their byte offsets, what the fresh worker reads
   * events from (KeepRequest). Made while the page shows the preview; a failure to make them is
   * told by 'failed'.
   */
  | { readonly type: 'kept-titles'; readonly titles: TitleBlob }
  | { readonly type: 'kept'; readonly rows: CsvRowBlob }
  /**
   * The answer to a CopyRequest: the copy of a picked file's bytes that the workspace saves, or
   * null when it could not be made (the page then copies the file).
   */
  | { readonly type: 'saved'; readonly blob: Blob | null }
  /** A URL source that has not changed since the validators given (HTTP 304). */
  | { readonly type: 'unchanged' }
  | {
      readonly type: 'failed'
      readonly reason: string
      readonly headers?: readonly string[]
      readonly mapping?: readonly ColumnTarget[]
    }
