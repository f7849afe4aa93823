import { LEVEL_LABELS, THREAT_LEVELS } from '../../../domain/model.ts'
import { formatCount } from '../../../ui/format.ts'
import type { Bucket, BucketUnit } from '../../../domain/timeline/buckets.ts'
import { formatBucket } from '../utils/format-time.ts'

interface TimelineTableProps {
  readonly buckets: readonly Bucket[]
  readonly unit: BucketUnit
}

/** A count as the table shows it: whole, or with decimals where imprecise dates were spread (two below 0.1, so a share never reads 0.0). */
function formatShare(value: number): string {
  if (value === 0) return '–'
  if (Number.isInteger(value)) return formatCount(value)
  return value < 0.1 ? value.toFixed(2) : value.toFixed(1)
}

/**
 * The timeline as a table: one row per bar that holds events, counts per threat level. It is the
 * chart's text alternative, for screen readers and for anyone who wants the numbers.
 */
export function TimelineTable({ buckets, unit }: TimelineTableProps) {
  const rows = buckets
    .map((b) => {
      const perLevel = THREAT_LEVELS.map((_, i) => (b.exact[i] ?? 0) + (b.spread[i] ?? 0))
      return { b, perLevel, total: perLevel.reduce((sum, n) => sum + n, 0) }
    })
    .filter((r) => r.total > 0)
  const spread = buckets.some((b) => b.spread.some((n) => n > 0))
  return (
    <div className="timeline-table" data-testid="timeline-table" tabIndex={0} role="region" aria-label="Threat over time as a table">
      <table className="data-table">
        <caption>
          Events per {unit} by threat level, {rows.length} {unit === 'day' ? 'days' : `${unit}s`} with events
          {spread && ' · decimals: events dated only to the month or year, spread over their span'}
        </caption>
        <thead>
          <tr>
            <th scope="col">{unit[0]!.toUpperCase() + unit.slice(1)}</th>
            {THREAT_LEVELS.map((level) => (
              <th key={level} scope="col" className="num">
                {level} {LEVEL_LABELS[level]}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ b, perLevel, total }) => (
            <tr key={b.startMs} data-testid="timeline-table-row">
              <th scope="row">{formatBucket(b.startMs, unit)}</th>
              {perLevel.map((n, i) => (
                <td key={i} className="num">
                  {formatShare(n)}
                </td>
              ))}
              <td className="num">{formatShare(total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
