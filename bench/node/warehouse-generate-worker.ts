/**
 * One worker of the parallel generator (warehouse-parallel.ts), run as a child process: chdb
 * is one engine per process, so each core gets its own. It makes its months of the generated
 * table in its own folder, in the table's layout with the kept cube beside it (the cube's
 * materialised view fills it month by month as the rows are inserted), merges the cube into one
 * part, and prints its parts as one JSON line on stdout for the parent to attach. Progress goes
 * to stderr as `made N` lines (rows made so far).
 */
import { Session } from 'chdb'
import { actorFacetTableName, createActorFacetSql, createCubeSql, createDatabaseSql, createTableSql, cubeTableName, quotedTable, type TableName } from '../../src/domain/warehouse/table-layout.ts'
import { generateMonths, type RowRange } from './warehouse-generate.ts'

/** What the parent passes, as JSON in the first argument. */
export interface WorkerTask {
  readonly dir: string
  readonly table: TableName
  readonly months: readonly RowRange[]
  readonly total: number
}

/** A table's folder and its active parts, as the worker leaves them. */
export interface MadeParts {
  readonly path: string
  readonly parts: readonly string[]
}

/** What the worker prints: the events table's parts and the kept cube's, and the CPU it spent, ms. */
export interface WorkerResult {
  readonly events: MadeParts
  readonly cube: MadeParts
  readonly actors: MadeParts
  readonly cpuMs: number
}

function partsOf(session: Session, table: TableName): MadeParts {
  const [path] = (JSON.parse(String(session.query(`SELECT data_paths FROM system.tables WHERE database = '${table.database}' AND name = '${table.table}'`, 'JSONEachRow'))) as { data_paths: string[] }).data_paths
  const parts = String(session.query(`SELECT name FROM system.parts WHERE database = '${table.database}' AND table = '${table.table}' AND active ORDER BY name`, 'TSV')).split('\n').filter(Boolean)
  return { path: path!, parts }
}

function main(task: WorkerTask): void {
  const cpu0 = process.cpuUsage()
  const session = new Session(task.dir)
  const run = (sql: string): string => String(session.query(sql, 'CSV'))
  try {
    run(createDatabaseSql(task.table))
    run(createTableSql(task.table))
    for (const sql of [...createCubeSql(task.table), ...createActorFacetSql(task.table)]) run(sql)
    // Merged on insert or not, each month's part is the same rows in the same order (every
    // sorting key is made once); the parent attaches it at level 1 (warehouse-parallel.ts).
    generateMonths(run, task.table, task.months, task.total, false, (made) => process.stderr.write(`made ${made}\n`))
    run(`OPTIMIZE TABLE ${quotedTable(cubeTableName(task.table))} FINAL`)
    run(`OPTIMIZE TABLE ${quotedTable(actorFacetTableName(task.table))} FINAL`)
    const cpu = process.cpuUsage(cpu0)
    const result: WorkerResult = { events: partsOf(session, task.table), cube: partsOf(session, cubeTableName(task.table)), actors: partsOf(session, actorFacetTableName(task.table)), cpuMs: (cpu.user + cpu.system) / 1000 }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    session.close()
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as WorkerTask)
