import type { ImportResult } from '../../src/domain/model.ts'
import { createTilesSql, fillTilesSql, tilesTableName } from '../../src/domain/warehouse/map-tiles.ts'
import {
  actorFacetTableName,
  createActorFacetSql,
  createDatabaseSql,
  createTableSql,
  cubeTableName,
  fillActorFacetSql,
  parseTableName,
  quotedTable,
  refusesTokensIndex,
  tokensIndexUpgradeSql,
  upgradeTableSql,
  upgradeWritesSql,
  warehouseRowsOf,
  type TableName,
} from '../../src/domain/warehouse/table-layout.ts'
import { EXIT_OK, UsageError, write, type Command } from '../cli-core.ts'
import { anyParquet, parseFormat, readFiles, readFilesAsync } from '../cli-read.ts'
import { validateJson, validateReport } from '../cli-report.ts'
import { createRegionTableSql, regionRowsOf, regionTableName } from '../../src/domain/warehouse/region-table.ts'
import { refusePasswordOption, warehouseQuery, type WarehouseTarget } from '../warehouse-http.ts'

/** Rows per INSERT: big enough for ClickHouse to like, small enough to show progress. */
export const PUSH_BATCH_ROWS = 20_000

/** The warehouse options' help, shared with gdelt-view (the help lists each line once). */
export const WAREHOUSE_OPTIONS_HELP = `      --clickhouse URL push, gdelt-view: the ClickHouse server's HTTP address (http://host:8123)
      --table DB.NAME  push: the table to load into; gdelt-view: the view to make
      --user USER      push, gdelt-view: the ClickHouse user (default: default)`

export const push: Command = {
  name: 'push',
  synopsis: 'push FILE [FILE…] --clickhouse URL --table DB.NAME [--user USER] [--format FORMAT] [--dedupe] [--json] [--progress]',
  help: `  push       Read FILE as validate does and load the accepted events into a ClickHouse
             table (docs/warehouse.md), creating the database and table when missing.
             Events already in the table with the same id are replaced; the
             dataset's own regions are kept beside it (DB.NAME_regions). The password
             comes from WATCHFLOOR_CLICKHOUSE_PASSWORD, never the command line.
             Prints the same summary as validate (--json too).`,
  optionsHelp: WAREHOUSE_OPTIONS_HELP,
  options: {
    format: { type: 'string', short: 'f' },
    json: { type: 'boolean' },
    dedupe: { type: 'boolean' },
    progress: { type: 'boolean' },
    clickhouse: { type: 'string' },
    table: { type: 'string' },
    user: { type: 'string' },
    // Read only to refuse it with a reason (refusePasswordOption).
    password: { type: 'string' },
  },
  async run({ args, values }) {
    refusePasswordOption(values)
    if (args.length === 0) throw new UsageError('push needs a FILE')
    if (typeof values.clickhouse !== 'string' || values.clickhouse === '') throw new UsageError('push needs --clickhouse URL')
    if (typeof values.table !== 'string') throw new UsageError('push needs --table DB.NAME')
    const table = parseTableName(values.table)
    if (table === null) throw new UsageError(`--table ${values.table}: expected DB.NAME, each a plain name (letters, digits, _)`)
    const format = parseFormat(values.format)
    const dedupe = values.dedupe === true
    const result = anyParquet(args) ? await readFilesAsync(args, format, dedupe) : readFiles(args, format, dedupe)
    const target: WarehouseTarget = {
      url: values.clickhouse,
      user: typeof values.user === 'string' ? values.user : 'default',
      password: process.env.WATCHFLOOR_CLICKHOUSE_PASSWORD ?? '',
    }
    const progress = values.progress === true || process.stderr.isTTY === true
    const pushed = await pushEvents(target, table, result, progress)
    const validation = { ...result, accepted: result.dataset.events.length }
    write(process.stdout, values.json ? validateJson(validation) : `${validateReport(args.join(', '), validation)}\n  pushed    ${pushed} events to ${table.database}.${table.table} at ${target.url}`)
    return EXIT_OK
  },
}

