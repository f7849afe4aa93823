import { useEffect, useRef, type CSSProperties } from 'react'
import { bandKey } from '../../../domain/warning/band-key.ts'
import type { PlaceBand } from '../../../domain/warning/dashboard-warning.ts'
import type { DrawnBand } from './warning-overlay.tsx'

/** At most this many bands at once: more would hide each other. */
export const MAX_BANDS = 3

/** A band the picker offers: its key, name and group. */
export interface BandOption {
  readonly key: string
  readonly label: string
  readonly group: 'All' | 'Gauges' | 'Watched'
}

interface BandPickerProps {
  readonly options: readonly BandOption[]
  readonly available: readonly PlaceBand[]
  readonly chosen: readonly string[]
  readonly onChange: (keys: readonly string[]) => void
}

/**
 * Chooses which expected bands the timeline draws: all events, a gauge's region or a watched
 * place. A place with too little history has no band and cannot be chosen.
 */
export function BandPicker({ options, available, chosen, onChange }: BandPickerProps) {
  const ref = useRef<HTMLDetailsElement>(null)
  // The menu closes on a click elsewhere, as a menu does.
  useEffect(() => {
    const onPointerDown = (e: PointerEvent): void => {
      const details = ref.current
      if (details?.open && e.target instanceof Node && !details.contains(e.target)) details.open = false
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [])
  const made = new Set(available.map(bandKey))
  const full = chosen.length >= MAX_BANDS
  const groups = (['All', 'Gauges', 'Watched'] as const).map((g) => ({ group: g, items: options.filter((o) => o.group === g) })).filter((g) => g.items.length > 0)
  return (
    <details
      ref={ref}
      className="timeline-bands"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !ref.current?.open) return
        e.stopPropagation()
        ref.current.open = false
        ref.current.querySelector('summary')?.focus()
      }}
    >
      <summary className="button" data-testid="timeline-band-picker" title="The expected weekly events for the 4 weeks after the as-of date, with an 80 % band">
        Expected{chosen.length > 0 ? ` (${chosen.length})` : ''}
      </summary>
      <div className="timeline-bands__menu" role="group" aria-label="Expected bands on the timeline">
        <p className="muted">Expected weekly events, 4 weeks after the as-of date (80 % band). At most {MAX_BANDS}.</p>
        {groups.map(({ group, items }) => (
          <fieldset key={group}>
            {group !== 'All' && <legend>{group}</legend>}
            {items.map((o) => {
              const on = chosen.includes(o.key)
              const ready = made.has(o.key)
              return (
                <label key={o.key} className="timeline-bands__option" title={ready ? undefined : 'Too little history for a band'}>
                  <input
                    type="checkbox"
                    data-testid="timeline-band-option"
                    data-key={o.key}
                    checked={on}
                    disabled={!on && (!ready || full)}
                    onChange={() => onChange(on ? chosen.filter((k) => k !== o.key) : [...chosen, o.key])}
                  />{' '}
                  {o.label}
                  {!ready && <span className="muted"> (too little history)</span>}
                </label>
              )
            })}
          </fieldset>
        ))}
      </div>
    </details>
  )
}

/** The key of the bands drawn: a swatch per band ("expected, 80 %") and the actual dot when shown. */
export function BandLegend({ bands, outside, style }: { readonly bands: readonly DrawnBand[]; readonly outside: boolean; readonly style?: CSSProperties }) {
  if (bands.length === 0) return null
  const anyActual = bands.some((b) => b.segments.some((s) => s.actual !== null))
  return (
    <ul className="timeline-bands__legend" data-testid="timeline-band-legend" aria-label="Expected bands" style={style}>
      {bands.map((b) => (
        <li key={b.key} className={`timeline-bands__key timeline-warning__band--${b.colour}`}>
          <svg width="16" height="10" aria-hidden="true" focusable="false">
            <rect x="0.5" y="0.5" width="15" height="9" />
            <line x1="0" x2="16" y1="5" y2="5" />
          </svg>
          expected, 80 % · {b.label}
        </li>
      ))}
      {anyActual && (
        <li className="timeline-bands__key">
          <svg width="8" height="8" aria-hidden="true" focusable="false">
            <circle cx="4" cy="4" r="3" />
          </svg>
          actual
        </li>
      )}
      {outside && <li>(not in this range: choose All time)</li>}
    </ul>
  )
}
