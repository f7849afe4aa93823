import { formatPartialDate } from '../../../domain/dates.ts'
import { buildCaption, type CaptionBlock } from '../../../domain/export/captions.ts'
import { topEventRows } from '../../../domain/export/top-events.ts'
import { LEVEL_LABELS, type ThreatEvent, type ThreatLevel } from '../../../domain/model.ts'
import type { ExportTarget } from '../../../state/export-slice.ts'
import { regionName } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'

export const TARGET_TITLES: Readonly<Record<ExportTarget, string>> = {
  timeline: 'Threat over time',
  map: 'Where',
  gauges: 'Threat levels',
  events: 'Events',
  dashboard: 'Watchfloor dashboard',
}

export const PANELS = ['timeline', 'gauges', 'map', 'events'] as const

/** The DOM node an export draws: a panel, or the whole dashboard grid. */
export function targetNode(target: ExportTarget): HTMLElement | null {
  const selector = target === 'dashboard' ? 'main.dashboard' : `[data-testid="panel-${target}"]`
  return document.querySelector<HTMLElement>(selector)
}

/** The caption block for the current view (read from the store when called, not subscribed). */
export function captionFor(target: ExportTarget, title: string, caption: string, marking: string): CaptionBlock {
  const s = useWatchfloor.getState()
  const custom = s.meta?.customRegions ?? []
  return buildCaption({
    title: title.trim() === '' ? TARGET_TITLES[target] : title,
    caption,
    asOfMs: s.asOfMs,
    filter: s.filter,
    regionName: (id) => regionName(id, custom),
    datasetName: s.meta?.name ?? 'No data',
    ...(s.meta?.source ? { source: s.meta.source } : {}),
    withBasemap: target === 'map' || target === 'dashboard',
    marking,
  })
}

/** The events matching the filters, newest first, as full events. */
export function matchedEvents(): ThreatEvent[] {
  const { table, views } = useWatchfloor.getState()
  return Array.from(views.matchedRows, (row) => table.eventAt(row))
}

export interface TopEvent {
  readonly row: number
  readonly level: string
  readonly date: string
  readonly title: string
  readonly where: string
}

/** The highest-level matching events, for speaker notes and the briefing's table slide. */
export function topEvents(limit: number): TopEvent[] {
  const { table, views, meta } = useWatchfloor.getState()
  const custom = meta?.customRegions ?? []
  return topEventRows(table, views.matchedRows, limit).map((row) => {
    const event = table.eventAt(row)
    return {
      row,
      level: `${table.level[row]} ${LEVEL_LABELS[table.level[row] as ThreatLevel]}`,
      date: formatPartialDate(event.date),
      title: event.title,
      where: (event.regions.length > 0 ? event.regions.map((r) => regionName(r, custom)) : event.countries).join(', '),
    }
  })
}
