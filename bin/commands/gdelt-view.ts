import { readFileSync } from 'node:fs'
import { createGdeltTableSql, gdeltColumnsRead, gdeltViewSql, insertGdeltSql } from '../../src/domain/warehouse/gdelt-view.ts'
import { createDatabaseSql, parseTableName, type TableName } from '../../src/domain/warehouse/table-layout.ts'
import { CliError, EXIT_OK, UsageError, write, type Command } from '../cli-core.ts'
import { refusePasswordOption, warehouseQuery, type WarehouseTarget } from '../warehouse-http.ts'
import { WAREHOUSE_OPTIONS_HELP } from './push.ts'

function tableArg(text: string, what: string): TableName {
  const name = parseTableName(text)
  if (name === null) throw new UsageError(`${what} ${text}: expected DB.NAME, each a plain name (letters, digits, _)`)
  return name
}

const dotted = (name: TableName): string => `${name.database}.${name.table}`

export const gdeltView: Command = {
  name: 'gdelt-view',
  synopsis: 'gdelt-view SOURCE [FILE…] --table DB.NAME [--clickhouse URL] [--user USER]',
  help: `  gdelt-view Make a ClickHouse view that reads SOURCE, a GDELT 2.0 events table in GDELT's
             own layout (DB.NAME), as Watchfloor events, so the app opens it like a pushed
             table (docs/warehouse.md), with a small table of the reader's lookups beside
             it (NAME_lookups). Without --clickhouse, prints the SQL (the layout of SOURCE,
             the lookups table, then the view). With FILEs (GDELT 2.0 export files), loads them into
             SOURCE as they are first, creating it when missing.`,
  optionsHelp: WAREHOUSE_OPTIONS_HELP,
  options: {
    clickhouse: { type: 'string' },
    table: { type: 'string' },
    user: { type: 'string' },
    // Read only to refuse it with a reason (refusePasswordOption).
    password: { type: 'string' },
  },
  async run({ args, values }) {
    refusePasswordOption(values)
    const [sourceText, ...files] = args
    if (sourceText === undefined) throw new UsageError('gdelt-view needs SOURCE, the GDELT table (DB.NAME)')
    if (typeof values.table !== 'string') throw new UsageError('gdelt-view needs --table DB.NAME, the view to make')
    const source = tableArg(sourceText, 'SOURCE')
    const view = tableArg(values.table, '--table')
    if (typeof values.clickhouse !== 'string' || values.clickhouse === '') {
      if (files.length > 0) throw new UsageError('gdelt-view loads FILEs only with --clickhouse URL')
      write(process.stdout, [createGdeltTableSql(source), ...gdeltViewSql(view, source)].map((sql) => `${sql};`).join('\n\n'))
      return EXIT_OK
    }
    const target: WarehouseTarget = {
      url: values.clickhouse,
      user: typeof values.user === 'string' ? values.user : 'default',
      password: process.env.WATCHFLOOR_CLICKHOUSE_PASSWORD ?? '',
    }
    if (files.length > 0) {
      await warehouseQuery(target, createDatabaseSql(source))
      await warehouseQuery(target, createGdeltTableSql(source))
      for (const file of files) await warehouseQuery(target, insertGdeltSql(source), {}, readText(file))
    }
    await checkSource(target, source)
    await warehouseQuery(target, createDatabaseSql(view))
    for (const sql of gdeltViewSql(view, source)) await warehouseQuery(target, sql)
    const [rows, events] = (await warehouseQuery(target, `SELECT (SELECT count() FROM \`${source.database}\`.\`${source.table}\`), (SELECT count() FROM \`${view.database}\`.\`${view.table}\`)`))
      .trim()
      .split('\t')
      .map(Number)
    const refused = rows! - events!
    write(
      process.stdout,
      `view ${dotted(view)} over ${dotted(source)} at ${target.url}: ${events} events` + (refused > 0 ? ` (${refused} rows without a GDELT id or a real SQLDATE left out)` : ''),
    )
    return EXIT_OK
  },
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
}

/** Refuses a SOURCE that is missing or lacks a column the view reads, naming them. */
async function checkSource(target: WarehouseTarget, source: TableName): Promise<void> {
  const answer = await warehouseQuery(target, 'SELECT name FROM system.columns WHERE database = {db:String} AND table = {name:String}', { db: source.database, name: source.table })
  const columns = new Set(answer.split('\n').filter((line) => line !== ''))
  if (columns.size === 0) throw new CliError(`the warehouse at ${target.url} has no table ${dotted(source)} (give GDELT export files to load into it)`)
  const missing = gdeltColumnsRead().filter((c) => !columns.has(c))
  if (missing.length > 0) throw new CliError(`${dotted(source)} is not in GDELT 2.0's layout: it has no ${missing.join(', ')}`)
}
