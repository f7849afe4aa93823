/**
 * Where the renderer's resident memory goes on a loaded page: `?synthetic=N` (or any `?…` query
 * given with `--query=`) opened, every panel drawn, then for the page's renderer process
 * `/proc/PID/status` (VmRSS, RssAnon, RssFile), each live target's JS heap (the page and every
 * worker, CDP `Runtime.getHeapUsage` after a collection), and a memory-infra dump of the
 * renderer (the allocators: V8 per isolate, PartitionAlloc's array-buffer partition, Blink's
 * heap, malloc, canvas and compositor resources).
 *
 * `--data=FILE` opens an imported file instead (`?data=`): FILE (a CSV of N rows, as written by
 * `bench/write-synthetic-csv.ts N -o FILE --text real`) is linked into the served build's
 * `bench-data/` folder, so a large file is written once and reused.
 *
 *   npx tsx bench/browser/memory-parts.ts [N=1000000] [--no-build] [--settle=MS] [--query=…|--data=FILE] [--buffers] [--dist=FOLDER]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { loadavg } from 'node:os'
import { chromium, type CDPSession } from 'playwright-core'
import { APP_DIST, buildApp, CHROMIUM_ARGS, NAME_SHIM, ROOT, serve } from './harness.ts'
import { dashboardDrawnAt } from './page-probes.ts'

const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
const SEED = 20251104
const settleMs = Number(process.argv.find((a) => a.startsWith('--settle='))?.slice(9) ?? 3000)
const dataFile = process.argv.find((a) => a.startsWith('--data='))?.slice(7)
const dist = process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? APP_DIST
const query = process.argv.find((a) => a.startsWith('--query='))?.slice(8) ?? (dataFile ? `data=${encodeURIComponent(`/bench-data/${basename(dataFile)}`)}` : `synthetic=${n}&seed=${SEED}`)
const MARKER = `--watchfloor-memory-parts=${process.pid}`
const MB = 1048576

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ')

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

function rendererPid(): number {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
  const cmd = (pid: number): string => read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ')
  const browserPid = pids.find((pid) => cmd(pid).includes(MARKER) && !cmd(pid).includes('--type='))
  const ppid = (pid: number): number => Number(/PPid:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0)
  const under = (pid: number): boolean => {
    for (let p = ppid(pid); p > 1; p = ppid(p)) if (p === browserPid) return true
    return false
  }
  const kib = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0)
  const renderers = pids.filter((pid) => under(pid) && cmd(pid).includes('--type=renderer'))
  return renderers.sort((a, b) => kib(b) - kib(a))[0]!
}

function statusLine(pid: number): string {
  const status = read(`/proc/${pid}/status`)
  const field = (name: string): string => `${name} ${(Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024).toFixed(0)} MB`
  return ['VmRSS', 'RssAnon', 'RssFile', 'RssShmem', 'VmHWM'].map(field).join(', ') + `, threads ${/Threads:\s+(\d+)/.exec(status)?.[1]}`
}

/** Heap used and total of every worker target under the page, through the page's session. */
async function workerHeaps(cdp: CDPSession, pid: number): Promise<string[]> {
  const attached = new Map<string, string>()
  const pending = new Map<number, (result: unknown) => void>()
  let nextId = 1
  cdp.on('Target.attachedToTarget', (e) => attached.set(e.sessionId, `${e.targetInfo.type} ${e.targetInfo.title || e.targetInfo.url.split('/').pop()}`))
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown }
    if (message.id !== undefined) pending.get(message.id)?.(message.result ?? message.error)
  })
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
  await new Promise((r) => setTimeout(r, 500))
  const ask = (sessionId: string, method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      // A worker may end between the listing and the question: it then answers null.
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(() => resolve(null))
      setTimeout(() => resolve(null), 10_000)
    })
  const lines: string[] = []
  for (const [sessionId, name] of attached) {
    const before = (await ask(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number; totalSize: number } | null
    await ask(sessionId, 'HeapProfiler.collectGarbage')
    const heap = (await ask(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number; totalSize: number } | null
    await new Promise((r) => setTimeout(r, 500))
    lines.push(`${name}: heap used ${((before?.usedSize ?? NaN) / MB).toFixed(1)} of ${((before?.totalSize ?? NaN) / MB).toFixed(1)} → ${((heap?.usedSize ?? NaN) / MB).toFixed(1)} of ${((heap?.totalSize ?? NaN) / MB).toFixed(1)} MB after its collection; renderer then ${statusLine(pid)}`)
  }
  return lines
}

interface Snapshot {
  readonly snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } }
  readonly nodes: number[]
  readonly edges: number[]
  readonly strings: string[]
}

