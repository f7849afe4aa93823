/**
 * The command line's door to a ClickHouse server: its HTTP interface over fetch (the CLI runs on
 * the domain code alone, without the browser client). Values travel as `param_<name>` query
 * parameters; a failure is a CliError in one line.
 */
import { CliError, oneLine, UsageError } from './cli-core.ts'

/**
 * Refuses a password given on the command line (`--password`), where the shell's history and the
 * process list would keep it; the message never repeats the value.
 */
export function refusePasswordOption(values: Readonly<Record<string, unknown>>): void {
  if (values.password !== undefined) throw new UsageError('there is no --password: set the password in WATCHFLOOR_CLICKHOUSE_PASSWORD (a command line is kept in the shell history and shown in the process list)')
}

export interface WarehouseTarget {
  readonly url: string
  readonly user: string
  readonly password: string
}

/** A query parameter's value in ClickHouse's text form (strings as they are; arrays of strings quoted and escaped). */
function paramText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v))).join(',')}]`
  return String(value)
}

/** What a connection closed by the server reports: the request can be sent again on a new one. */
const CLOSED_CONNECTION = /EPIPE|ECONNRESET|UND_ERR_SOCKET|other side closed/

/** Runs `sql` (with `body` after it, an INSERT's data); the answer's text. */
export async function warehouseQuery(target: WarehouseTarget, sql: string, params: Readonly<Record<string, unknown>> = {}, body?: string): Promise<string> {
  let base: URL
  try {
    base = new URL(target.url)
  } catch {
    throw new CliError(`--clickhouse ${target.url} is not a URL (e.g. http://localhost:8123)`)
  }
  if (base.username !== '' || base.password !== '') throw new CliError('put the user in --user and the password in WATCHFLOOR_CLICKHOUSE_PASSWORD, not in the URL')
  const url = new URL(base)
  url.searchParams.set('query', sql)
  for (const [name, value] of Object.entries(params)) url.searchParams.set(`param_${name}`, paramText(value))
  const send = (): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: { 'X-ClickHouse-User': target.user, 'X-ClickHouse-Key': target.password },
      ...(body === undefined ? {} : { body }),
    })
  let response: Response
  try {
    response = await send().catch((error: unknown) => {
      // A kept-alive connection the server closed while it sat idle (building the next batch can
      // outlast its keep-alive timeout) fails before the request is read: sent once more.
      if (!CLOSED_CONNECTION.test(String((error as Error).cause ?? error))) throw error
      return send()
    })
  } catch (error) {
    throw new CliError(`cannot reach the warehouse at ${target.url}: ${oneLine(String((error as Error).cause ?? error))}`)
  }
  const text = await response.text()
  if (response.ok) return text
  if (response.status === 401 || response.status === 403 || /AUTHENTICATION_FAILED/.test(text)) {
    throw new CliError(`the warehouse at ${target.url} refused user "${target.user}" (set the password in WATCHFLOOR_CLICKHOUSE_PASSWORD)`)
  }
  throw new CliError(`the warehouse at ${target.url} answered: ${oneLine(text).slice(0, 400)}`)
}
