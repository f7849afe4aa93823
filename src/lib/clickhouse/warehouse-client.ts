import { createClient, type ClickHouseClient } from '@clickhouse/client-web'
import type { TableName } from '../../domain/warehouse/table-layout.ts'

/**
 * The one door to @clickhouse/client-web: queries with typed parameters, answers as rows, a
 * time limit and a row limit on every query, cancellation by AbortSignal, and failures told
 * apart in words an analyst can act on.
 */

export interface WarehouseConnection {
  /** The server's HTTP(S) address, without credentials: what exports and links name. */
  readonly url: string
  readonly table: TableName
  readonly user: string
  /** Kept in memory for the tab's session; never in a link, a saved view or an export. */
  readonly password: string
}

export type WarehouseFailure = 'unreachable' | 'auth' | 'missing-table' | 'timeout' | 'too-large' | 'query'

/** A failed warehouse request, with what went wrong in words. */
export class WarehouseError extends Error {
  constructor(
    readonly failure: WarehouseFailure,
    message: string,
  ) {
    super(message)
    this.name = 'WarehouseError'
  }
}

/** Seconds a query may run on the server before it gives up (`max_execution_time`). */
export const QUERY_SECONDS = 30

/**
 * Settings every query carries. Besides the time limit and the answer's shape:
 * `do_not_merge_across_partitions_select_final`, so a `FINAL` read merges rows within each
 * partition alone and reads a partition of one merged part without merging. Right for the
 * documented layout, whose partition (the month of `day`) follows from the sorting key, so rows
 * of one key never sit in two partitions; servers since 24.1 derive it themselves for such a
 * table, older ones need it said. An unpartitioned table is one partition: nothing changes.
 */
export const QUERY_SETTINGS = {
  output_format_json_quote_64bit_integers: 0,
  max_execution_time: QUERY_SECONDS,
  // A real server sends CORS headers only when asked (the test endpoint always does).
  add_http_cors_header: 1,
  do_not_merge_across_partitions_select_final: 1,
} as const

export function abortError(): DOMException {
  return new DOMException('A newer request superseded this one.', 'AbortError')
}

function explain(error: unknown, url: string): WarehouseError {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown }).code
  if (code === '516' || code === '194' || /Authentication failed|password is incorrect/i.test(message)) {
    return new WarehouseError('auth', 'The warehouse refused the user name or password.')
  }
  if (code === '60' || code === '81') return new WarehouseError('missing-table', `The warehouse has no such table: ${message.split('. (')[0]}`)
  if (code === '159' || /Timeout error/i.test(message)) {
    return new WarehouseError('timeout', `The warehouse did not answer within ${QUERY_SECONDS} s. Narrow the filters or try again.`)
  }
  if (code === '396' || code === '158') return new WarehouseError('too-large', 'The answer is larger than the tab takes: narrow the filters.')
  if (code === undefined || /fetch/i.test(message)) {
    return new WarehouseError(
      'unreachable',
      `Could not reach ${url}. Check the address, that the server is running and allows this page's origin (CORS: add_http_cors_header), and, for https, that its certificate is trusted.`,
    )
  }
  return new WarehouseError('query', message)
}

export interface QueryOptions {
  readonly signal?: AbortSignal
  /** Most rows the server may return; more is an error, not a silently short answer. */
  readonly maxRows?: number
}

export class WarehouseClient {
  private readonly client: ClickHouseClient

  constructor(readonly connection: WarehouseConnection) {
    this.client = createClient({
      url: connection.url,
      username: connection.user,
      password: connection.password,
      request_timeout: (QUERY_SECONDS + 5) * 1000,
      compression: { response: false, request: false },
      use_multipart_params: false,
      use_multipart_params_auto: false,
      clickhouse_settings: QUERY_SETTINGS,
    })
  }

  /** Rows of a SELECT (JSONEachRow); `params` fill the `{name:Type}` placeholders server-side. */
  rows<T>(sql: string, params: Readonly<Record<string, unknown>> = {}, options: QueryOptions = {}, format: 'JSONEachRow' | 'JSONCompactEachRow' = 'JSONEachRow'): Promise<T[]> {
    return this.answer<T[]>(sql, params, options, format)
  }

  /** Rows of a SELECT as arrays in the SELECT's order (JSONCompactEachRow): a large answer without a key per value. */
  compactRows<T extends readonly unknown[]>(sql: string, params: Readonly<Record<string, unknown>> = {}, options: QueryOptions = {}): Promise<T[]> {
    return this.rows<T>(sql, params, options, 'JSONCompactEachRow')
  }

  /**
   * A SELECT's answer as one array per column, by column name (JSONColumnsWithMetadata): a large
   * answer read with one parse instead of one per row.
   */
  async columns<T extends object>(sql: string, params: Readonly<Record<string, unknown>> = {}, options: QueryOptions = {}): Promise<T> {
    const { meta, data } = await this.answer<{ meta: readonly { name: string }[]; data: Record<string, unknown[] | undefined> }>(sql, params, options, 'JSONColumnsWithMetadata')
    // An empty answer may leave its columns out of `data`; each column the query names is there.
    return Object.fromEntries(meta.map(({ name }) => [name, data[name] ?? []])) as T
  }

  private async answer<T>(sql: string, params: Readonly<Record<string, unknown>>, options: QueryOptions, format: 'JSONEachRow' | 'JSONCompactEachRow' | 'JSONColumnsWithMetadata'): Promise<T> {
    const { signal, maxRows } = options
    if (signal?.aborted) throw abortError()
    try {
      const result = await this.client.query({
        query: sql,
        format,
        query_params: params as Record<string, unknown>,
        abort_signal: signal,
        clickhouse_settings: maxRows === undefined ? {} : { max_result_rows: String(maxRows), result_overflow_mode: 'throw' },
      })
      const answer = (await result.json()) as T
      if (signal?.aborted) throw abortError()
      return answer
    } catch (error) {
      if (signal?.aborted) throw abortError()
      throw explain(error, this.connection.url)
    }
  }

  /** A statement with no answer (DDL, DELETE). */
  async command(sql: string, params: Readonly<Record<string, unknown>> = {}): Promise<void> {
    try {
      await this.client.command({ query: sql, query_params: params as Record<string, unknown> })
    } catch (error) {
      throw explain(error, this.connection.url)
    }
  }

  /**
   * Inserts rows (JSONEachRow) into `table`, in as many monthly partitions as they fall in (the
   * server's default refuses more than 100 in one INSERT).
   */
  async insert(table: string, values: readonly object[]): Promise<void> {
    try {
      await this.client.insert({ table, values: values as object[], format: 'JSONEachRow', clickhouse_settings: { max_partitions_per_insert_block: '0' } })
    } catch (error) {
      throw explain(error, this.connection.url)
    }
  }

  close(): Promise<void> {
    return this.client.close()
  }
}
