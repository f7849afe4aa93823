import { useState } from 'react'
import { CSV_FIELDS, REQUIRED_CSV_FIELDS, type ColumnTarget } from '../../../domain/ingest/csv-headers.ts'
import './ingest.css'

interface ColumnMappingProps {
  readonly headers: readonly string[]
  readonly mapping: readonly ColumnTarget[]
  /** Reads the file again with these targets (by column number). */
  readonly onApply: (overrides: ReadonlyMap<number, ColumnTarget>) => void
}

const TARGET_LABELS: Readonly<Record<'extra' | 'ignore', string>> = { extra: 'keep as extra value', ignore: 'ignore' }

/**
 * Maps CSV columns to event fields by hand: every column the rules did not map (kept as an
 * extra value) can be given a field, and required fields no column feeds are named.
 */
export function ColumnMapping({ headers, mapping, onApply }: ColumnMappingProps) {
  const [targets, setTargets] = useState<readonly ColumnTarget[]>(mapping)
  const unmapped = headers.map((_, i) => i).filter((i) => mapping[i] === 'extra' || mapping[i] === 'ignore')
  const missing = REQUIRED_CSV_FIELDS.filter((f) => !targets.includes(f))
  if (unmapped.length === 0) return null
  const changed = targets.some((t, i) => t !== mapping[i])
  return (
    <fieldset className="ingest-mapping" data-testid="column-mapping">
      <legend>Columns the importer did not recognise</legend>
      {missing.length > 0 && (
        <p className="ingest-mapping__missing" role="note">
          Still needed: {missing.join(', ')}
        </p>
      )}
      <table>
        <tbody>
          {unmapped.map((column) => (
            <tr key={column}>
              <th scope="row">{headers[column] || `(column ${column + 1})`}</th>
              <td>
                <select
                  aria-label={`Field for column ${headers[column] || column + 1}`}
                  data-testid="column-target"
                  value={targets[column]}
                  onChange={(e) => {
                    const next = [...targets]
                    next[column] = e.target.value as ColumnTarget
                    setTargets(next)
                  }}
                >
                  <option value="extra">{TARGET_LABELS.extra}</option>
                  <option value="ignore">{TARGET_LABELS.ignore}</option>
                  {CSV_FIELDS.map((f) => (
                    <option key={f} value={f} disabled={targets.includes(f) && targets[column] !== f}>
                      {f}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button"
        data-testid="apply-mapping"
        disabled={!changed}
        onClick={() => onApply(new Map(unmapped.filter((c) => targets[c] !== mapping[c]).map((c) => [c, targets[c]!] as const)))}
      >
        Read again with this mapping
      </button>
    </fieldset>
  )
}
