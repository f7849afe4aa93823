import type { ImportStage } from '../hooks/use-import.ts'
import './ingest.css'

const PHASE_LABELS = { reading: 'Reading', parsing: 'Checking rows of', building: 'Building the table for' } as const

/** The progress of an import in the worker, with a cancel button. */
export function ImportProgress({ stage, onCancel }: { readonly stage: Extract<ImportStage, { kind: 'reading' }>; readonly onCancel: () => void }) {
  const percent = Math.round(stage.fraction * 100)
  const label = `${PHASE_LABELS[stage.phase]} ${stage.name}${stage.count > 1 ? ` (${stage.index + 1} of ${stage.count})` : ''}`
  return (
    <div className="ingest-progress" data-testid="import-progress">
      <p>{label}…</p>
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
      <button type="button" className="button" onClick={onCancel} data-testid="import-cancel">
        Cancel
      </button>
    </div>
  )
}
