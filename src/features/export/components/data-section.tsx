import { useRef, useState } from 'react'
import { WAREHOUSE_EXPORT_CAP } from '../../../state/export-reads.ts'
import { useWatchfloor } from '../../../state/store.ts'
import type { DataFormat } from '../utils/data-files.ts'

interface DataSectionProps {
  readonly count: number
  readonly onStatus: (text: string, ms?: number) => void
}

const FORMATS: readonly { format: DataFormat; label: string; testId: string }[] = [
  { format: 'csv', label: 'CSV', testId: 'export-data-csv' },
  { format: 'json', label: 'Dataset JSON', testId: 'export-data-json' },
  { format: 'geojson', label: 'GeoJSON', testId: 'export-data-geojson' },
  { format: 'stix', label: 'STIX 2.1', testId: 'export-data-stix' },
  { format: 'parquet', label: 'Parquet', testId: 'export-data-parquet' },
]

const n = (value: number): string => value.toLocaleString('en-GB')

/** The events in view as data files; in warehouse mode fetched in pages first, with progress, a cap and cancel. */
export function DataSection({ count, onStatus }: DataSectionProps) {
  const fromWarehouse = useWatchfloor((s) => s.remote !== null)
  const [progress, setProgress] = useState<{ done: number; of: number } | null>(null)
  const running = useRef<AbortController | null>(null)
  const save = async (format: DataFormat): Promise<void> => {
    const controller = new AbortController()
    running.current = controller
    try {
      const [{ buildDataFile }, { downloadBlob }] = await Promise.all([import('../utils/data-files.ts'), import('../../../lib/download.ts')])
      const file = await buildDataFile(format, {
        signal: controller.signal,
        onProgress: fromWarehouse ? (done, of) => setProgress({ done, of }) : undefined,
      })
      downloadBlob(file.name, new Blob([file.text], { type: file.type }))
      const cut = file.events < file.total ? `: the newest ${n(file.events)} of ${n(file.total)} matching events (the warehouse export limit)` : ` (${n(file.events)} events)`
      onStatus(`Saved ${file.name}${cut}`)
    } catch (error) {
      if (controller.signal.aborted) onStatus('Export cancelled')
      else onStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      running.current = null
      setProgress(null)
    }
  }
  const capped = fromWarehouse && count > WAREHOUSE_EXPORT_CAP
  return (
    <section className="export-section" aria-label="Data">
      <h3>Data: the {n(count)} events in view</h3>
      <div className="export-row">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className="button" data-testid={f.testId} disabled={count === 0 || progress !== null} onClick={() => void save(f.format)}>
            {f.label}
          </button>
        ))}
      </div>
      {progress !== null && (
        <div className="export-row" data-testid="export-data-progress" role="status">
          <progress max={progress.of} value={progress.done} aria-label="Events fetched from the warehouse" />
          <span>
            Fetching events from the warehouse: {n(progress.done)} of {n(progress.of)}
          </span>
          <button type="button" className="button" onClick={() => running.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {fromWarehouse && (
        <p className="export-note" data-testid="export-data-warehouse-note">
          From the warehouse: exports fetch the events in pages, newest first, at most {n(WAREHOUSE_EXPORT_CAP)}
          {capped ? ` — ${n(count)} match, so narrow the filters for a complete file` : ''}. The files name the warehouse table and its address as their source.
        </p>
      )}
      <p className="export-note">CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or return) are written as text.</p>
    </section>
  )
}
