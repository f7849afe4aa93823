import { BASEMAP_ATTRIBUTION } from '../../../domain/export/captions.ts'
import { composePicture } from '../../../domain/export/picture/compose.ts'
import type { PictureSize } from '../../../domain/export/picture/presets.ts'
import type { PanelName } from '../../../domain/panels.ts'
import type { Views } from '../../../domain/engine/views-engine.ts'
import type { Deck, DeckSlide } from '../../../lib/export/pptx.ts'
import { measureWithCanvas, svgToCanvas } from '../../../lib/export/rasterise.ts'
import { regionName } from '../../../state/selectors.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { LEVEL_COLOURS } from '../../../ui/level-style.ts'
import { biggestMovers, changesCaption, changesTable, comparedRegions, gaugesChart, timelineCaption, timelineChart, topCountriesChart } from './deck-slides.ts'
import { captionFor, topEvents, type TopEvent } from './export-context.ts'
import { exportViewsOf, gaugesData, mapData, placeFilter, timelineData, type MapFit, type State } from './picture-data.ts'
import { mapTitle } from '../../../domain/export/picture/titles.ts'

export interface BriefingOptions {
  /** The deck's title: the user's or the dashboard's default. */
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly panels: readonly PanelName[]
  readonly mapFit: MapFit
}

/** The map picture's size on a slide: the slide's chart area (12.33 × 5.6 in) at 1920 px wide. */
const MAP_SLIDE_SIZE: PictureSize = { widthPx: 1920, heightPx: 872 }

/** The sources slide: the data, the basemap's attribution and the sources the top events cite. */
function sourcesOf(s: State, top: readonly TopEvent[]): string[] {
  const lines = [`Data: ${s.meta?.name ?? 'No data'}${s.meta?.source ? ` — ${s.meta.source}` : ''}`, BASEMAP_ATTRIBUTION, 'Made with Watchfloor']
  const cited = new Set<string>()
  for (const e of top) for (const src of e.event.sources) cited.add(src.url ? `${src.name}: ${src.url}` : src.name)
  return [...lines, ...[...cited].slice(0, 20)]
}

const notes = (head: string, lines: readonly string[], filters: string, asOf: string, source: string): string =>
  [head, ...lines, '', filters, asOf, source].join('\n')

async function mapSlide(s: State, views: Views, fit: MapFit, filters: string, asOf: string, source: string): Promise<DeckSlide> {
  const data = await mapData(s, views, fit)
  const svg = composePicture({
    size: MAP_SLIDE_SIZE,
    theme: 'light',
    text: { title: '', subtitle: '', caption: '', source: `${BASEMAP_ATTRIBUTION}`, marking: '' },
    chart: { kind: 'map', data },
    levelColours: LEVEL_COLOURS,
    measure: measureWithCanvas,
  })
  const canvas = await svgToCanvas(svg, MAP_SLIDE_SIZE, 1)
  const title = mapTitle(views.map?.shadeBy ?? 'countries', s.indexSettings.windowDays, views.asOfMs)
  return {
    title: 'Where',
    caption: `${title} · ${filters}`,
    body: { kind: 'picture', dataUrl: canvas.toDataURL('image/png'), widthPx: MAP_SLIDE_SIZE.widthPx, heightPx: MAP_SLIDE_SIZE.heightPx },
    notes: notes(title, [], filters, asOf, source),
  }
}

/**
 * The briefing pack of the current view: a title slide, then for each chosen panel its slides
 * (the timeline as native stacked columns by level; the map as a picture and the top countries
 * as native bars; the gauges' scores as native bars; the top events as a native table), a
 * "What changed" slide and the sources. Each slide has its own caption and notes.
 */