/** Creates the table when missing and loads the events in batches; the number loaded. */
async function pushEvents(target: WarehouseTarget, table: TableName, result: ImportResult, progress: boolean): Promise<number> {
  await warehouseQuery(target, createDatabaseSql(table))
  // A server that does not know the token index (before ClickHouse 26.2) gets the table without
  // it: the text filter then scans the search column, with the same answers.
  let tokens = true
  await warehouseQuery(target, createTableSql(table)).catch(async (error: unknown) => {
    if (!refusesTokensIndex(String(error))) throw error
    tokens = false
    await warehouseQuery(target, createTableSql(table, { tokens: false }))
  })
  const where = { db: table.database, name: table.table }
  const columns = (await warehouseQuery(target, 'SELECT name FROM system.columns WHERE database = {db:String} AND table = {name:String}', where)).split('\n').filter(Boolean)
  const indexes = (await warehouseQuery(target, 'SELECT name, expr FROM system.data_skipping_indices WHERE database = {db:String} AND table = {name:String} FORMAT JSONEachRow', where))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { name: string; expr: string })
  const [partitionKey] = (await warehouseQuery(target, 'SELECT partition_key FROM system.tables WHERE database = {db:String} AND name = {name:String}', where)).split('\n')
  if (partitionKey === '') process.stderr.write(unpartitionedNote(table))
  // A table made by an earlier layout: what is new is added, then written for its rows in the background.
  const writes = upgradeWritesSql(table, columns, indexes)
  for (const sql of [...writes.before, ...upgradeTableSql(table), ...writes.after]) await warehouseQuery(target, sql)
  // A table made before the token index gets it, built for its rows in the background.
  for (const sql of tokens ? tokensIndexUpgradeSql(table, indexes) : []) {
    tokens = await warehouseQuery(target, sql).then(
      () => true,
      (error: unknown) => {
        if (!refusesTokensIndex(String(error))) throw error
        return false
      },
    )
    if (!tokens) break
  }
  if (!tokens) process.stderr.write(noTokensNote(table))
  // A table that keeps a cube keeps the actor facet beside it: made and filled once for a table made before it.
  const kept = (await warehouseQuery(target, 'SELECT name FROM system.tables WHERE database = {db:String} AND name IN ({cube:String}, {facet:String})', { db: table.database, cube: cubeTableName(table).table, facet: actorFacetTableName(table).table }))
    .split('\n')
    .filter(Boolean)
  if (kept.includes(cubeTableName(table).table) && !kept.includes(actorFacetTableName(table).table)) {
    for (const sql of [...createActorFacetSql(table), ...fillActorFacetSql(table)]) await warehouseQuery(target, sql)
  }
  const name = quotedTable(table)
  const [next, existing] = (await warehouseQuery(target, `SELECT max(seq) + 1, count() FROM ${name}`)).trim().split('\t').map(Number)
  // The map tiles (map-tiles.ts), kept from here on by their materialised view; a table loaded before them has them filled from its rows first.
  const tiles = tilesTableName(table)
  const hadTiles = (await warehouseQuery(target, 'SELECT count() FROM system.tables WHERE database = {db:String} AND name = {name:String}', { db: tiles.database, name: tiles.table })).trim() !== '0'
  for (const sql of createTilesSql(table)) await warehouseQuery(target, sql)
  if (!hadTiles && existing! > 0) for (const sql of fillTilesSql(table)) await warehouseQuery(target, sql)
  const version = Date.now()
  // Batches in time order (each event keeps the seq of its place in the file): a batch then
  // falls in a few monthly partitions, so an INSERT writes a few parts, not one per month.
  const rows = warehouseRowsOf(result.dataset, existing ? next! : 0, version).sort((a, b) => a.start_ms - b.start_ms)
  for (let from = 0; from < rows.length; from += PUSH_BATCH_ROWS) {
    const batch = rows.slice(from, from + PUSH_BATCH_ROWS)
    // An event loaded before under another day or place has another sorting key, which the
    // ReplacingMergeTree would keep beside the new row: it goes first.
    if (existing) await warehouseQuery(target, `DELETE FROM ${name} WHERE has({ids:Array(String)}, id) AND version < {version:UInt64}`, { ids: batch.map((r) => r.id), version })
    // A sparse file (a few events a month over decades) puts one batch in hundreds of months:
    // more than the server's default of 100 partitions per INSERT, so that limit is lifted.
    await warehouseQuery(target, `INSERT INTO ${name} SETTINGS max_partitions_per_insert_block = 0 FORMAT JSONEachRow`, {}, `${batch.map((r) => JSON.stringify(r)).join('\n')}\n`)
    if (progress) process.stderr.write(`\rpushed ${from + batch.length} of ${rows.length} events`)
  }
  if (progress && rows.length > 0) process.stderr.write('\n')
  // The dataset's own regions, which the rows name: their names and countries, for the app.
  if (result.dataset.regions.length > 0) {
    await warehouseQuery(target, createRegionTableSql(table))
    const regionRows = regionRowsOf(result.dataset.regions, version).map((r) => JSON.stringify(r))
    await warehouseQuery(target, `INSERT INTO ${quotedTable(regionTableName(table))} FORMAT JSONEachRow`, {}, `${regionRows.join('\n')}\n`)
  }
  return rows.length
}

/** Said once on stderr when the server cannot keep the token index. */
export function noTokensNote(table: TableName): string {
  return `note: the warehouse does not know ClickHouse's text index (ClickHouse 26.2 or later has it): ${table.database}.${table.table} is made without its token index, and a text search reads every row's search string (docs/warehouse.md)\n`
}

/** Said once on stderr when pushing into a table made before tables were partitioned by month. */
export function unpartitionedNote(table: TableName): string {
  const name = `${table.database}.${table.table}`
  return `note: ${name} is not partitioned by month (it was made before Watchfloor partitioned its tables). It loads and reads as before, but a read far into a large table merges all of it; partitioning cannot be added to a table: push into a new table, or copy it (INSERT INTO the new table SELECT * FROM ${name}) (docs/warehouse.md)\n`
}
