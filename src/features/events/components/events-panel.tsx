import { useCallback, useEffect } from 'react'
import { formatPartialDate } from '../../../domain/dates.ts'
import { isRemovedUpstream } from '../../../domain/removed-upstream.ts'
import { describeScope } from '../../../domain/panel-captions.ts'
import { regionName, selectCustomRegions, selectDataComing, selectHasFilters, selectPanelStale } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { NoDataYet, NothingMatches } from '../../../ui/next-steps.tsx'
import { formatCount } from '../../../ui/format.ts'
import { LevelBadge } from '../../../ui/level-badge.tsx'
import { Panel } from '../../../ui/panel.tsx'
import { PanelPending } from '../../../ui/panel-pending.tsx'
import { useStagedRender } from '../../../ui/use-staged-render.ts'
import { ExportButton } from '../../../ui/export-button.tsx'
import { useRowWindow } from '../../../ui/use-row-window.ts'
import { useWindowEvents } from '../hooks/use-window-events.ts'
import { SelectedEvent } from './selected-event.tsx'

const ROW_HEIGHT = 52

/** The list asks for rows in windows of this many, starting at a multiple of WINDOW_STEP. */
const WINDOW_STEP = 50
const WINDOW_ROWS = 150

/** The matching events, newest first, as a virtual list; a click opens the event's detail. */
export function EventsPanel() {
  const stale = useWatchfloor(selectPanelStale.events)
  const openExport = useWatchfloor((s) => s.openExport)
  const matched = useWatchfloor((s) => s.views.matched)
  const filter = useWatchfloor((s) => s.filter)
  const size = useWatchfloor((s) => s.views.size)
  const list = useWatchfloor((s) => s.views.list)
  const setAsk = useWatchfloor((s) => s.setAsk)
  const dataToken = useWatchfloor((s) => s.dataToken)
  const selectedRow = useWatchfloor((s) => s.selectedRow)
  const selectRow = useWatchfloor((s) => s.selectRow)
  const hasFilters = useWatchfloor(selectHasFilters)
  const clearFilters = useWatchfloor((s) => s.clearFilters)
  const setImportOpen = useWatchfloor((s) => s.setImportOpen)
  const coming = useWatchfloor(selectDataComing)
  // Data on its way to an empty dashboard (a load, a warehouse's first answer): said as such.
  const waiting = size === 0 && coming !== null
  const custom = useWatchfloor(selectCustomRegions)
  const scope = describeScope(filter, custom)
  const drawInStages = useWatchfloor((s) => s.drawInStages)
  // A large new table (or the page's first) lists its rows in a later task, after the count has painted.
  const ready = useStagedRender(dataToken, drawInStages) && list !== null
  // Rows of one height: the window is arithmetic, whatever the number of matching events.
  const { ref: scrollRef, window: shown } = useRowWindow(ready ? matched : 0, ROW_HEIGHT, 8)
  const read = useWindowEvents(list)
  const close = useCallback(() => selectRow(null), [selectRow])
  // The rows on screen come from the engine a window at a time: ask for the window around them.
  const items = Array.from({ length: shown.end - shown.first }, (_, i) => shown.first + i)
  const first = shown.first
  const windowStart = Math.max(0, Math.floor(first / WINDOW_STEP) * WINDOW_STEP - WINDOW_STEP)
  useEffect(() => {
    const asked = useWatchfloor.getState().asks.list
    if (asked?.offset !== windowStart || asked.length !== WINDOW_ROWS) setAsk('list', { offset: windowStart, length: WINDOW_ROWS })
  }, [windowStart, setAsk])

  return (
    <Panel name="events" busy={stale} title="Events" subtitle={waiting ? 'Newest first' : `${formatCount(matched)} matching${scope === '' ? '' : ` · ${scope}`}, newest first`} actions={<ExportButton panel="events" onExport={openExport} />}>
      {waiting ? (
        <NoDataYet coming={coming} onImport={() => setImportOpen(true)} />
      ) : !ready ? (
        <PanelPending label="Listing the events" />
      ) : matched === 0 ? (
        size === 0 ? (
          <NoDataYet coming={coming} onImport={() => setImportOpen(true)} />
        ) : (
          <NothingMatches onClear={hasFilters ? clearFilters : undefined} />
        )
      ) : (
        <div ref={scrollRef} className="event-list" role="list" aria-label="Matching events">
          {read.error !== null && (
            <p className="event-list__error" role="alert">
              The events could not be read: {read.error}
            </p>
          )}
          <div style={{ height: shown.height, position: 'relative' }}>
            {items.map((index) => {
              const listed = list.rows[index - list.offset]
              // A row outside the window asked for, or whose event is still being read: a placeholder.
              const event = listed === undefined ? undefined : (listed.event ?? read.events.get(listed.ref))
              if (listed === undefined || event === undefined) {
                return (
                  <div key={`pending-${index}`} role="listitem" className="event-row-wrap" aria-busy="true" data-testid="event-row-pending" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${shown.topOf(index)}px)` }} />
                )
              }
              const { ref: row, isNew: fresh } = listed
              const regions = event.regions.length > 0 ? event.regions : listed.regions
              const precision = event.date.precision
              return (
                <div
                  key={row}
                  role="listitem"
                  className="event-row-wrap"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${shown.topOf(index)}px)` }}
                >
                  <button
                    type="button"
                    className={`event-row${row === selectedRow ? ' event-row--selected' : ''}${fresh ? ' event-row--new' : ''}`}
                    data-testid="event-row"
                    data-new={fresh || undefined}
                    onClick={() => selectRow(row)}
                  >
                    <LevelBadge level={event.threatLevel} />
                    <span className="event-row__main">
                      <span className="event-row__title">
                        {fresh && (
                          <span className="event-row__new" data-testid="event-new" title="Arrived with the latest refresh">
                            New
                          </span>
                        )}
                        {isRemovedUpstream(event) && (
                          <span className="event-row__new event-row__removed" data-testid="event-removed-upstream" title="The newer ACLED export no longer has this event">
                            Removed upstream
                          </span>
                        )}
                        {event.title}
                      </span>
                      <span className="event-row__meta">
                        <span className={precision === 'year' || precision === 'month' ? 'imprecise' : undefined}>
                          {formatPartialDate(event.date)}
                        </span>
                        <span> · {regions.map((r) => regionName(r, custom)).join(', ')}</span>
                      </span>
                    </span>
                  </button>
                </div>
              )
            })}
          </div>
        </div>
      )}
      {selectedRow !== null && <SelectedEvent row={selectedRow} onClose={close} />}
    </Panel>
  )
}
