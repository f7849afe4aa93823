/**
 * A small ClickHouse HTTP endpoint over chdb (ClickHouse as a library), for tests and for trying
 * warehouse mode on one machine without a server. It follows ClickHouse's HTTP interface
 * (https://clickhouse.com/docs/interfaces/http) for what Watchfloor and @clickhouse/client-web
 * use: the query in the URL (`query=`), in the body, or both (the body follows the URL's query,
 * as an INSERT's data does); `param_<name>` query parameters bound server-side; `default_format`;
 * `query_id`; any other URL parameter as a setting for that query (`max_execution_time`, …);
 * basic auth, `X-ClickHouse-User`/`X-ClickHouse-Key` or `user`/`password` parameters; gzip of the
 * answer when `enable_http_compression=1` and the client accepts it; CORS; errors as ClickHouse
 * sends them (`Code: N. DB::Exception: …` with `X-ClickHouse-Exception-Code`). It is not a
 * server to expose: one session, queries run one at a time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync, gzipSync } from 'node:zlib'
import { Session } from 'chdb'
import { paramForChdb, paramTypes } from './param-text.ts'

export interface EndpointOptions {
  /** Folder the data lives in (kept between runs); a temporary one when absent. */
  readonly dir?: string
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** The one user the endpoint accepts; `default` with an empty password when absent. */
  readonly user?: string
  readonly password?: string
  /** Told of each query answered: its text and chdb's own time, rows and bytes read (a probe's breakdown). */
  readonly onQuery?: (query: AnsweredQuery) => void
  /**
   * Asked before each query runs: a ClickHouse exception text (`Code: N. DB::Exception: …`) to
   * answer instead, as a server answers a query that fails, or null to run it (a test's way to
   * make one kind of query fail).
   */
  readonly refuse?: (sql: string) => string | null
  /**
   * Asked before each query takes its turn: a promise the query waits for (a test's way to make
   * one kind of query slow while the others are answered), or null to queue it at once.
   */
  readonly hold?: (sql: string) => Promise<void> | null
}

/** A query the endpoint answered, with chdb's own figures. */
export interface AnsweredQuery {
  readonly sql: string
  readonly ms: number
  readonly rows: number
  readonly bytes: number
  /** The process's CPU time (user and system, ms) while the query ran: chdb's work, the endpoint answering one query at a time. */
  readonly cpuMs: number
}

export interface ChdbEndpoint {
  /** Base URL, e.g. http://127.0.0.1:8123 */
  readonly url: string
  readonly session: Session
  close(): Promise<void>
}

/** URL parameters that are part of the protocol, not settings. */
const PROTOCOL_PARAMS = new Set(['query', 'database', 'default_format', 'query_id', 'user', 'password', 'session_id', 'session_timeout', 'role', 'enable_http_compression'])

/** HTTP status per ClickHouse error code, as the server maps them. */
const STATUS_OF_CODE: Readonly<Record<number, number>> = {
  60: 404, // UNKNOWN_TABLE
  81: 404, // UNKNOWN_DATABASE
  62: 400, // SYNTAX_ERROR
  115: 400, // UNKNOWN_SETTING
  130: 400, // CANNOT_READ_ARRAY_FROM_TEXT
  456: 400, // UNKNOWN_QUERY_PARAMETER
  457: 400, // BAD_QUERY_PARAMETER
  516: 401, // AUTHENTICATION_FAILED
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Content-Encoding, Accept-Encoding, X-ClickHouse-User, X-ClickHouse-Key, X-ClickHouse-Format, X-ClickHouse-Database',
  'Access-Control-Expose-Headers': 'X-ClickHouse-Query-Id, X-ClickHouse-Summary, X-ClickHouse-Format, X-ClickHouse-Timezone, X-ClickHouse-Exception-Code',
  'Access-Control-Max-Age': '600',
} as const

class HttpError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function credentialsOf(req: IncomingMessage, url: URL): { user: string; password: string } {
  const auth = req.headers.authorization
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
  }
  const header = (name: string): string | undefined => {
    const v = req.headers[name]
    return Array.isArray(v) ? v[0] : v
  }
  return {
    user: header('x-clickhouse-user') ?? url.searchParams.get('user') ?? 'default',
    password: header('x-clickhouse-key') ?? url.searchParams.get('password') ?? '',
  }
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks)
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')
}

function codeOf(message: string): number {
  return Number(/Code: (\d+)/.exec(message)?.[1] ?? 1002)
}

