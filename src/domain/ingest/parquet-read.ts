/**
 * Parquet event files (extracts from warehouses and DuckDB) in the layouts Watchfloor reads as
 * text: ACLED's columns, GDELT's event columns, or Watchfloor's own (id, title, date,
 * threatLevel, …). The rows are read with hyparquet (every row group; Snappy, gzip, Brotli, zstd
 * and LZ4 without WebAssembly, parquet-codecs.ts) and written out as the text those readers take — a
 * CSV with the file's columns, or GDELT's tab-separated layout — so that each quirk is handled
 * once, in its reader.
 */
import Papa from 'papaparse'
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet'
import { PARQUET_CODECS } from './parquet-codecs.ts'


/** GDELT 2.0 event columns by name (lower case) → position in the 61-column layout. */
const GDELT_COLUMNS: Readonly<Record<string, number>> = {
  globaleventid: 0, sqldate: 1, monthyear: 2, year: 3, fractiondate: 4,
  actor1code: 5, actor1name: 6, actor1countrycode: 7, actor1knowngroupcode: 8, actor1type1code: 12,
  actor2code: 15, actor2name: 16, actor2countrycode: 17, actor2knowngroupcode: 18, actor2type1code: 22,
  isrootevent: 25, eventcode: 26, eventbasecode: 27, eventrootcode: 28, quadclass: 29, goldsteinscale: 30,
  nummentions: 31, numsources: 32, numarticles: 33, avgtone: 34,
  actiongeo_type: 51, actiongeo_fullname: 52, actiongeo_countrycode: 53, actiongeo_adm1code: 54,
  actiongeo_lat: 56, actiongeo_long: 57, actiongeo_featureid: 58, dateadded: 59, sourceurl: 60,
}

/** A cell as text: BigInt and numbers as digits, dates as ISO, lists joined by "; ", null as empty. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString()
  if (Array.isArray(value)) return value.map(cellText).filter((v) => v !== '').join('; ')
  if (value instanceof Uint8Array) return new TextDecoder().decode(value)
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
}

export type ParquetText = { readonly ok: true; readonly text: string; readonly rows: number } | { readonly ok: false; readonly reason: string }

/**
 * The rows of a Parquet file as text for the readers: GDELT's tab-separated layout when it has
 * GLOBALEVENTID and SQLDATE columns, else a CSV with its own columns as the header (ACLED or
 * Watchfloor's layout, told apart by the readers as for any CSV).
 */
export async function parquetToText(buffer: ArrayBuffer): Promise<ParquetText> {
  let columns: string[]
  try {
    const metadata = parquetMetadata(buffer)
    columns = parquetSchema(metadata).children.map((c) => c.element.name)
  } catch (error) {
    return { ok: false, reason: `not a readable Parquet file: ${error instanceof Error ? error.message : String(error)}` }
  }
  let rows: Record<string, unknown>[]
  try {
    rows = (await parquetReadObjects({ file: buffer, compressors: PARQUET_CODECS })) as Record<string, unknown>[]
  } catch (error) {
    return { ok: false, reason: `could not read the Parquet rows: ${error instanceof Error ? error.message : String(error)}` }
  }
  const lower = columns.map((c) => c.toLowerCase())
  if (lower.includes('globaleventid') && lower.includes('sqldate')) {
    const lines = rows.map((row) => {
      const cells = new Array<string>(61).fill('')
      columns.forEach((name, i) => {
        const at = GDELT_COLUMNS[lower[i]!]
        if (at !== undefined) cells[at] = cellText(row[name]).replace(/[\t\r\n]+/g, ' ')
      })
      return cells.join('\t')
    })
    return { ok: true, text: lines.join('\n'), rows: rows.length }
  }
  const text = Papa.unparse({ fields: columns, data: rows.map((row) => columns.map((name) => cellText(row[name]))) }, { newline: '\n' })
  return { ok: true, text, rows: rows.length }
}
