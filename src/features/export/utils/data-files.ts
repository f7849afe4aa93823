import type { Dataset, ThreatEvent } from '../../../domain/model.ts'
import { fetchMatchingEvents, fetchPlacedEvents, type FetchOptions } from '../../../state/export-reads.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { exportFileBase } from '../../../domain/export/file-name.ts'

/** What a data export writes: a file name, its text and its media type. */
export interface DataFile {
  readonly name: string
  /** The file's content: text, or bytes for a binary format (Parquet). */
  readonly text: string | ArrayBuffer
  readonly type: string
  /** Events written, and events matching: fewer written when a warehouse's export cap cut it short. */
  readonly events: number
  readonly total: number
}

export type DataFormat = 'csv' | 'json' | 'geojson' | 'stix' | 'parquet'

/** The events in view as a dataset v1 (name and source of the data kept: a warehouse's table and address). */
function datasetOf(events: readonly ThreatEvent[]): Dataset {
  const { meta } = useWatchfloor.getState()
  return {
    schemaVersion: 1,
    name: meta?.name ?? 'Watchfloor export',
    ...(meta?.description ? { description: meta.description } : {}),
    ...(meta?.source ? { source: meta.source } : {}),
    generatedAt: new Date().toISOString(),
    regions: meta?.customRegions ?? [],
    events: [...events],
  }
}

/**
 * Builds the file for a data export of the events in view; the writers load on demand. In
 * warehouse mode the events are fetched in pages first (`options.onProgress`), at most the cap.
 */
export async function buildDataFile(format: DataFormat, options: FetchOptions = {}): Promise<DataFile> {
  const s = useWatchfloor.getState()
  const { meta, filter, asOfMs } = s
  const base = exportFileBase(meta?.name ?? 'watchfloor', filter, asOfMs, meta?.customRegions ?? [])
  if (format === 'geojson') {
    const [{ eventsToGeoJson }, { placed, total }] = await Promise.all([import('../../../domain/export/geojson.ts'), fetchPlacedEvents(s, options)])
    // A foreign member (RFC 7946 §6.1) names where the events came from.
    const collection = { ...eventsToGeoJson(placed), ...(meta?.source ? { source: meta.source } : {}) }
    return { name: `${base}.geojson`, text: `${JSON.stringify(collection, null, 1)}\n`, type: 'application/geo+json', events: placed.length, total }
  }
  const { events, total } = await fetchMatchingEvents(s, options)
  const counts = { events: events.length, total }
  switch (format) {
    case 'csv': {
      const { csvForSpreadsheets, eventsToCsv } = await import('../../../domain/export/csv.ts')
      return { name: `${base}.csv`, text: csvForSpreadsheets(eventsToCsv(events)), type: 'text/csv;charset=utf-8', ...counts }
    }
    case 'json': {
      const { serialiseDataset } = await import('../../../domain/export/dataset-json.ts')
      return { name: `${base}.json`, text: serialiseDataset(datasetOf(events)), type: 'application/json', ...counts }
    }
    case 'parquet': {
      const { eventsToParquet } = await import('../../../domain/export/parquet.ts')
      return { name: `${base}.parquet`, text: eventsToParquet(events), type: 'application/vnd.apache.parquet', ...counts }
    }
    case 'stix': {
      const { exportStixBundle } = await import('../../../domain/export/stix.ts')
      const bundle = exportStixBundle(datasetOf(events), { now: Date.now() })
      return { name: `${base}.stix.json`, text: `${JSON.stringify(bundle, null, 2)}\n`, type: 'application/stix+json', ...counts }
    }
  }
}
