import { lazy, Suspense, useId, useRef, useState } from 'react'
import { DATE_ORDER_LABELS, DATE_ORDERS } from '../../../domain/ingest/date-order.ts'
import type { IngestSource } from '../../../domain/ingest/ingest-protocol.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { formatCount } from '../../../ui/format.ts'
import { useModalFocus } from '../../../ui/use-modal-focus.ts'
import { useDraftReview } from '../hooks/use-draft-review.ts'
import { useImportReview } from '../hooks/use-import-review.ts'
import type { ImportControls } from '../hooks/use-import.ts'
import { setLiveValidators } from '../hooks/use-live-refresh.ts'
import { commitImport, type CommitMode } from '../../../services/ingest/commit-import.ts'
import { UNDO_FOR_MS } from '../../../services/ingest/import-undo.ts'
import { savedIdForUrl } from '../../../services/ingest/url-source.ts'
import { isAcledUpdate } from '../../../services/ingest/acled-update-merge.ts'
import { activeSavedDataset } from '../../../services/ingest/persist.ts'
import { ColumnMapping } from './column-mapping.tsx'
import { ImportProgress } from './import-progress.tsx'
import { ImportReport } from './import-report.tsx'
import { PossibleDuplicates } from './possible-duplicates.tsx'
import { RemovedUpstream } from './removed-upstream.tsx'
import { SavedDatasets } from './saved-datasets.tsx'
import './ingest.css'

/** The review of draft events (read from an article) loads only when an import holds drafts. */
const DraftReview = lazy(() => import('./draft-review.tsx').then((m) => ({ default: m.DraftReview })))

interface ImportDialogProps {
  readonly controls: ImportControls
  readonly maxMegabytes: number
  readonly onMaxMegabytes: (mb: number) => void
  readonly onClose: () => void
}

