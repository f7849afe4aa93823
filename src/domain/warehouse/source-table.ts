import type { TextColumns } from './filter-sql.ts'
import { quotedTable, type TableName } from './table-layout.ts'

/**
 * What the engine reads: a table in the warehouse layout (table-layout.ts), or a view that yields
 * its columns over data that sits elsewhere (a GDELT 2.0 table, gdelt-view.ts).
 */
export interface SourceTable extends TableName {
  /** A view: read without FINAL, which a view does not take (its source's rows are read as they are). */
  readonly view?: boolean
  /** Whether the text filter reads the stored `search_text` column (filter-sql.ts), through its token index when the table has one; a table made before the column, or a view, is searched field by field. */
  readonly text?: TextColumns
  /** Whether rows carry `place_set`, the kept cube's place-set key (table-layout.ts): the cube is then grouped on it. */
  readonly placeSet?: boolean
}

/** The FROM of a query over every event: the table under FINAL (rows of a re-load not merged yet count once), a view as it is. */
export function readFrom(table: SourceTable): string {
  return table.view === true ? quotedTable(table) : `${quotedTable(table)} FINAL`
}

/** Whether system.tables' `engine` names a view (a plain view; a materialised one reads its own table). */
export function isViewEngine(engine: string): boolean {
  return engine === 'View'
}