/** The page's array buffers of 1 MB or more, each with a path of retainers named by edges. */
async function bufferOwners(cdp: CDPSession): Promise<string[]> {
  const chunks: string[] = []
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk))
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  const { snapshot, nodes, edges, strings } = JSON.parse(chunks.join('')) as Snapshot
  const nf = snapshot.meta.node_fields.length
  const ef = snapshot.meta.edge_fields.length
  const field = (names: string[], name: string): number => names.indexOf(name)
  const [nType, nName, nSize, nEdges] = [field(snapshot.meta.node_fields, 'type'), field(snapshot.meta.node_fields, 'name'), field(snapshot.meta.node_fields, 'self_size'), field(snapshot.meta.node_fields, 'edge_count')] as const
  const [eType, eName, eTo] = [field(snapshot.meta.edge_fields, 'type'), field(snapshot.meta.edge_fields, 'name_or_index'), field(snapshot.meta.edge_fields, 'to_node')] as const
  const edgeTypes = snapshot.meta.edge_types[0]
  const count = nodes.length / nf
  const retainer = new Int32Array(count).fill(-1)
  const retainerEdge: string[] = new Array(count)
  let e = 0
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < nodes[i * nf + nEdges]!; k++, e += ef) {
      const to = edges[e + eTo]! / nf
      const type = edgeTypes[edges[e + eType]!]
      if (type === 'weak' || type === 'shortcut') continue
      if (retainer[to] === -1 || type === 'property') {
        retainer[to] = i
        retainerEdge[to] = type === 'element' || type === 'hidden' ? `[${edges[e + eName]}]` : strings[edges[e + eName]!]!
      }
    }
  }
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    if (nodes[i * nf + nSize]! < MB) continue
    const path: string[] = []
    for (let at = i, depth = 0; retainer[at]! >= 0 && depth < 9; at = retainer[at]!, depth++) path.push(`${retainerEdge[at]}←${strings[nodes[retainer[at]! * nf + nName]!]!.slice(0, 30)}`)
    lines.push(`${(nodes[i * nf + nSize]! / MB).toFixed(1)} MB ${snapshot.meta.node_types[0][nodes[i * nf + nType]!]} ${strings[nodes[i * nf + nName]!]!.slice(0, 30)}: ${path.join(' ')}`)
  }
  return lines
}

interface TraceEvent {
  readonly ph: string
  readonly pid: number
  readonly name: string
  readonly args?: { dumps?: { allocators?: Record<string, { attrs?: Record<string, { value: string }> }> } }
}

/** The renderer's allocator dumps from one detailed memory-infra dump, as "name size" lines. */
async function allocatorDump(cdp: CDPSession, rendererOsPid: number): Promise<string[]> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], excludedCategories: ['*'], memoryDumpConfig: { triggers: [] } as unknown as Record<string, string> },
  })
  await cdp.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' })
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)))
  await cdp.send('Tracing.end')
  const stream = await done
  let text = ''
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 })
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data
    if (chunk.eof) break
  }
  await cdp.send('IO.close', { handle: stream })
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])
  const allocators = Object.assign({}, ...events.filter((e) => e.ph === 'v' && e.pid === rendererOsPid).map((e) => e.args?.dumps?.allocators ?? {})) as Record<string, { attrs?: Record<string, { value: string }> }>
  const sizeOf = (name: string): number => parseInt(allocators[name]?.attrs?.size?.value ?? '0', 16)
  const wanted = Object.keys(allocators)
    .filter((name) => name.split('/').length <= 3 || /^v8\/.*\/heap$|array_buffer|canvas|cc\/|gpu\//.test(name))
    .filter((name) => sizeOf(name) >= MB)
    .sort()
  // A partition's committed bytes that are free (decommittable, discardable): freed but not yet returned.
  const extra = (name: string): string => {
    const attrs = allocators[name]?.attrs ?? {}
    const free = ['decommittable_size', 'discardable_size'].filter((a) => attrs[a]).map((a) => `${a} ${(parseInt(attrs[a]!.value, 16) / MB).toFixed(1)} MB`)
    return free.length > 0 ? ` (${free.join(', ')})` : ''
  }
  return wanted.map((name) => `${name}: ${(sizeOf(name) / MB).toFixed(1)} MB${extra(name)}`)
}

if (!process.argv.includes('--no-build')) await buildApp()
if (dataFile !== undefined) {
  if (!existsSync(dataFile)) throw new Error(`${dataFile} does not exist: write it with bench/write-synthetic-csv.ts`)
  const linkDir = resolve(ROOT, dist, 'bench-data')
  mkdirSync(linkDir, { recursive: true })
  const link = resolve(linkDir, basename(dataFile))
  rmSync(link, { force: true })
  symlinkSync(resolve(dataFile), link)
}
const served = await serve(dist)
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p): p is string => Boolean(p) && existsSync(p!))!
const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, MARKER] })
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' })
  await context.addInitScript(NAME_SHIM)
  const page = await context.newPage()
  const loadAtStart = load()
  await page.goto(`${served.baseUrl}/?${query}`, { waitUntil: 'commit' })
  const drawnMs = await dashboardDrawnAt(page, n, 15 * 60_000)
  await page.waitForTimeout(settleMs)
  const pid = rendererPid()
  console.log(`?${query}: drawn at ${(drawnMs / 1000).toFixed(1)} s; renderer ${pid}: ${statusLine(pid)}`)
  console.log(`workers alive (Playwright): ${page.workers().length} ${page.workers().map((w) => w.url().split('/').pop()).join(', ')}`)
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await page.waitForTimeout(1000)
  console.log(`after the page's collection: renderer ${statusLine(pid)}`)
  if (process.argv.includes('--buffers')) for (const line of await bufferOwners(cdp)) console.log(`  ${line}`)
  const browserCdp = await browser.newBrowserCDPSession()
  console.log('allocators before the workers\' collection:')
  for (const line of await allocatorDump(browserCdp, pid)) if (line.split('/').length <= 2 || /^v8\/workers/.test(line)) console.log(`  ${line}`)
  const main = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number }
  console.log(`page: heap used ${(main.usedSize / MB).toFixed(1)} MB of ${(main.totalSize / MB).toFixed(1)} MB`)
  for (const line of await workerHeaps(cdp, pid)) console.log(line)
  await page.waitForTimeout(1000)
  console.log(`after every target's collection: renderer ${statusLine(pid)}`)
  for (const line of await allocatorDump(browserCdp, pid)) console.log(`  ${line}`)
  console.log(`after: renderer ${statusLine(pid)}; load average ${loadAtStart} → ${load()}`)
  await context.close()
} finally {
  await browser.close()
  await served.close()
}
