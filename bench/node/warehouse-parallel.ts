/**
 * The generated table made on every core: chdb is one engine per process, so the months are
 * split into consecutive runs (splitMonths), each made by a child process in its own folder
 * (warehouse-generate-worker.ts) with its share of the kept cube, and their parts then attached
 * to the one table (`ALTER TABLE … ATTACH PART` from the table's `detached/` folder, the files
 * hard-linked, not copied). The table is the one generateInWarehouse makes in one process:
 * the same rows, one sorted part per month at merge level 1, nothing left to merge, and the kept
 * cube holding every event.
 *
 * The workers insert without the merge on insert (`optimize_on_insert = 0`): for a Replacing
 * table that merge copies every row of the block once more, about half the insert's CPU, and on
 * these rows it removes nothing and moves nothing (each sorting key is made once, in order).
 * Merge level 1 is what says a part holds no two rows of one key, so `FINAL` reads it without
 * merging; each part is attached under its name at level 1, which for these parts is true.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { actorFacetTableName, createActorFacetSql, createCubeSql, createDatabaseSql, createTableSql, cubeTableName, quotedTable, type TableName } from '../../src/domain/warehouse/table-layout.ts'
import type { WorkerResult, WorkerTask } from './warehouse-generate-worker.ts'
import { monthRanges, splitMonths } from './warehouse-generate.ts'

const WORKER = fileURLToPath(new URL('./warehouse-generate-worker.ts', import.meta.url))
/** The TypeScript loader the workers run under, wherever the bench was started from. */
const TSX = import.meta.resolve('tsx')

/** A part's name (`PARTITION_MIN_MAX_LEVEL`, optionally `_MUTATION`) at merge level `level` or above. */
export function partNameAtLevel(name: string, level: number): string {
  const fields = name.split('_')
  if (fields.length < 4 || fields.length > 5 || !fields.slice(1).every((f) => /^\d+$/.test(f))) throw new Error(`not a part name: ${name}`)
  fields[3] = String(Math.max(level, Number(fields[3])))
  return fields.join('_')
}

/** Hard-links the files of `from` (a part's folder) into a new folder `to`. */
function linkTree(from: string, to: string): void {
  mkdirSync(to)
  for (const entry of readdirSync(from)) {
    const source = join(from, entry)
    if (statSync(source).isDirectory()) linkTree(source, join(to, entry))
    else linkSync(source, join(to, entry))
  }
}

/** The folder `table`'s data lives in, in the session `run` queries. */
function dataPath(run: (sql: string) => string, table: TableName): string {
  const row = JSON.parse(run(`SELECT data_paths FROM system.tables WHERE database = '${table.database}' AND name = '${table.table}' FORMAT JSONEachRow`)) as { data_paths: string[] }
  const path = row.data_paths[0]
  if (path === undefined) throw new Error(`${quotedTable(table)} keeps no data on disk`)
  return path
}

/** Attaches each of `parts` (folders under `from`) to `table`, named at merge level `level` or above. */
function attachParts(run: (sql: string) => string, table: TableName, from: string, parts: readonly string[], level: number): void {
  const detached = join(dataPath(run, table), 'detached')
  mkdirSync(detached, { recursive: true })
  for (const part of parts) {
    const name = partNameAtLevel(part, level)
    linkTree(join(from, part), join(detached, name))
    run(`ALTER TABLE ${quotedTable(table)} ATTACH PART '${name}'`)
  }
}

/** Runs one worker (kept in `running` until it exits); `progress` gets its rows made so far. */
function runWorker(task: WorkerTask, running: Set<ChildProcess>, progress: (rows: number) => void): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    child.on('exit', () => running.delete(child))
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      const lines = err.split('\n')
      err = lines.pop()!
      for (const line of lines) {
        const made = /^made (\d+)$/.exec(line)
        if (made) progress(Number(made[1]))
        else err += `${line}\n`
      }
    })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as WorkerResult) : reject(new Error(`generator worker exited with ${code}: ${err.trim()}`))))
  })
}

export interface ParallelMade {
  /** Wall time, ms: workers started to the last part attached. */
  readonly ms: number
  /** CPU the workers spent, ms. */
  readonly workerCpuMs: number
  readonly workers: number
}

/**
 * Makes `rows` events in `table` (created with the kept cube and actor facet beside it) with `workers` child
 * processes, each in a folder `WORK-k` (removed afterwards; the attached parts stay linked into
 * the table), through `run`, the query of the session that keeps the table. Logs progress.
 */
export async function generateInParallel(
  run: (sql: string) => string,
  table: TableName,
  rows: number,
  options: { workers?: number; work: string; log: (m: string) => void },
): Promise<ParallelMade> {
  run(createDatabaseSql(table))
  run(createTableSql(table))
  for (const sql of [...createCubeSql(table), ...createActorFacetSql(table)]) run(sql)
  const t0 = performance.now()
  const runs = splitMonths(monthRanges(rows), options.workers ?? availableParallelism()).filter((months) => months.length > 0)
  const made = runs.map(() => 0)
  let logged = 0
  const tasks = runs.map((months, k): WorkerTask => ({ dir: `${options.work}-${k}`, table, months, total: rows }))
  for (const task of tasks) rmSync(task.dir, { recursive: true, force: true })
  const running = new Set<ChildProcess>()
  try {
    const results = await Promise.all(
      tasks.map((task, k) =>
        runWorker(task, running, (n) => {
          made[k] = n
          const sum = made.reduce((a, b) => a + b, 0)
          if (sum - logged >= rows / 10 || sum === rows) {
            logged = sum
            options.log(`warehouse scale: ${sum.toLocaleString('en-GB')} of ${rows.toLocaleString('en-GB')} events made on ${runs.length} cores (${Math.round((performance.now() - t0) / 1000)} s)`)
          }
        }),
      ),
    )
    for (const result of results) {
      attachParts(run, table, result.events.path, result.events.parts, 1)
      attachParts(run, cubeTableName(table), result.cube.path, result.cube.parts, 0)
      attachParts(run, actorFacetTableName(table), result.actors.path, result.actors.parts, 0)
    }
    // The workers' cubes hold different months: merged into one part, nothing is summed. Their
    // actor facets are summed into one (a few thousand rows).
    run(`OPTIMIZE TABLE ${quotedTable(cubeTableName(table))} FINAL`)
    run(`OPTIMIZE TABLE ${quotedTable(actorFacetTableName(table))} FINAL`)
    return { ms: performance.now() - t0, workerCpuMs: results.reduce((n, r) => n + r.cpuMs, 0), workers: runs.length }
  } finally {
    // A worker that failed stops the others before their folders go.
    for (const child of running) child.kill()
    await Promise.all([...running].map((child) => new Promise((resolve) => child.once('exit', resolve))))
    for (const task of tasks) rmSync(task.dir, { recursive: true, force: true })
  }
}
