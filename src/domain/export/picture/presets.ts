/** The sizes a composed picture is drawn for, in CSS px (a PNG is this × the scale). */
export const PICTURE_PRESETS = [
  { id: 'slide-16x9', label: 'Slide 16:9', widthPx: 1920, heightPx: 1080 },
  { id: 'slide-4x3', label: 'Slide 4:3', widthPx: 1440, heightPx: 1080 },
  // A4 landscape at 150 dpi (297 × 210 mm).
  { id: 'a4', label: 'A4 landscape', widthPx: 1754, heightPx: 1240 },
  { id: 'square', label: 'Square (chat)', widthPx: 1080, heightPx: 1080 },
] as const

export type PresetId = (typeof PICTURE_PRESETS)[number]['id']

export interface PictureSize {
  readonly widthPx: number
  readonly heightPx: number
}

export const DEFAULT_PRESET: PresetId = 'slide-16x9'

export function presetSize(id: PresetId): PictureSize {
  const preset = PICTURE_PRESETS.find((p) => p.id === id) ?? PICTURE_PRESETS[0]
  return { widthPx: preset.widthPx, heightPx: preset.heightPx }
}

/** The scales a PNG is offered at. */
export const PICTURE_SCALES = [1, 2, 3] as const

/**
 * Type sizes for a picture, in CSS px. At a 1920 × 1080 slide labels are 20 px and the title
 * 44 px (projected slides need at least 18 and 40); other sizes scale by the square root of
 * their area against that slide's, so a square for chat keeps readable type.
 */
export interface TypeScale {
  readonly title: number
  readonly subtitle: number
  readonly label: number
  readonly small: number
  /** Outer margin. */
  readonly pad: number
}

export function typeScale(size: PictureSize): TypeScale {
  const k = Math.sqrt((size.widthPx * size.heightPx) / (1920 * 1080))
  const px = (n: number, min: number): number => Math.max(min, Math.round(n * k))
  return { title: px(44, 24), subtitle: px(24, 14), label: px(20, 12), small: px(18, 11), pad: px(48, 16) }
}
