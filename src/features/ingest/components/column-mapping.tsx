import { useVirtualizer } from '@tanstack/react-virtual'
import { useDeferredValue, useMemo, useRef, useState } from 'react'
import { CSV_FIELDS, REQUIRED_CSV_FIELDS, type ColumnTarget } from '../../../domain/ingest/csv-headers.ts'
import { formatCount } from '../../../ui/format.ts'
import './ingest.css'

interface ColumnMappingProps {
  readonly headers: readonly string[]
  readonly mapping: readonly ColumnTarget[]
  /** Reads the file again with these targets (by column number). */
  readonly onApply: (overrides: ReadonlyMap<number, ColumnTarget>) => void
}

const TARGET_LABELS: Readonly<Record<'extra' | 'ignore', string>> = { extra: 'keep as extra value', ignore: 'ignore' }
const ROW_HEIGHT = 32
/** Above this many unrecognised columns a box to find one by name is shown. */
const FIND_FROM = 12

function columnLabel(headers: readonly string[], column: number): string {
  return headers[column] || `(column ${column + 1})`
}

/** The column each field is given to (a field feeds at most one column); one pass over the targets. */
function columnOfField(targets: readonly ColumnTarget[]): Map<ColumnTarget, number> {
  const out = new Map<ColumnTarget, number>()
  for (let column = 0; column < targets.length; column++) {
    const target = targets[column]!
    if (target !== 'extra' && target !== 'ignore') out.set(target, column)
  }
  return out
}

/**
 * Maps CSV columns to event fields by hand: every column the rules did not map (kept as an
 * extra value) can be given a field, and required fields no column feeds are named. The list is
 * virtual (only the rows in view are drawn) and every step is linear in the number of columns,
 * so a file with a million unrecognised columns stays responsive.
 */
export function ColumnMapping({ headers, mapping, onApply }: ColumnMappingProps) {
  const [targets, setTargets] = useState<readonly ColumnTarget[]>(mapping)
  const [find, setFind] = useState('')
  const deferredFind = useDeferredValue(find)
  const unmapped = useMemo(() => {
    const out: number[] = []
    for (let i = 0; i < headers.length; i++) if (mapping[i] === 'extra' || mapping[i] === 'ignore') out.push(i)
    return out
  }, [headers, mapping])
  const shown = useMemo(() => {
    const needle = deferredFind.trim().toLowerCase()
    return needle === '' ? unmapped : unmapped.filter((column) => columnLabel(headers, column).toLowerCase().includes(needle))
  }, [unmapped, headers, deferredFind])
  const used = useMemo(() => columnOfField(targets), [targets])
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this list itself
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 480, height: 320 },
  })
  if (unmapped.length === 0) return null
  const missing = REQUIRED_CSV_FIELDS.filter((f) => !used.has(f))
  const changed = unmapped.some((c) => targets[c] !== mapping[c])
  const choose = (column: number, target: ColumnTarget): void => {
    const next = targets.slice()
    next[column] = target
    setTargets(next)
  }
  return (
    <fieldset className="ingest-mapping" data-testid="column-mapping">
      <legend>Columns the importer did not recognise ({formatCount(unmapped.length)})</legend>
      {missing.length > 0 && (
        <p className="ingest-mapping__missing" role="note">
          Still needed: {missing.join(', ')}
        </p>
      )}
      {unmapped.length > FIND_FROM && (
        <input
          type="search"
          className="ingest-mapping__find"
          aria-label="Find a column by name"
          placeholder="Find a column…"
          data-testid="column-find"
          value={find}
          onChange={(e) => setFind(e.target.value)}
        />
      )}
      <div ref={scrollRef} className="ingest-mapping__list" role="table" aria-label="Unrecognised columns" aria-rowcount={shown.length}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const column = shown[item.index]!
            const label = columnLabel(headers, column)
            return (
              <div
                key={column}
                role="row"
                aria-rowindex={item.index + 1}
                className="ingest-mapping__row"
                data-testid="column-mapping-row"
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="rowheader" className="ingest-mapping__name" title={label}>
                  {label}
                </span>
                <span role="cell">
                  <select aria-label={`Field for column ${headers[column] || column + 1}`} data-testid="column-target" value={targets[column]} onChange={(e) => choose(column, e.target.value as ColumnTarget)}>
                    <option value="extra">{TARGET_LABELS.extra}</option>
                    <option value="ignore">{TARGET_LABELS.ignore}</option>
                    {CSV_FIELDS.map((f) => (
                      <option key={f} value={f} disabled={used.has(f) && used.get(f) !== column}>
                        {f}
                      </option>
                    ))}
                  </select>
                </span>
              </div>
            )
          })}
        </div>
      </div>
      {shown.length === 0 && <p className="muted">No column name holds “{deferredFind}”.</p>}
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