/** Resolves what a person typed as a URL against the page (relative paths work). */
function absoluteUrl(text: string): string | null {
  try {
    const url = new URL(text.trim(), window.location.href)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/**
 * The import dialog: pick files, paste text or give a URL; see the validation report; map
 * unknown CSV columns; choose replace or merge; import. Nothing changes until the commit.
 */
export function ImportDialog({ controls, maxMegabytes, onMaxMegabytes, onClose }: ImportDialogProps) {
  const { stage, read, remap, cancel, reset } = controls
  const [pasted, setPasted] = useState('')
  const [url, setUrl] = useState('')
  const [urlError, setUrlError] = useState<string | null>(null)
  const [mode, setMode] = useState<CommitMode>('replace')
  const [committing, setCommitting] = useState(false)
  const [live, setLive] = useState(false)
  const [liveSeconds, setLiveSeconds] = useState(300)
  const [fromUrl, setFromUrl] = useState<string | null>(null)
  const [dedupe, setDedupe] = useState(false)
  const staleAfterMs = useWatchfloor((s) => s.staleAfterMs)
  const setStaleAfter = useWatchfloor((s) => s.setStaleAfter)
  const setLiveSource = useWatchfloor((s) => s.setLiveSource)
  const askWarehouse = useWatchfloor((s) => s.askWarehouse)
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const shownCount = useWatchfloor((s) => s.views.size)
  const hasData = shownCount > 0
  const importReview = useImportReview(controls)
  const review = useDraftReview(stage.kind === 'preview' ? stage.preview : null)
  const importCount = review.active ? review.count : stage.kind === 'preview' ? stage.preview.data.report.accepted : 0

  useModalFocus(dialogRef, onClose)

  const readFiles = (files: FileList | null): void => {
    if (!files || files.length === 0) return
    setFromUrl(null)
    read([...files].map((file): IngestSource => ({ kind: 'file', file, name: file.name })), undefined, { dedupe })
  }

  const confirm = async (): Promise<void> => {
    if (stage.kind !== 'preview') return
    setCommitting(true)
    // Drafts (read from an article) join the data only as reviewed: included, edited and checked.
    const { data, inputs } = review.active ? review.commitData() : { data: stage.preview.data, inputs: stage.preview.inputs }
    // A URL source is saved under one id, which its live refreshes then overwrite.
    const savedId = fromUrl && mode === 'replace' ? savedIdForUrl(fromUrl) : undefined
    await commitImport(data, { mode, inputs, showReport: false, persist: true, undoable: true, ...(savedId ? { savedId } : {}) })
    if (fromUrl && live && mode === 'replace') {
      setLiveValidators(stage.preview.data.validators)
      setLiveSource({ url: fromUrl, intervalMs: Math.max(5, liveSeconds) * 1000 })
    } else setLiveSource(null)
    setCommitting(false)
    reset()
    onClose()
  }

  return (
    <div className="modal-backdrop ingest-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal-dialog ingest-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef} tabIndex={-1} data-testid="import-dialog">
        <header className="ingest-dialog__header">
          <h2 id={titleId}>Import data</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>

        {(stage.kind === 'idle' || stage.kind === 'failed') && (
          <div className="ingest-dialog__ways">
            <label className="ingest-dialog__way">
              <span className="ingest-dialog__label">Files (JSON, CSV, TSV, Parquet, STIX, GDELT events with their mentions, ACLED or an article; several at once)</span>
              <input type="file" multiple accept=".json,.csv,.tsv,.txt,.html,.htm,.parquet,application/json,text/csv,text/plain,text/html,application/vnd.apache.parquet" data-testid="import-file" onChange={(e) => readFiles(e.target.files)} />
              <span className="muted">…or drop files anywhere on the page.</span>
            </label>
            <div className="ingest-dialog__way">
              <label className="ingest-dialog__label" htmlFor={`${titleId}-paste`}>
                Paste JSON, CSV or a news article
              </label>
              <textarea id={`${titleId}-paste`} rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} data-testid="import-paste" />
              <button type="button" className="button" disabled={pasted.trim() === ''} onClick={() => {
                  setFromUrl(null)
                  read([{ kind: 'text', text: pasted, name: 'pasted text' }], undefined, { dedupe })
                }}>
                Read pasted text
              </button>
            </div>
            <form
              className="ingest-dialog__way"
              onSubmit={(e) => {
                e.preventDefault()
                const absolute = absoluteUrl(url)
                setUrlError(absolute ? null : 'Give an http(s) address')
                if (!absolute) return
                setFromUrl(absolute)
                read([{ kind: 'url', url: absolute }], undefined, { dedupe })
              }}
            >
              <label className="ingest-dialog__label" htmlFor={`${titleId}-url`}>
                From a URL
              </label>
              <div className="ingest-dialog__row">
                <input id={`${titleId}-url`} type="text" inputMode="url" spellCheck={false} placeholder="https://…/events.csv" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="import-url" />
                <button type="submit" className="button" disabled={url.trim() === ''}>
                  Fetch
                </button>
              </div>
              {urlError && <span className="ingest-dialog__error">{urlError}</span>}
              <label className="ingest-dialog__live">
                <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} data-testid="import-live" /> Keep it live: refresh every
                <input
                  type="number"
                  min={5}
                  aria-label="Refresh interval in seconds"
                  value={liveSeconds}
                  onChange={(e) => setLiveSeconds(Math.max(5, Number(e.target.value) || 5))}
                />
                seconds
              </label>
            </form>
            <div className="ingest-dialog__way">
              <span className="ingest-dialog__label">More events than a tab holds (a few million)?</span>
              <button
                type="button"
                className="button"
                data-testid="import-warehouse"
                title="Read the events from a ClickHouse table where they are"
                onClick={() => {
                  onClose()
                  askWarehouse()
                }}
              >
                Connect to a warehouse…
              </button>
            </div>
            <label className="ingest-dialog__live ingest-dialog__dedupe" title="GDELT records of the same day, the same two actor codes, the same root event code and the same action location become one event with the sources and mentions of all">
              <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.target.checked)} data-testid="import-dedupe" /> Merge duplicate GDELT
              records (same day, actors, root event code and place)
            </label>
            <label className="ingest-dialog__limit">
              Refuse files over{' '}
              <input
                type="number"
                min={1}
                max={4096}
                aria-label="Refuse files over, megabytes"
                data-testid="max-megabytes"
                value={maxMegabytes}
                onChange={(e) => onMaxMegabytes(Math.min(4096, Math.max(1, Number(e.target.value) || 1)))}
              />{' '}
              MB · data
              counts as stale after{' '}
              <input
                type="number"
                min={1}
                aria-label="Stale after, minutes"
                data-testid="stale-minutes"
                value={Math.round(staleAfterMs / 60_000)}
                onChange={(e) => setStaleAfter(Math.max(1, Number(e.target.value) || 1) * 60_000)}
              />{' '}
              minutes
            </label>
          </div>
        )}

        {stage.kind === 'reading' && <ImportProgress stage={stage} onCancel={cancel} />}

        {stage.kind === 'failed' && (
          <div className="ingest-dialog__failed" role="alert" data-testid="import-failed">
            <p>
              <strong>Could not import {stage.name}:</strong> {stage.reason}. Nothing was changed.
            </p>
            <p className="muted" data-testid="import-failed-hint">
              To fix it: give a dataset JSON (schemaVersion 1), a CSV or TSV with a header row, an ACLED or GDELT
              export, a STIX 2.1 bundle, or an article&rsquo;s text; for a CSV, map its columns below.
            </p>
            {controls.pastedText && !stage.headers && (
              <p>
                <button type="button" className="button" data-testid="import-as-article" onClick={() => controls.revise({ format: 'article' })}>
                  Read it as a news article
                </button>{' '}
                <span className="muted">Each headline and dated line becomes a draft event to review.</span>
              </p>
            )}
            {stage.headers && stage.mapping && <ColumnMapping key={stage.headers.join('\u0000')} headers={stage.headers} mapping={stage.mapping} onApply={remap} />}
          </div>
        )}

        {stage.kind === 'preview' && (
          <div className="ingest-dialog__preview">
            <ImportReport report={stage.preview.data.report} mode="preview" />
            <RemovedUpstream removed={stage.preview.data.report.removedUpstream} review={importReview} />
            <PossibleDuplicates suggestions={stage.preview.data.report.duplicates ?? []} review={importReview} />
            {review.active && (
              <Suspense fallback={<p className="muted">Loading the review…</p>}>
                {review.error ? (
                  <p className="ingest-dialog__error" role="alert">
                    The review of the drafts could not load ({review.error}); nothing can be imported from this text.
                  </p>
                ) : review.ready ? (
                  <DraftReview review={review} />
                ) : (
                  <p className="muted">Loading the review…</p>
                )}
              </Suspense>
            )}
            {stage.preview.data.report.dateOrder && (
              <fieldset className={`ingest-dialog__mode${stage.preview.data.report.dateOrder.how === 'ambiguous' ? ' ingest-dialog__mode--ask' : ''}`} data-testid="date-order">
                <legend>
                  {stage.preview.data.report.dateOrder.how === 'ambiguous'
                    ? 'Dates like 03/04/2024 read either way in this file: which comes first?'
                    : 'Dates with slashes (for the whole file)'}
                </legend>
                {DATE_ORDERS.map((order) => (
                  <label key={order}>
                    <input
                      type="radio"
                      name="date-order"
                      value={order}
                      checked={stage.preview.data.report.dateOrder?.order === order}
                      onChange={() => controls.revise({ dateOrder: order })}
                      data-testid={`date-order-${order}`}
                    />{' '}
                    {DATE_ORDER_LABELS[order]}
                  </label>
                ))}
              </fieldset>
            )}
            {stage.preview.data.report.headers && stage.preview.data.report.mapping && (
              <ColumnMapping
                key={stage.preview.data.report.mapping.join(',')}
                headers={stage.preview.data.report.headers}
                mapping={stage.preview.data.report.mapping}
                onApply={remap}
              />
            )}
            {hasData && (
              <fieldset className="ingest-dialog__mode">
                <legend>
                  {stage.preview.clashes > 0
                    ? `${formatCount(stage.preview.clashes)} imported ids are already in the data on screen (${formatCount(shownCount)} events)`
                    : `The data on screen (${formatCount(shownCount)} events)`}
                </legend>
                <label>
                  <input type="radio" name="mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} data-testid="import-mode-replace" /> Replace
                  it with the import <span className="muted">(you can undo this for {UNDO_FOR_MS / 60_000} minutes)</span>
                </label>
                <label>
                  <input type="radio" name="mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} data-testid="import-mode-merge" /> Add the
                  import to it
                  {isAcledUpdate(activeSavedDataset(), stage.preview.data.report.format)
                    ? ' as an ACLED update (a later timestamp wins, events this export no longer has are flagged removed upstream)'
                    : stage.preview.clashes > 0
                      ? ' (imported events replace those with the same id)'
                      : ''}
                </label>
              </fieldset>
            )}
            <div className="ingest-dialog__actions">
              {review.ready && review.blocked && <span className="ingest-dialog__error">Fix the draft marked in red, or leave it out, to import</span>}
              <button type="button" className="button" onClick={reset}>
                Back
              </button>
              <button
                type="button"
                className="button button--primary"
                data-testid="import-confirm"
                disabled={committing || importCount === 0 || (review.active && review.blocked)}
                onClick={() => void confirm()}
              >
                Import {formatCount(importCount)} {importCount === 1 ? 'event' : 'events'}
              </button>
            </div>
          </div>
        )}

        {stage.kind !== 'reading' && stage.kind !== 'preview' && <SavedDatasets onOpened={onClose} />}
      </div>
    </div>
  )
}
