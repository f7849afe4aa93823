import { MARKINGS } from '../../../domain/export/captions.ts'

interface MarkingFieldProps {
  readonly value: string
  readonly onChange: (marking: string) => void
}

const CUSTOM = 'custom'

/** The handling marking: none, a TLP label, or custom text (shown top and bottom of every export). */
export function MarkingField({ value, onChange }: MarkingFieldProps) {
  const preset = (MARKINGS as readonly string[]).includes(value) ? value : CUSTOM
  return (
    <div className="export-field">
      <label>
        <span>Marking</span>
        <select
          data-testid="export-marking"
          value={preset}
          onChange={(e) => onChange(e.target.value === CUSTOM ? 'OFFICIAL' : e.target.value)}
        >
          {MARKINGS.map((m) => (
            <option key={m} value={m}>
              {m === 'none' ? 'None' : m}
            </option>
          ))}
          <option value={CUSTOM}>Custom text…</option>
        </select>
      </label>
      {preset === CUSTOM && (
        <input
          type="text"
          aria-label="Custom marking"
          data-testid="export-marking-custom"
          maxLength={80}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  )
}