/** Runs one query with its settings and parameters; the settings are reset after. */
async function runQuery(session: Session, sql: string, params: Record<string, string | null>, settings: [string, string][], format: string): Promise<{ text: string; rows: number; bytes: number; ms: number; cpuMs: number }> {
  const applied: string[] = []
  const cpu = process.cpuUsage()
  try {
    for (const [name, value] of settings) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new HttpError(115, `Code: 115. DB::Exception: Unknown setting '${name}'. (UNKNOWN_SETTING)`)
      session.queryBind(`SET ${name} = {value:String}`, { value })
      applied.push(name)
    }
    const result = Object.keys(params).length > 0 ? await session.queryBindAsync(sql, params, { format }) : await session.queryAsync(sql, { format })
    const used = process.cpuUsage(cpu)
    return { text: result.text(), rows: result.rowsRead, bytes: result.bytesRead, ms: result.elapsed * 1000, cpuMs: (used.user + used.system) / 1000 }
  } finally {
    for (const name of applied) session.query(`SET ${name} = DEFAULT`)
  }
}

/**
 * Starts the endpoint. Queries are answered one at a time, in the order they came, as a single
 * session can run them.
 */
export async function startChdbEndpoint(options: EndpointOptions = {}): Promise<ChdbEndpoint> {
  const session = options.dir === undefined ? new Session() : new Session(options.dir)
  const user = options.user ?? 'default'
  const password = options.password ?? ''
  let queue: Promise<unknown> = Promise.resolve()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end()
      return
    }
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
      res.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'text/plain; charset=UTF-8' }).end('Ok.\n')
      return
    }
    const queryId = url.searchParams.get('query_id') ?? crypto.randomUUID()
    const format = url.searchParams.get('default_format') ?? 'TabSeparated'
    const headers: Record<string, string> = { ...CORS_HEADERS, 'X-ClickHouse-Query-Id': queryId, 'X-ClickHouse-Format': format, 'X-ClickHouse-Timezone': 'UTC' }
    try {
      if (url.pathname !== '/') throw new HttpError(404, `There is no handle ${url.pathname}`)
      const given = credentialsOf(req, url)
      if (given.user !== user || given.password !== password) {
        throw new HttpError(516, `Code: 516. DB::Exception: ${given.user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`)
      }
      const body = req.method === 'POST' ? await bodyOf(req) : ''
      const inUrl = url.searchParams.get('query')
      const sql = inUrl === null ? body : body === '' ? inUrl : `${inUrl}\n${body}`
      if (sql.trim() === '') throw new HttpError(62, 'Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)')
      const refused = options.refuse?.(sql) ?? null
      if (refused !== null) throw new HttpError(codeOf(refused), refused)
      await options.hold?.(sql)
      const params: Record<string, string | null> = {}
      const settings: [string, string][] = []
      const types = paramTypes(sql)
      for (const [name, value] of url.searchParams) {
        if (name.startsWith('param_')) params[name.slice(6)] = paramForChdb(value, types.get(name.slice(6)))
        else if (!PROTOCOL_PARAMS.has(name)) settings.push([name, value])
      }
      const run = queue.then(() => runQuery(session, sql, params, settings, format))
      queue = run.catch(() => undefined)
      const answer = await run
      options.onQuery?.({ sql, ms: answer.ms, rows: answer.rows, bytes: answer.bytes, cpuMs: answer.cpuMs })
      headers['X-ClickHouse-Summary'] = JSON.stringify({ read_rows: String(answer.rows), read_bytes: String(answer.bytes), elapsed_ns: String(Math.round(answer.ms * 1e6)) })
      headers['Content-Type'] = format.startsWith('JSON') ? 'application/json; charset=UTF-8' : 'text/plain; charset=UTF-8'
      const gzip = url.searchParams.get('enable_http_compression') === '1' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
      if (gzip) headers['Content-Encoding'] = 'gzip'
      res.writeHead(200, headers).end(gzip ? gzipSync(answer.text) : answer.text)
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(/^Query failed: /, '')
      const code = error instanceof HttpError ? error.code : codeOf(message)
      const status = error instanceof HttpError && code === 404 ? 404 : (STATUS_OF_CODE[code] ?? 500)
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': String(code) }).end(`${message}\n`)
    }
  }

  // ClickHouse takes URLs up to 1 MiB (http_max_uri_size): query parameters travel in them.
  // Queries wait their turn here behind whatever runs before them, and a client may pause
  // between requests (`push` builds its next batch, seconds on a busy machine): Node's own
  // request and header timeouts and its 5 s keep-alive would then close connections a real
  // server keeps, which a client sees as EPIPE or a reset half-way through a body. This endpoint
  // is local, so those limits are off and an idle connection is kept for two minutes.
  const server: Server = createServer({ maxHeaderSize: 1024 * 1024, requestTimeout: 0, headersTimeout: 0, keepAliveTimeout: 120_000 }, (req, res) => void handle(req, res))
  await new Promise<void>((done) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done))
  const { address, port } = server.address() as AddressInfo
  return {
    url: `http://${address}:${port}`,
    session,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => {
          session.close()
          done()
        })
      }),
  }
}
