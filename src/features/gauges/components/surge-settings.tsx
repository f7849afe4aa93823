import { useId, useState } from 'react'
import { ACLED_RATIO_RANGE, DEFAULT_WARNING_SETTINGS, FDR_RANGE, type WarningSettings } from '../../../domain/warning/settings.ts'
import type { WarningSettingsPatch } from '../../../state/warning-slice.ts'

interface NumberSettingProps {
  readonly label: string
  readonly hint: string
  readonly testId: string
  readonly value: number
  readonly range: { readonly min: number; readonly max: number }
  readonly step: number
  readonly onCommit: (value: number) => void
}

/**
 * A number the user types: taken as soon as it is valid (the surges are computed again), and
 * while it is not, the last valid value stands and the field says what it accepts.
 */
function NumberSetting({ label, hint, testId, value, range, step, onCommit }: NumberSettingProps) {
  const [draft, setDraft] = useState(String(value))
  const [shown, setShown] = useState(value)
  const hintId = useId()
  // A value set elsewhere (a link, Defaults) replaces the draft.
  if (shown !== value) {
    setShown(value)
    setDraft(String(value))
  }
  const n = Number(draft)
  const valid = draft.trim() !== '' && Number.isFinite(n) && n >= range.min && n <= range.max
  return (
    <label className="field field--inline surges__number" title={hint}>
      <span className="field__label">{label}</span>
      <input
        type="number"
        inputMode="decimal"
        data-testid={testId}
        min={range.min}
        max={range.max}
        step={step}
        value={draft}
        aria-invalid={!valid}
        aria-describedby={hintId}
        onChange={(e) => {
          setDraft(e.target.value)
          const next = Number(e.target.value)
          if (e.target.value.trim() !== '' && Number.isFinite(next) && next >= range.min && next <= range.max) onCommit(next)
        }}
        onBlur={() => {
          if (!valid) setDraft(String(value))
        }}
      />
      <span id={hintId} className={valid ? 'visually-hidden' : 'surges__invalid'} role={valid ? undefined : 'alert'}>
        {valid ? hint : `From ${range.min} to ${range.max}; ${value} stays in force.`}
      </span>
    </label>
  )
}

interface SurgeSettingsProps {
  readonly settings: WarningSettings
  readonly onChange: (patch: WarningSettingsPatch) => void
}

/**
 * The method's own setting: the false discovery rate of the statistical test (Benjamini–Hochberg
 * q across the places judged at once), or the multiple of the ACLED-style rule. Kept in the link.
 */
export function SurgeSettings({ settings, onChange }: SurgeSettingsProps) {
  const d = DEFAULT_WARNING_SETTINGS
  const changed = settings.falseDiscoveryRate !== d.falseDiscoveryRate || settings.acledRatio !== d.acledRatio
  return (
    <>
      {settings.method === 'stat' ? (
        <NumberSetting
          label="False discovery rate"
          hint="Benjamini–Hochberg q: the share of flagged places that may be flagged by chance alone, across all places judged at once. Lower flags fewer."
          testId="surge-fdr"
          value={settings.falseDiscoveryRate}
          range={FDR_RANGE}
          step={0.005}
          onCommit={(falseDiscoveryRate) => onChange({ falseDiscoveryRate })}
        />
      ) : (
        <NumberSetting
          label="Rule: more than ×"
          hint="The week must exceed this multiple of both its 4-week and its 52-week average. Higher flags fewer."
          testId="surge-ratio"
          value={settings.acledRatio}
          range={ACLED_RATIO_RANGE}
          step={0.1}
          onCommit={(acledRatio) => onChange({ acledRatio })}
        />
      )}
      {changed && (
        <button
          type="button"
          className="button"
          data-testid="surge-defaults"
          onClick={() => onChange({ falseDiscoveryRate: d.falseDiscoveryRate, acledRatio: d.acledRatio })}
        >
          Defaults
        </button>
      )}
    </>
  )
}
