import type { Dataset } from '../../../domain/model.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { exportFileBase } from '../../../domain/export/file-name.ts'
import { matchedEvents } from './export-context.ts'

/** What a data export writes: a file name, its text and its media type. */
export interface DataFile {
  readonly name: string
  /** The file's content: text, or bytes for a binary format (Parquet). */
  readonly text: string | ArrayBuffer
  readonly type: string
}

export type DataFormat = 'csv' | 'json' | 'geojson' | 'stix' | 'parquet'

/** The events in view as a dataset v1 (name and source of the loaded data kept). */
function datasetInView(): Dataset {
  const { meta } = useWatchfloor.getState()
  return {
    schemaVersion: 1,
    name: meta?.name ?? 'Watchfloor export',
    ...(meta?.description ? { description: meta.description } : {}),
    ...(meta?.source ? { source: meta.source } : {}),
    generatedAt: new Date().toISOString(),
    regions: meta?.customRegions ?? [],
    events: matchedEvents(),
  }
}

/** Builds the file for a data export of the events in view; the writers load on demand. */
export async function buildDataFile(format: DataFormat): Promise<DataFile> {
  const { meta, filter, asOfMs } = useWatchfloor.getState()
  const base = exportFileBase(meta?.name ?? 'watchfloor', filter, asOfMs, meta?.customRegions ?? [])
  switch (format) {
    case 'csv': {
      const { csvForSpreadsheets, eventsToCsv } = await import('../../../domain/export/csv.ts')
      return { name: `${base}.csv`, text: csvForSpreadsheets(eventsToCsv(matchedEvents())), type: 'text/csv;charset=utf-8' }
    }
    case 'json': {
      const { serialiseDataset } = await import('../../../domain/export/dataset-json.ts')
      return { name: `${base}.json`, text: serialiseDataset(datasetInView()), type: 'application/json' }
    }
    case 'geojson': {
      const { eventsToGeoJson } = await import('../../../domain/export/geojson.ts')
      const placed = useWatchfloor.getState().readPlacedEvents()
      return { name: `${base}.geojson`, text: `${JSON.stringify(eventsToGeoJson(placed), null, 1)}\n`, type: 'application/geo+json' }
    }
    case 'parquet': {
      const { eventsToParquet } = await import('../../../domain/export/parquet.ts')
      return { name: `${base}.parquet`, text: eventsToParquet(matchedEvents()), type: 'application/vnd.apache.parquet' }
    }
    case 'stix': {
      const { exportStixBundle } = await import('../../../domain/export/stix.ts')
      const bundle = exportStixBundle(datasetInView(), { now: Date.now() })
      return { name: `${base}.stix.json`, text: `${JSON.stringify(bundle, null, 2)}\n`, type: 'application/stix+json' }
    }
  }
}
