import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChdbEndpoint, type ChdbEndpoint } from '../../../scripts/warehouse/chdb-endpoint.ts'
import { paramForChdb } from '../../../scripts/warehouse/param-text.ts'
import { WarehouseClient } from '../../../src/lib/clickhouse/warehouse-client.ts'

/** The test endpoint speaks ClickHouse's HTTP interface as the client and the CLI use it. */
let endpoint: ChdbEndpoint
const auth = { Authorization: `Basic ${Buffer.from('analyst:s3cret').toString('base64')}` }
const HOSTILE = "b'; DROP TABLE t.e; --"

beforeAll(async () => {
  endpoint = await startChdbEndpoint({ user: 'analyst', password: 's3cret' })
  const post = (query: string, body = ''): Promise<Response> => fetch(`${endpoint.url}/?query=${encodeURIComponent(query)}`, { method: 'POST', headers: auth, body })
  expect((await post('CREATE DATABASE IF NOT EXISTS t')).status).toBe(200)
  expect((await post('CREATE TABLE t.e (id String, n UInt32) ENGINE = MergeTree ORDER BY id')).status).toBe(200)
  // An INSERT's data follows the query in the URL, as the client sends it.
  expect((await post('INSERT INTO t.e FORMAT JSONEachRow', `{"id":"a","n":1}\n${JSON.stringify({ id: HOSTILE, n: 2 })}\n`)).status).toBe(200)
}, 60_000)

afterAll(async () => {
  await endpoint?.close()
})

describe('chdb endpoint', () => {
  it('binds param_ values server-side, typed', async () => {
    const url = `${endpoint.url}/?param_id=${encodeURIComponent(HOSTILE)}&default_format=JSONEachRow`
    const res = await fetch(url, { method: 'POST', headers: auth, body: 'SELECT id, n FROM t.e WHERE id = {id:String}' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ id: HOSTILE, n: 2 })
    expect(res.headers.get('x-clickhouse-format')).toBe('JSONEachRow')
    expect(JSON.parse(res.headers.get('x-clickhouse-summary')!)).toHaveProperty('read_rows')
  })

  it('gives the engine the values the client sent: backslashes, quotes, tabs and line breaks in strings and in arrays', async () => {
    const client = new WarehouseClient({ url: endpoint.url, user: 'analyst', password: 's3cret', table: { database: 't', table: 'e' } })
    const strings = ['a\\b', '\\', "it's", 'tab\there', 'line\nbreak', '50%_x \\% y', '\\N', HOSTILE]
    for (const s of strings) {
      const [row] = await client.rows<{ s: string; n: number }>('SELECT {s:String} AS s, length({s:String}) AS n', { s })
      expect(row, JSON.stringify(s)).toEqual({ s, n: new TextEncoder().encode(s).length })
    }
    const names = ["O'Brien", 'back\\slash', 'x\ty', "it\\'s"]
    const [row] = await client.rows<{ a: string[] }>('SELECT {a:Array(String)} AS a', { a: names })
    expect(row?.a).toEqual(names)
    await client.close()
  })

  it('reads each escape of the text form once: the value chdb escapes back into what was sent', () => {
    expect(paramForChdb('a\\\\b', 'String')).toBe('a\\b')
    expect(paramForChdb("it\\'s", 'String')).toBe("it's")
    expect(paramForChdb("['it\\'s']", 'Array(String)')).toBe("['it''s']")
    expect(paramForChdb('x\\ty', 'LowCardinality(String)')).toBe('x\ty')
    expect(paramForChdb('\\x41\\%', 'String')).toBe('A\\%')
    expect(paramForChdb('\\N', 'Nullable(String)')).toBeNull()
    expect(paramForChdb('plain', 'UInt32')).toBe('plain')
  })

  it('takes the query from a GET URL, credentials and settings as parameters', async () => {
    const res = await fetch(`${endpoint.url}/?query=${encodeURIComponent('SELECT count() FROM t.e')}&max_execution_time=5&user=analyst&password=s3cret`)
    expect(await res.text()).toBe('2\n')
  })

  it('answers errors as ClickHouse does: the code in a header and the body, the status by kind', async () => {
    const missing = await fetch(`${endpoint.url}/`, { method: 'POST', headers: auth, body: 'SELECT * FROM t.nope' })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-clickhouse-exception-code')).toBe('60')
    expect(await missing.text()).toMatch(/^Code: 60\. DB::Exception: .*UNKNOWN_TABLE/)
    const wrong = await fetch(`${endpoint.url}/`, { method: 'POST', headers: { 'X-ClickHouse-User': 'analyst', 'X-ClickHouse-Key': 'guess' }, body: 'SELECT 1' })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('x-clickhouse-exception-code')).toBe('516')
    const badSetting = await fetch(`${endpoint.url}/?no_such_setting=1`, { method: 'POST', headers: auth, body: 'SELECT 1' })
    expect(badSetting.status).toBe(400)
    expect(badSetting.headers.get('x-clickhouse-exception-code')).toBe('115')
    // A failed setting leaves the session as it was: the next query runs.
    expect(await (await fetch(`${endpoint.url}/`, { method: 'POST', headers: auth, body: 'SELECT 1' })).text()).toBe('1\n')
  })

  it('allows cross-origin requests (CORS preflight) and answers /ping', async () => {
    const pre = await fetch(`${endpoint.url}/`, { method: 'OPTIONS', headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    expect(await (await fetch(`${endpoint.url}/ping`)).text()).toBe('Ok.\n')
  })

  it('compresses the answer when asked to', async () => {
    const body = await new Promise<Buffer>((done, fail) => {
      const req = request(`${endpoint.url}/?enable_http_compression=1`, { method: 'POST', headers: { ...auth, 'Accept-Encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip')
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => done(Buffer.concat(chunks)))
      })
      req.on('error', fail)
      req.end('SELECT 40 + 2')
    })
    expect(gunzipSync(body).toString()).toBe('42\n')
  })
})
