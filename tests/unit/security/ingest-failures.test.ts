import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { IngestRequest, IngestResponse } from '../../../src/domain/ingest/ingest-protocol.ts'
import { startIngest } from '../../../src/lib/ingest/ingest-client.ts'
import { runIngest } from '../../../src/workers/ingest-run.ts'

/**
 * Imports that fail for reasons outside the file: a server that never answers or stalls, a
 * worker that dies, a file over the limit. Each ends with one clear line, never a hang.
 */
async function ingestUrl(url: string, timeoutMs: number, extra: Partial<IngestRequest> = {}): Promise<IngestResponse> {
  const messages: IngestResponse[] = []
  const request: IngestRequest = { type: 'ingest', source: { kind: 'url', url }, format: 'auto', overrides: [], maxBytes: 1 << 20, timeoutMs, ...extra }
  await runIngest(request, (m) => messages.push(m))
  // The last word on the import: a CSV's titles and rows for the reader worker ('kept-titles', 'kept') follow its 'done'.
  return messages.filter((m) => m.type !== 'kept-titles' && m.type !== 'kept').at(-1)!
}

const open: ServerResponse[] = []
let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    open.push(res)
    if (req.url === '/silent.csv') return // never answers
    if (req.url === '/trickle.csv') {
      // A byte now and then, for ever: each byte alone would keep a "nothing arrived" watchdog quiet.
      res.writeHead(200, { 'Content-Type': 'text/csv' })
      const timer = setInterval(() => res.write('i'), 50)
      res.on('close', () => clearInterval(timer))
      return
    }
    if (req.url === '/signin.json' || req.url === '/feed' || req.url === '/story') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end('<html><head><title>Please sign in</title></head><body><article><h1>Please sign in</h1><p>Sign in on 4 May 2024 to see this page.</p></article></body></html>')
      return
    }
    if (req.url === '/stalls.csv') {
      // Headers and a first chunk, then nothing more.
      res.writeHead(200, { 'Content-Type': 'text/csv' })
      res.write('id,title,date,threatLevel\n')
      return
    }
    res.writeHead(200, { 'Content-Type': 'text/csv' }).end('id,title,date,threatLevel\ne1,Late but fine,2024-01-02,3\n')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  for (const res of open) res.destroy()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('a URL that does not answer', () => {
  it('fails with a clear message when the server sends no answer within the timeout', async () => {
    const started = performance.now()
    const last = await ingestUrl(`${base}/silent.csv`, 300)
    expect(last).toEqual({ type: 'failed', reason: `${base}/silent.csv sent nothing for 300 ms: the server may be down or slow; try again later` })
    expect(performance.now() - started).toBeLessThan(3000)
  })

  it('fails the same way when the body stalls part way', async () => {
    const last = await ingestUrl(`${base}/stalls.csv`, 300)
    // The header line came, then nothing: under PROGRESS_MIN_BYTES in the window.
    expect(last).toMatchObject({ type: 'failed', reason: expect.stringContaining('/stalls.csv sent only 26 bytes in 300 ms: the server is too slow or stalled') })
  })

  it('fails a server that trickles a byte at a time, saying how little came', async () => {
    const last = await ingestUrl(`${base}/trickle.csv`, 500)
    expect(last).toMatchObject({ type: 'failed', reason: expect.stringMatching(/\/trickle\.csv sent only \d+ bytes in 500 ms: the server is too slow or stalled; try again later$/) })
  }, 10_000)

  it('does not fire on a server that answers in time', async () => {
    const last = await ingestUrl(`${base}/ok.csv`, 2000)
    expect(last.type).toBe('done')
    if (last.type === 'done') expect(last.payload.report).toMatchObject({ accepted: 1, rejected: 0 })
  })
})

describe('a URL that answers with a web page', () => {
  it('refuses HTML at a data address (a sign-in page for a .json URL), with a clear reason', async () => {
    const last = await ingestUrl(`${base}/signin.json`, 2000)
    expect(last).toEqual({
      type: 'failed',
      reason: `${base}/signin.json answered with a web page (text/html), not data: it may ask you to sign in, or the address may be wrong. Open it in the browser to check`,
    })
  })

  it('refuses HTML at any address when data is required (a ?data= link, a live source)', async () => {
    const last = await ingestUrl(`${base}/feed`, 2000, { refuseHtml: true })
    expect(last).toMatchObject({ type: 'failed', reason: expect.stringContaining('answered with a web page (text/html), not data') })
  })

  it('reads a web page when an article is asked for', async () => {
    const last = await ingestUrl(`${base}/story`, 2000, { format: 'article' })
    expect(last.type).toBe('done')
  })
})

/** A stand-in for the browser's Worker: records what it was sent and lets a test kill it. */
class DyingWorker {
  static last: DyingWorker | undefined
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  terminated = false
  posted: unknown[] = []
  constructor() {
    DyingWorker.last = this
  }
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  terminate(): void {
    this.terminated = true
  }
  die(message: string): { defaultPrevented: boolean } {
    const event = { message, defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
    this.onerror?.(event as unknown as ErrorEvent)
    return event
  }
}

describe('the import worker', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('reports a worker that dies as a failed import with its reason, and terminates it', async () => {
    vi.stubGlobal('Worker', DyingWorker)
    const job = startIngest({ kind: 'text', text: 'id,title\n', name: 'x.csv' })
    const worker = DyingWorker.last!
    expect(worker.posted).toHaveLength(1)
    const event = worker.die('Uncaught RangeError: Array buffer allocation failed')
    expect(event.defaultPrevented).toBe(true)
    expect(await job.done).toEqual({ kind: 'failed', reason: 'the import worker failed: Uncaught RangeError: Array buffer allocation failed' })
    expect(worker.terminated).toBe(true)
  })

  it('fails a worker that stops without an error event (silent), and terminates it', async () => {
    vi.stubGlobal('Worker', DyingWorker)
    const job = startIngest({ kind: 'text', text: 'id,title\n', name: 'x.csv' }, { silenceMs: 200 })
    const worker = DyingWorker.last!
    worker.onmessage?.({ data: { type: 'progress', phase: 'parsing', fraction: 1 } } as MessageEvent)
    expect(await job.done).toEqual({ kind: 'failed', reason: 'the import worker stopped answering (nothing for 200 ms); try again' })
    expect(worker.terminated).toBe(true)
  })

  it('keeps waiting on a worker that says it is alive', async () => {
    vi.stubGlobal('Worker', DyingWorker)
    const job = startIngest({ kind: 'text', text: 'id,title\n', name: 'x.csv' }, { silenceMs: 300 })
    const worker = DyingWorker.last!
    const beats = setInterval(() => worker.onmessage?.({ data: { type: 'alive' } } as MessageEvent), 100)
    const outcome = await Promise.race([job.done, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 900))])
    clearInterval(beats)
    expect(outcome).toBe('still waiting')
    job.cancel()
    expect(await job.done).toEqual({ kind: 'cancelled' })
  })

  it('refuses a file over the limit before starting a worker', async () => {
    vi.stubGlobal('Worker', DyingWorker)
    DyingWorker.last = undefined
    const file = new Blob([new Uint8Array(3 * 1024 * 1024)])
    const job = startIngest({ kind: 'file', file, name: 'big.csv' }, { maxBytes: 2 * 1024 * 1024 })
    expect(await job.done).toEqual({ kind: 'failed', reason: 'the file is 3 MB, over the 2 MB limit: split it, or raise the limit' })
    expect(DyingWorker.last).toBeUndefined()
  })
})
