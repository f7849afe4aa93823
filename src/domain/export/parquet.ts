/**
 * The events as a Parquet file (hyparquet-writer), with the columns of Watchfloor's CSV format
 * (csv.ts, docs/csv-format.md): text as UTF-8 strings, the level as INT32, coordinates as
 * DOUBLE, lists joined by "; ". Parquet keeps types, so nothing is neutralised: a reader sees
 * text as text. Reading the file back (parquet-read.ts) gives the same events.
 */
import { parquetWriteBuffer } from 'hyparquet-writer'
import type { ThreatEvent } from '../model.ts'

const orNull = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text)
const list = (values: readonly string[]): string | null => (values.length > 0 ? values.join('; ') : null)

/** The events as Parquet bytes (one row group per 100,000 rows). */
export function eventsToParquet(events: readonly ThreatEvent[]): ArrayBuffer {
  const column = <T>(pick: (e: ThreatEvent) => T): T[] => events.map(pick)
  return parquetWriteBuffer({
    columnData: [
      { name: 'id', data: column((e) => e.id), type: 'STRING' },
      { name: 'title', data: column((e) => e.title), type: 'STRING' },
      { name: 'date', data: column((e) => e.date.text), type: 'STRING' },
      { name: 'endDate', data: column((e) => orNull(e.endDate?.text)), type: 'STRING' },
      { name: 'threatLevel', data: column((e) => e.threatLevel), type: 'INT32' },
      { name: 'category', data: column((e) => orNull(e.category)), type: 'STRING' },
      { name: 'actors', data: column((e) => list(e.actors.map((a) => a.name))), type: 'STRING' },
      { name: 'countries', data: column((e) => list(e.countries)), type: 'STRING' },
      { name: 'involvedCountries', data: column((e) => list(e.involvedCountries ?? [])), type: 'STRING' },
      { name: 'regions', data: column((e) => list(e.regions)), type: 'STRING' },
      { name: 'lat', data: column((e) => e.location?.latDeg ?? null), type: 'DOUBLE' },
      { name: 'lon', data: column((e) => e.location?.lonDeg ?? null), type: 'DOUBLE' },
      { name: 'summary', data: column((e) => orNull(e.summary)), type: 'STRING' },
      { name: 'assessment', data: column((e) => orNull(e.assessment)), type: 'STRING' },
      { name: 'sources', data: column((e) => list(e.sources.map((s) => (s.url ? `${s.name} <${s.url}>` : s.name)))), type: 'STRING' },
    ],
    rowGroupSize: 100_000,
  })
}
