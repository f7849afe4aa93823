import { useId, type ReactNode } from 'react'
import type { DraftCheck } from '../../../domain/ingest/draft-check.ts'
import { levelName, precisionOf, type Draft, type DraftField, type DraftFields } from '../../../domain/ingest/draft-edit.ts'
import { THREAT_LEVELS } from '../../../domain/model.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import './draft-review.css'

interface DraftCardProps {
  readonly draft: Draft
  readonly index: number
  readonly count: number
  readonly fields: DraftFields
  readonly included: boolean
  readonly check: DraftCheck
  readonly onEdit: (patch: Partial<DraftFields>) => void
  readonly onInclude: (on: boolean) => void
}

interface FieldProps {
  readonly id: string
  readonly label: string
  readonly hint?: string
  readonly errors?: readonly string[]
  readonly warnings?: readonly string[]
  readonly wide?: boolean
  readonly children: (describedBy: string | undefined, invalid: boolean) => ReactNode
}

/** A labelled field with its hint, errors (from validation) and warnings shown under it. */
function Field({ id, label, hint, errors = [], warnings = [], wide, children }: FieldProps) {
  const notes = [hint ? `${id}-hint` : '', errors.length ? `${id}-errors` : '', warnings.length ? `${id}-warnings` : ''].filter(Boolean)
  return (
    <div className={`draft-card__field${wide ? ' draft-card__field--wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(notes.length ? notes.join(' ') : undefined, errors.length > 0)}
      {hint && (
        <span id={`${id}-hint`} className="draft-card__hint">
          {hint}
        </span>
      )}
      {errors.length > 0 && (
        <span id={`${id}-errors`} className="draft-card__error" data-testid="draft-error">
          {errors.join('; ')}
        </span>
      )}
      {warnings.length > 0 && (
        <span id={`${id}-warnings`} className="draft-card__warning">
          {warnings.join('; ')}
        </span>
      )}
    </div>
  )
}

function reasonText(draft: Draft): string {
  const reason = draft.levelReason.replace(/^suggested:\s*/, '')
  return draft.levelSuggested
    ? `Suggested ${levelName(draft.level)}: ${reason}`
    : `Stated in the article (${levelName(draft.level)}): “${reason}”`
}

/** One draft event: include it or not, and edit its fields before it joins the data. */
export function DraftCard({ draft, index, count, fields, included, check, onEdit, onInclude }: DraftCardProps) {
  const id = useId()
  const fid = (field: DraftField): string => `${id}-${field}`
  const text = (field: Exclude<DraftField, 'threatLevel'>, label: string, hint?: string, multiline = false, wide = false) => (
    <Field id={fid(field)} label={label} {...(hint ? { hint } : {})} {...(check.errors[field] ? { errors: check.errors[field] } : {})} {...(check.warnings[field] ? { warnings: check.warnings[field] } : {})} wide={wide}>
      {(describedBy, invalid) => {
        const common = {
          id: fid(field),
          value: fields[field],
          'aria-invalid': invalid,
          'aria-describedby': describedBy,
          'data-testid': `draft-${field}`,
          spellCheck: field === 'title' || field === 'summary',
        }
        return multiline ? (
          <textarea {...common} rows={field === 'summary' ? 3 : 2} onChange={(e) => onEdit({ [field]: e.target.value })} />
        ) : (
          <input type="text" {...common} onChange={(e) => onEdit({ [field]: e.target.value })} />
        )
      }}
    </Field>
  )
  const assumedOpen = draft.dateAssumed && !fields.dateConfirmed && fields.date.trim() === draft.fields.date
  const level = Number(fields.threatLevel)

  return (
    <article
      className={`draft-card${included ? '' : ' draft-card--excluded'}${check.event ? '' : ' draft-card--invalid'}`}
      data-testid="draft"
      data-included={included}
      data-valid={check.event !== null}
      aria-label={`Draft ${index + 1} of ${count}: ${fields.title}`}
    >
      <header className="draft-card__header">
        <label className="draft-card__include">
          <input type="checkbox" checked={included} onChange={(e) => onInclude(e.target.checked)} data-testid="draft-include" /> Include
        </label>
        <span className="muted">
          Draft {index + 1} of {count}
        </span>
        {THREAT_LEVELS.includes(level as 1) && <LevelBadge level={level as 1} withLabel />}
        {!included && <span className="draft-card__excluded-title">{fields.title}</span>}
      </header>
      {included && draft.dateAssumed && (
        <div className={`draft-card__assumed${assumedOpen ? '' : ' draft-card__assumed--settled'}`} role={assumedOpen ? 'alert' : undefined} data-testid="draft-date-assumed">
          {assumedOpen ? (
            <strong>Date assumed: today ({draft.fields.date}) — confirm</strong>
          ) : (
            <span>Date {fields.date.trim() === draft.fields.date ? 'confirmed' : 'corrected'} (the article gives none)</span>
          )}
          <span className="muted"> The article gives no date; it was dated the import day.</span>
          <label>
            <input type="checkbox" checked={fields.dateConfirmed} onChange={(e) => onEdit({ dateConfirmed: e.target.checked })} data-testid="draft-date-confirm" /> The date is right
          </label>
        </div>
      )}
      {included && (
        <div className="draft-card__grid">
          {text('title', 'Title', undefined, false, true)}
          {text('date', 'Date', `${precisionOf(fields.date) || 'ISO 8601'} · 2022, 2022-02 or 2022-02-24`)}
          <Field id={fid('threatLevel')} label="Threat level" hint={reasonText(draft)} {...(check.errors.threatLevel ? { errors: check.errors.threatLevel } : {})}>
            {(describedBy) => (
              <select id={fid('threatLevel')} value={fields.threatLevel} aria-describedby={describedBy} data-testid="draft-level" onChange={(e) => onEdit({ threatLevel: e.target.value })}>
                {THREAT_LEVELS.map((l) => (
                  <option key={l} value={String(l)}>
                    {levelName(l)}
                    {l === draft.level ? (draft.levelSuggested ? ' (suggested)' : ' (stated)') : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('countries', 'Countries', 'Names or ISO codes, separated by ;')}
          {text('regions', 'Regions', 'Empty: taken from the countries')}
          {text('actors', 'Actors', 'Name (role); …', true, true)}
          {text('summary', 'Summary', undefined, true, true)}
          {text('sectors', 'Sectors', undefined, false, true)}
        </div>
      )}
      {included && draft.quotes.length > 0 && (
        <div className="draft-card__quotes">
          <span className="draft-card__label">Quotes (kept as read)</span>
          <ul>
            {draft.quotes.map((q, i) => (
              <li key={i}>
                “{q.text}” <span className="muted">— {q.speaker || 'unattributed'}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  )
}
