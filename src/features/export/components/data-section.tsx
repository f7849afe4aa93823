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

/** The events in view as data files. */
export function DataSection({ count, onStatus }: DataSectionProps) {
  const save = async (format: DataFormat): Promise<void> => {
    try {
      const [{ buildDataFile }, { downloadBlob }] = await Promise.all([import('../utils/data-files.ts'), import('../../../lib/download.ts')])
      const file = await buildDataFile(format)
      downloadBlob(file.name, new Blob([file.text], { type: file.type }))
      onStatus(`Saved ${file.name} (${count} events)`)
    } catch (error) {
      onStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return (
    <section className="export-section" aria-label="Data">
      <h3>Data: the {count} events in view</h3>
      <div className="export-row">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className="button" data-testid={f.testId} disabled={count === 0} onClick={() => void save(f.format)}>
            {f.label}
          </button>
        ))}
      </div>
      <p className="export-note">CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or return) are written as text.</p>
    </section>
  )
}
