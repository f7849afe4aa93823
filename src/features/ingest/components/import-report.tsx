import { useMemo } from 'react'
import type { IngestReport } from '../../../domain/ingest/ingest-protocol.ts'
import { formatCount } from '../../../ui/format.ts'
import { groupIssues } from '../utils/group-issues.ts'
import './ingest.css'
import { downloadText } from '../../../lib/download.ts'
import { csvForSpreadsheets } from '../../../domain/export/csv.ts'

const ROWS_SHOWN = 8
const GROUPS_SHOWN = 12

interface ImportReportProps {
  readonly report: IngestReport
  /** 'preview': before committing ("Import N events, skip M"); 'done': after. */
  readonly mode: 'preview' | 'done'
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/**
 * Saves the rejected rows as a CSV file (through a short-lived blob URL), with the byte-order
 * mark every CSV saved for people carries, so a spreadsheet reads its names and dashes right.
 */
function RejectedDownload({ csv, origin }: { readonly csv: string; readonly origin: string }) {
  const base = origin.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '') || 'import'
  const save = (): void => downloadText(`${base}-rejected-rows.csv`, csvForSpreadsheets(csv), 'text/csv;charset=utf-8')
  return (
    <button type="button" className="button ingest-report__download" onClick={save} data-testid="download-rejected">
      Download rejected rows (CSV)
    </button>
  )
}

/**
 * The validation report of an import: how many events were accepted and rejected, each issue
 * with its row and field, grouped by reason, and the rejected rows to download.
 */
export function ImportReport({ report, mode }: ImportReportProps) {
  const groups = useMemo(() => groupIssues(report.issues), [report.issues])
  const warningGroups = useMemo(() => groupIssues(report.warnings), [report.warnings])
  const headline =
    mode === 'preview'
      ? `Import ${plural(report.accepted, 'event', 'events')}, skip ${formatCount(report.rejected)}`
      : `Imported ${plural(report.accepted, 'event', 'events')}, skipped ${formatCount(report.rejected)}`
  return (
    <section
      className="ingest-report"
      data-testid="import-report"
      data-accepted={report.accepted}
      data-rejected={report.rejected}
      data-total={report.total}
      data-merged={report.merged}
      data-parse-ms={Math.round(report.parseMs)}
      data-read-ms={Math.round(report.readMs ?? 0)}
      aria-label="Import report"
    >
      <p className="ingest-report__headline">
        <strong>{headline}</strong>
        <span className="muted">
          {' '}
          · {plural(report.total + report.merged, 'row', 'rows')} read from {report.origin} ({report.format})
          {report.merged > 0 && `, ${formatCount(report.merged)} merged into other rows' events`}
        </span>
      </p>
      {report.notes && report.notes.length > 0 && (
        <ul className="ingest-report__notes" data-testid="import-notes">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {groups.length > 0 && (
        <div className="ingest-report__groups">
          <h3 className="ingest-report__title">Why rows were skipped</h3>
          <ul>
            {groups.slice(0, GROUPS_SHOWN).map((g) => (
              <li key={`${g.field}:${g.reason}`} data-testid="issue-group">
                <span className="ingest-report__field">{g.field}</span> {g.reason}{' '}
                <span className="muted">({plural(g.issues.length, 'row', 'rows')})</span>
                <ul className="ingest-report__rows">
                  {g.issues.slice(0, ROWS_SHOWN).map((issue, i) => (
                    <li key={i}>
                      row {issue.row}: {issue.message}
                    </li>
                  ))}
                  {g.issues.length > ROWS_SHOWN && <li className="muted">and {formatCount(g.issues.length - ROWS_SHOWN)} more</li>}
                </ul>
              </li>
            ))}
          </ul>
          {groups.length > GROUPS_SHOWN && <p className="muted">and {groups.length - GROUPS_SHOWN} more kinds of problem</p>}
          {report.unlisted > 0 && <p className="muted">{formatCount(report.unlisted)} further issues were counted but not listed.</p>}
        </div>
      )}
      {warningGroups.length > 0 && (
        <details className="ingest-report__warnings">
          <summary>{plural(report.warnings.length, 'note', 'notes')} on rows that were kept</summary>
          <ul>
            {warningGroups.slice(0, GROUPS_SHOWN).map((g) => (
              <li key={`${g.field}:${g.reason}`}>
                <span className="ingest-report__field">{g.field}</span> {g.reason}{' '}
                <span className="muted">(rows {g.issues.slice(0, ROWS_SHOWN).map((i) => i.row).join(', ')}{g.issues.length > ROWS_SHOWN ? ', …' : ''})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {/* In a preview the possible duplicates are reviewed apart (possible-duplicates.tsx). */}
      {mode === 'done' && report.duplicates && report.duplicates.length > 0 && (
        <details className="ingest-report__warnings" data-testid="import-duplicates">
          <summary>
            {plural(report.duplicates.length, 'group', 'groups')} of possible duplicates to review (same date, place and actors, near-identical titles; not merged)
          </summary>
          <ul>
            {report.duplicates.map((d) => (
              <li key={d.ids.join('\u0000')} data-testid="duplicate-group">
                {d.titles.map((title, i) => (
                  <span key={d.ids[i]}>
                    {i > 0 ? ' · ' : ''}
                    <span className="ingest-report__field">{d.ids[i]}</span> {title}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.rejectedCsv && <RejectedDownload csv={report.rejectedCsv} origin={report.origin} />}
    </section>
  )
}
