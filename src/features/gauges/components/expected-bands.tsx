import type { PlaceBand } from '../../../domain/warning/dashboard-warning.ts'
import { placeName } from '../../../domain/warning/place-report.ts'
import { weekStartMs } from '../../../domain/warning/weeks.ts'
import { formatDay } from '../../../ui/format.ts'

const round = (n: number): string => (n >= 10 ? String(Math.round(n)) : n.toFixed(1))

/**
 * The expected weekly events of the weeks after the judged week, with the 80 % band, for all
 * events and each watched place (docs/early-warning.md). A watched place with too little history
 * has no band and is not listed.
 */
export function ExpectedBands({ bands }: { readonly bands: readonly PlaceBand[] }) {
  if (bands.length === 0) return null
  const weeks = bands[0]!.weeks
  return (
    <details className="expected-bands">
      <summary>Expected in the next {weeks.length} weeks (80 % band)</summary>
      <table className="expected-bands__table">
        <thead>
          <tr>
            <th scope="col">Place</th>
            {weeks.map((w) => (
              <th key={w.week} scope="col">
                {formatDay(weekStartMs(w.week))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {bands.map((b) => (
            <tr key={`${b.kind}:${b.place}`} data-testid="surge-band" data-place={b.kind === 'all' ? 'all' : b.place}>
              <th scope="row">{b.kind === 'all' ? 'All events' : placeName(b.kind, b.place)}</th>
              {b.weeks.map((w) => (
                <td key={w.week}>
                  {round(w.expected)} <span className="muted">({round(w.lo80)}–{round(w.hi80)})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
