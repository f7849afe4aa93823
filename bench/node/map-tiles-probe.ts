/**
 * The map's bins at scale, from the events and from the kept tiles, alternated at the same load
 * (not part of `npm test`): `npx tsx bench/node/map-tiles-probe.ts --dir FOLDER [--runs N]` on a
 * table the warehouse bench made (bench.events with its tiles). Each run asks for a 1366×768 view
 * over Europe at zoom 4, panned 40 px a run, levels 4–5 and no filter alternately, bins first (as
 * the engine does after a first busy frame); prints each call's wall and CPU time (chdb runs in
 * this process, so the CPU is the query's) and checks both frames agree.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { startChdbEndpoint } from '../../scripts/warehouse/chdb-endpoint.ts'
import { EMPTY_FILTER } from '../../src/domain/engine/filter-spec.ts'
import type { PointFrame } from '../../src/domain/engine/map-points.ts'
import { mercatorX, mercatorY } from '../../src/domain/geo/mercator.ts'
import { remotePoints } from '../../src/lib/clickhouse/remote-points.ts'
import { keptTilesEvents } from '../../src/lib/clickhouse/tile-bins.ts'
import { WarehouseClient } from '../../src/lib/clickhouse/warehouse-client.ts'

const args = process.argv.slice(2)
const dir = args[args.indexOf('--dir') + 1]!
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 10
const loads = (): string => loadavg().map((l) => l.toFixed(2)).join(' / ')

const endpoint = await startChdbEndpoint({ dir })
const table = { database: 'bench', table: 'events' }
const client = new WarehouseClient({ url: endpoint.url, user: 'default', password: '', table })
console.log(`tiles hold ${await keptTilesEvents(client, table)} events; load ${loads()}`)
const scale = 16
const base = { scale, width: 1366, height: 768, originX: Math.round(mercatorX(10) * scale - 683), originY: Math.round(mercatorY(50) * scale - 384) }
const times: Record<'rows' | 'tiles', { wall: number[]; cpu: number[] }> = { rows: { wall: [], cpu: [] }, tiles: { wall: [], cpu: [] } }
for (let i = 0; i < runs; i++) {
  const filter = i % 2 === 0 ? { ...EMPTY_FILTER, levels: [4, 5] as const } : EMPTY_FILTER
  const viewport = { ...base, originX: base.originX + i * 40 }
  const frames: PointFrame[] = []
  for (const kind of (i % 4 < 2 ? ['rows', 'tiles'] : ['tiles', 'rows']) as ('rows' | 'tiles')[]) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    try {
      frames.push(await remotePoints(client, table, filter, 'countries', viewport, undefined, 'stored', true, kind === 'tiles'))
    } catch (error) {
      // Past the client's limit under load: counted at the limit, the frame not compared.
      console.log(`run ${i} ${kind}: ${(error as Error).message}`)
      times[kind].wall.push(performance.now() - t0)
      times[kind].cpu.push(NaN)
      continue
    }
    const wall = performance.now() - t0
    const c = process.cpuUsage(c0)
    times[kind].wall.push(wall)
    times[kind].cpu.push((c.user + c.system) / 1000)
    console.log(`run ${i} ${kind} (${i % 2 === 0 ? 'levels 4–5' : 'no filter'}): ${wall.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU, ${frames.at(-1)!.visible} events in ${frames.at(-1)!.size} bins; load ${loads()}`)
  }
  const [a, b] = frames
  if (a === undefined || b === undefined) continue
  // The bins in any order: each one's first event, count, level and approximate flag, and its position to a thousandth of a pixel.
  const items = (f: PointFrame): string =>
    Array.from({ length: f.size }, (_, k) => `${f.ref[k]} ${f.count[k]} ${f.level[k]} ${f.approximate[k]} ${f.x[k]!.toFixed(3)} ${f.y[k]!.toFixed(3)}`)
      .sort()
      .join('; ')
  const same = a!.visible === b!.visible && items(a!) === items(b!)
  console.log(same ? `run ${i}: the same frame` : `run ${i}: the frames differ:\n  ${items(a!)}\n  ${items(b!)}`)
}
const pct = (v: number[], p: number): number => [...v].sort((x, y) => x - y)[Math.min(v.length - 1, Math.floor(p * v.length))]!
for (const kind of ['rows', 'tiles'] as const) {
  const t = times[kind]
  console.log(`${kind}: wall p50 ${pct(t.wall, 0.5).toFixed(0)} ms, p95 ${pct(t.wall, 0.95).toFixed(0)} ms; CPU p50 ${pct(t.cpu, 0.5).toFixed(0)} ms, p95 ${pct(t.cpu, 0.95).toFixed(0)} ms`)
}
await client.close()
await endpoint.close()
