import { formatPartialDate } from '../../../domain/dates.ts'
import { buildCaption, type CaptionBlock } from '../../../domain/export/captions.ts'
import { LEVEL_LABELS, type ThreatEvent } from '../../../domain/model.ts'
import { panelElementId } from '../../../domain/panels.ts'
import type { ExportTarget } from '../../../state/export-slice.ts'
import { fetchTopEvents } from '../../../state/export-reads.ts'
import { regionName } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'

export const TARGET_TITLES: Readonly<Record<ExportTarget, string>> = {
  timeline: 'Threat over time',
  map: 'Where',
  gauges: 'Threat levels',
  events: 'Events',
  dashboard: 'Watchfloor dashboard',
}

/** The DOM node an export draws: a panel, or the whole dashboard grid. */
export function targetNode(target: ExportTarget): HTMLElement | null {
  return target === 'dashboard' ? document.querySelector<HTMLElement>('main.dashboard') : document.getElementById(panelElementId(target))
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

export interface TopEvent {
  readonly event: ThreatEvent
  readonly level: string
  readonly date: string
  readonly title: string
  readonly where: string
}

/** The highest-level matching events, for speaker notes and the briefing's table slide (from a warehouse in warehouse mode). */
export async function topEvents(limit: number): Promise<TopEvent[]> {
  const s = useWatchfloor.getState()
  const custom = s.meta?.customRegions ?? []
  return (await fetchTopEvents(s, limit)).map((event) => ({
    event,
    level: `${event.threatLevel} ${LEVEL_LABELS[event.threatLevel]}`,
    date: formatPartialDate(event.date),
    title: event.title,
    where: (event.regions.length > 0 ? event.regions.map((r) => regionName(r, custom)) : event.countries).join(', '),
  }))
}
