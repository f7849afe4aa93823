import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useMemo, useRef } from 'react'
import { formatPartialDate } from '../../../domain/dates.ts'
import { PRECISION_CODES, rowRegions, titleAt } from '../../../domain/table.ts'
import type { ThreatLevel } from '../../../domain/model.ts'
import { regionName, selectCustomRegions, selectHasFilters } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { NoDataYet, NothingMatches } from '../../../ui/next-steps.tsx'
import { formatCount } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { Panel } from '../../../ui/panel.tsx'
import { PanelPending } from '../../../ui/panel-pending.tsx'
import { STAGED_ROWS, useStagedRender } from '../../../ui/use-staged-render.ts'
import { ExportButton } from '../../../ui/export-button.tsx'
import { EventDetail } from './event-detail.tsx'

const ROW_HEIGHT = 52

/** The matching events, newest first, as a virtual list; a click opens the event's detail. */
export function EventsPanel() {
  const openExport = useWatchfloor((s) => s.openExport)
  const table = useWatchfloor((s) => s.table)
  const rows = useWatchfloor((s) => s.views.matchedRows)
  const selectedRow = useWatchfloor((s) => s.selectedRow)
  const selectRow = useWatchfloor((s) => s.selectRow)
  const hasFilters = useWatchfloor(selectHasFilters)
  const clearFilters = useWatchfloor((s) => s.clearFilters)
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  const loading = useWatchfloor((s) => s.load.kind === 'loading')
  const custom = useWatchfloor(selectCustomRegions)
  const newRows = useWatchfloor((s) => s.newRows)
  // Flags for another table (a load raced a refresh) mark nothing.
  const isNew = (row: number): boolean => newRows !== null && newRows.length === table.size && newRows[row] === 1
  // A large new table lists its rows in a later task, after the count has painted.
  const ready = useStagedRender(table, table.size >= STAGED_ROWS)
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this list itself
  const virtualizer = useVirtualizer({
    count: ready ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 600, height: 480 },
  })
  const selected = useMemo(() => (selectedRow === null ? null : table.eventAt(selectedRow)), [table, selectedRow])
  const close = useCallback(() => selectRow(null), [selectRow])

  const regionLabels = (row: number): string => {
    const event = table.eventAt(row)
    const regions = event.regions.length > 0 ? event.regions : rowRegions(table, row).slice(0, 1)
    return regions.map((r) => regionName(r, custom)).join(', ')
  }

  return (
    <Panel name="events" title="Events" subtitle={`${formatCount(rows.length)} matching, newest first`} actions={<ExportButton panel="events" onExport={openExport} />}>
      {!ready ? (
        <PanelPending label="Listing the events" />
      ) : rows.length === 0 ? (
        table.size === 0 ? (
          <NoDataYet loading={loading} onImport={() => setImportOpen(true)} />
        ) : (
          <NothingMatches onClear={hasFilters ? clearFilters : undefined} />
        )
      ) : (
        <div ref={scrollRef} className="event-list" role="list" aria-label="Matching events">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!
              const precision = PRECISION_CODES[table.precision[row]!]!
              const event = table.eventAt(row)
              const fresh = isNew(row)
              return (
                <div
                  key={row}
                  role="listitem"
                  className="event-row-wrap"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <button
                    type="button"
                    className={`event-row${row === selectedRow ? ' event-row--selected' : ''}${fresh ? ' event-row--new' : ''}`}
                    data-testid="event-row"
                    data-new={fresh || undefined}
                    onClick={() => selectRow(row)}
                  >
                    <LevelBadge level={table.level[row] as ThreatLevel} />
                    <span className="event-row__main">
                      <span className="event-row__title">
                        {fresh && (
                          <span className="event-row__new" data-testid="event-new" title="Arrived with the latest refresh">
                            New
                          </span>
                        )}
                        {titleAt(table, row)}
                      </span>
                      <span className="event-row__meta">
                        <span className={precision === 'year' || precision === 'month' ? 'imprecise' : undefined}>
                          {formatPartialDate(event.date)}
                        </span>
                        <span> · {regionLabels(row)}</span>
                      </span>
                    </span>
                  </button>
                </div>
              )
            })}
          </div>
        </div>
      )}
      {selected && <EventDetail event={selected} onClose={close} />}
    </Panel>
  )
}
