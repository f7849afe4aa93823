/**
 * A picture's colours, fixed per theme (not read from the screen): a light picture taken while
 * the dashboard is dark is light throughout, its map included.
 */
export interface PictureColours {
  readonly background: string
  readonly text: string
  readonly muted: string
  readonly grid: string
  readonly land: string
  readonly sea: string
  readonly border: string
  readonly card: string
  readonly quiet: string
}

export type PictureTheme = 'light' | 'dark'

export const PICTURE_COLOURS: Readonly<Record<PictureTheme, PictureColours>> = {
  light: {
    background: '#ffffff',
    text: '#17202c',
    muted: '#4a5567',
    grid: '#d4dbe5',
    land: '#e3e8ef',
    sea: '#f7f9fc',
    border: '#ffffff',
    card: '#f0f3f7',
    quiet: '#9aa3b2',
  },
  dark: {
    background: '#151c27',
    text: '#e6ebf2',
    muted: '#a3afc2',
    grid: '#2f3b4f',
    land: '#2a3547',
    sea: '#10161f',
    border: '#151c27',
    card: '#1c2533',
    quiet: '#7a8494',
  },
}

/** TLP 2.0 label colours on black, as the standard prints them; custom markings are white. */
const TLP_COLOURS: Readonly<Record<string, string>> = {
  'TLP:CLEAR': '#FFFFFF',
  'TLP:GREEN': '#33FF00',
  'TLP:AMBER': '#FFC000',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:RED': '#FF2B2B',
}

export function markingTextColour(marking: string): string {
  return TLP_COLOURS[marking.toUpperCase()] ?? '#FFFFFF'
}