export async function buildBriefing(options: BriefingOptions): Promise<Blob> {
  const s = useWatchfloor.getState()
  const custom = s.meta?.customRegions ?? []
  const head = captionFor('dashboard', options.title, options.caption, options.marking)
  const { filters, asOf } = head
  const source = captionFor('timeline', '', '', '').source
  const [views, top] = await Promise.all([exportViewsOf(s), topEvents(12)])
  const windowDays = s.indexSettings.windowDays
  const slides: DeckSlide[] = []
  for (const panel of options.panels) {
    if (panel === 'timeline') {
      const data = timelineData(s, views)
      const { chart, unit } = timelineChart(data)
      const total = chart.series.reduce((sum, series) => sum + series.values.reduce((a, b) => a + b, 0), 0)
      slides.push({
        title: 'Events over time',
        caption: `${timelineCaption(unit, data)} · ${filters}`,
        body: chart,
        notes: notes(timelineCaption(unit, data), [`${Math.round(total).toLocaleString('en-GB')} events in the span.`], filters, asOf, source),
      })
    } else if (panel === 'map') {
      slides.push(await mapSlide(s, views, options.mapFit, filters, asOf, source))
      const chart = topCountriesChart(views, placeFilter(s))
      slides.push({
        title: 'Countries with the most events',
        caption: `Matching events by country, top ${chart.categories.length} · ${filters}`,
        body: chart,
        notes: notes('Matching events by country.', chart.categories.map((c, i) => `${c}: ${chart.series[0]!.values[i]}`).reverse(), filters, asOf, source),
      })
    } else if (panel === 'gauges') {
      const cards = gaugesData(s, views).cards
      const overall = views.gauges?.overall
      const previous = new Map((views.gauges?.regions ?? []).map((g) => [regionName(g.regionId, custom), g.index.previousScore]))
      const rows = cards.map((c, i) => ({ name: c.name, level: c.level, score: c.score, previousScore: i === 0 && overall ? overall.previousScore : (previous.get(c.name) ?? 0) }))
      slides.push({
        title: 'Threat levels',
        caption: `Threat level and score by region, ${windowDays} days to the as-of date · ${filters}`,
        body: gaugesChart(rows, windowDays),
        notes: notes('Scores by region:', cards.map((c) => `${c.name}: ${c.level ?? 'no recent activity'}, score ${c.score.toFixed(1)}, ${c.trend}`), filters, asOf, source),
      })
    } else {
      slides.push({
        title: 'Highest-level events',
        caption: `The ${top.length} highest-level matching events, newest first within a level · ${filters}`,
        body: { kind: 'table', header: ['Level', 'Date', 'Event', 'Where'], rows: top.map((e) => [e.level, e.date, e.title, e.where]), shares: [0.11, 0.13, 0.52, 0.24] },
        notes: notes('Top events:', top.map((e) => `• [${e.level}] ${e.date} — ${e.title}${e.where ? ` (${e.where})` : ''}`), filters, asOf, source),
      })
    }
  }
  const compared = (await exportViewsOf(s, comparedRegions(views, s.filter.regions, custom))).compare ?? []
  const movers = biggestMovers(compared)
  const overall = views.gauges?.overall
  const summary = overall
    ? `All matching events: ${overall.eventCount} in the last ${windowDays} days (${overall.previousEventCount} before); score ${overall.score.toFixed(1)} (was ${overall.previousScore.toFixed(1)}).`
    : ''
  slides.push({
    title: 'What changed',
    caption: `${changesCaption(windowDays, views.asOfMs)}, biggest movers first · ${summary}`,
    body: changesTable(movers),
    notes: notes('This period against the previous one.', [summary, ...movers.map((r) => `${r.label}: score ${r.previousScore.toFixed(1)} → ${r.score.toFixed(1)}, events ${r.previousEvents} → ${r.events}`)], filters, asOf, source),
  })
  const deck: Deck = { title: head.title, takeaway: head.caption, asOf, filters, marking: head.marking, slides, sources: sourcesOf(s, top) }
  const { buildDeckPptx } = await import('../../../lib/export/pptx.ts')
  return buildDeckPptx(deck)
}
