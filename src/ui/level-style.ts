import { LEVEL_LABELS, type ThreatLevel } from '../domain/model.ts'

/**
 * Level colours from the Okabe–Ito palette, which stays distinguishable under the common forms
 * of colour blindness. Colour is never the only cue: labels and glyphs go with it.
 */
export const LEVEL_COLOURS: Readonly<Record<ThreatLevel, string>> = {
  1: '#56B4E9',
  2: '#F0E442',
  3: '#E69F00',
  4: '#D55E00',
  5: '#CC79A7',
}

/** A glyph per level so that print and colour-blind readers can tell levels apart. */
export const LEVEL_GLYPHS: Readonly<Record<ThreatLevel, string>> = {
  1: '▁',
  2: '▂',
  3: '▄',
  4: '▆',
  5: '█',
}

export const NO_ACTIVITY_COLOUR = '#7a8494'

export function levelLabel(level: ThreatLevel | null): string {
  return level === null ? 'no recent activity' : LEVEL_LABELS[level]
}
