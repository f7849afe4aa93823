import type { PanelName } from '../../../domain/panels.ts'
import { BASEMAP_ATTRIBUTION } from '../../../domain/export/captions.ts'
import type { CaptionBlock } from '../../../domain/export/captions.ts'
import { capturePng, type ExportTheme } from '../../../lib/export/capture.ts'
import type { Briefing, BriefingPicture } from '../../../lib/export/pptx.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { captionFor, TARGET_TITLES, targetNode, topEvents, type TopEvent } from './export-context.ts'


function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the picture'))
    reader.readAsDataURL(blob)
  })
}

function imageSize(dataUrl: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight })
    img.onerror = () => reject(new Error('Could not read the picture'))
    img.src = dataUrl
  })
}

function notesFor(block: CaptionBlock, top: readonly TopEvent[]): string {
  const lines = [block.filters, block.asOf, '', 'Top events:', ...top.map((e) => `• [${e.level}] ${e.date} — ${e.title}${e.where ? ` (${e.where})` : ''}`)]
  return lines.join('\n')
}

/** The sources slide: the data, the basemap's attribution and the sources the top events cite. */
function sourcesOf(top: readonly TopEvent[]): string[] {
  const { meta } = useWatchfloor.getState()
  const lines = [`Data: ${meta?.name ?? 'No data'}${meta?.source ? ` — ${meta.source}` : ''}`, BASEMAP_ATTRIBUTION, 'Made with Watchfloor']
  const cited = new Set<string>()
  for (const e of top) {
    for (const s of e.event.sources) cited.add(s.url ? `${s.name}: ${s.url}` : s.name)
  }
  return [...lines, ...[...cited].slice(0, 20)]
}

export interface BriefingOptions {
  readonly title: string
  readonly caption: string
  readonly marking: string
  readonly panels: readonly PanelName[]
  readonly theme: ExportTheme
}

/** Captures the chosen panels (2x, captions burned in) and builds the .pptx deck. */
export async function buildBriefing(options: BriefingOptions): Promise<Blob> {
  const top = topEvents(10)
  const pictures: BriefingPicture[] = []
  for (const panel of options.panels) {
    const node = targetNode(panel)
    if (!node) continue
    const block = captionFor(panel, TARGET_TITLES[panel], options.caption, options.marking)
    const dataUrl = await blobToDataUrl(await capturePng(node, block, 2, options.theme))
    const size = await imageSize(dataUrl)
    pictures.push({ title: block.title, caption: block.caption, notes: notesFor(block, top.slice(0, 5)), dataUrl, widthPx: size.width, heightPx: size.height })
  }
  const head = captionFor('dashboard', options.title, options.caption, options.marking)
  const briefing: Briefing = {
    title: head.title,
    asOf: head.asOf,
    filters: head.filters,
    marking: head.marking,
    pictures,
    topEvents: top,
    sources: sourcesOf(top),
  }
  const { buildBriefingPptx } = await import('../../../lib/export/pptx.ts')
  return buildBriefingPptx(briefing)
}
