import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../../../scripts/warehouse/chdb-endpoint.ts'
import { ClickHouseEngine } from '../../../../src/lib/clickhouse/clickhouse-engine.ts'
import { QUERY_SECONDS, WarehouseClient, WarehouseError } from '../../../../src/lib/clickhouse/warehouse-client.ts'

/** Connecting fails in words an analyst can act on. */
let endpoint: ChdbEndpoint
/** While set, the endpoint answers every query with it, as a server answers a failed one. */
let refusal: string | null = null

beforeAll(async () => {
  endpoint = await startChdbEndpoint({ user: 'analyst', password: 's3cret', refuse: () => refusal })
}, 60_000)

afterAll(async () => {
  await endpoint?.close()
})

async function failureOf(promise: Promise<unknown>): Promise<WarehouseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(WarehouseError)
  return error as WarehouseError
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

describe('connecting to a warehouse', () => {
  const table = { database: 'nowhere', table: 'events' }

  it('says when the user name or password is refused', async () => {
    const error = await failureOf(ClickHouseEngine.open({ url: endpoint.url, user: 'analyst', password: 'guess', table }))
    expect(error.failure).toBe('auth')
    expect(error.message).toBe('The warehouse refused the user name or password.')
  })

  it('says when the table is missing', async () => {
    const error = await failureOf(ClickHouseEngine.open({ url: endpoint.url, user: 'analyst', password: 's3cret', table }))
    expect(error.failure).toBe('missing-table')
    expect(error.message).toMatch(/no such table/)
  })

  it('sends every query with its time limit, and a result limit the server holds it to', async () => {
    const client = new WarehouseClient({ url: endpoint.url, user: 'analyst', password: 's3cret', table })
    const [limit] = await client.rows<{ seconds: string }>("SELECT toString(getSetting('max_execution_time')) AS seconds")
    expect(Number(limit!.seconds)).toBe(QUERY_SECONDS)
    expect(QUERY_SECONDS).toBe(30)
    const within = await client.rows<{ n: number }>('SELECT toUInt32(number) AS n FROM numbers({count:UInt32})', { count: 5 }, { maxRows: 5 })
    expect(within.map((r) => r.n)).toEqual([0, 1, 2, 3, 4])
    // One row more than allowed is an error in words, never a silently short answer.
    const error = await failureOf(client.rows('SELECT number FROM numbers({count:UInt32})', { count: 6 }, { maxRows: 5 }))
    expect(error.failure).toBe('too-large')
    expect(error.message).toBe('The answer is larger than the tab takes: narrow the filters.')
  })

  it('says when the warehouse gives up on a query past its time limit', async () => {
    // Every query runs past max_execution_time, as ClickHouse answers one.
    refusal = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30.002 seconds, maximum: 30. (TIMEOUT_EXCEEDED)'
    try {
      const error = await failureOf(ClickHouseEngine.open({ url: endpoint.url, user: 'analyst', password: 's3cret', table }))
      expect(error.failure).toBe('timeout')
      expect(error.message).toBe('The warehouse did not answer within 30 s. Narrow the filters or try again.')
    } finally {
      refusal = null
    }
  })

  it('says when the server cannot be reached, naming CORS and TLS', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`
    const error = await failureOf(ClickHouseEngine.open({ url, user: 'analyst', password: 's3cret', table }))
    expect(error.failure).toBe('unreachable')
    expect(error.message).toContain(`Could not reach ${url}`)
    expect(error.message).toMatch(/CORS/)
    expect(error.message).toMatch(/certificate/)
  })
})
