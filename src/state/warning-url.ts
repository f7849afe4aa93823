import { ACLED_RATIO_RANGE, DEFAULT_WARNING_SETTINGS, FDR_RANGE, type WarningSettings } from '../domain/warning/settings.ts'
import { DEFAULT_TIMELINE_BANDS, type WarningSettingsPatch } from './warning-slice.ts'

/** The early-warning part of a link: the Surges tab's settings and the timeline's bands. */
export interface WarningUrlState {
  readonly settings: WarningSettingsPatch
  /** Band keys (`all`, `region:europe`…); null when the link names none (the default stands). */
  readonly bands: readonly string[] | null
}

const KEYS = ['surgeMethod', 'surgeCount', 'surgeFdr', 'surgeRatio', 'bands'] as const

function inRange(text: string | null, range: { readonly min: number; readonly max: number }): number | undefined {
  if (text === null || text.trim() === '') return undefined
  const value = Number(text)
  return Number.isFinite(value) && value >= range.min && value <= range.max ? value : undefined
}

/** Reads `surgeMethod`, `surgeCount`, `surgeFdr`, `surgeRatio` and `bands`; malformed or out-of-range values are ignored. */
export function parseWarningUrl(search: string): WarningUrlState {
  const params = new URLSearchParams(search)
  const settings: { -readonly [K in keyof WarningSettingsPatch]: WarningSettingsPatch[K] } = {}
  const method = params.get('surgeMethod')
  if (method === 'stat' || method === 'acled') settings.method = method
  const count = params.get('surgeCount')
  if (count === 'count' || count === 'weighted') settings.measure = count
  const fdr = inRange(params.get('surgeFdr'), FDR_RANGE)
  if (fdr !== undefined) settings.falseDiscoveryRate = fdr
  const ratio = inRange(params.get('surgeRatio'), ACLED_RATIO_RANGE)
  if (ratio !== undefined) settings.acledRatio = ratio
  const bandsText = params.get('bands')
  const bands =
    bandsText === null
      ? null
      : bandsText === 'none'
        ? []
        : [...new Set(bandsText.split(',').map((b) => b.trim()).filter((b) => b === 'all' || /^(country|region|actor):./.test(b)))]
  return { settings, bands }
}

/**
 * Writes the settings and bands that differ from the defaults into `search`, keeping every
 * other parameter as it was (a link stays short when nothing was changed).
 */
export function serialiseWarningUrl(search: string, settings: WarningSettings, bands: readonly string[]): string {
  const managed = new Set<string>(KEYS)
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p !== '' && !managed.has(decodeURIComponent(p.split('=')[0]!)))
  const d = DEFAULT_WARNING_SETTINGS
  if (settings.method !== d.method) kept.push(`surgeMethod=${settings.method}`)
  if (settings.measure !== d.measure) kept.push(`surgeCount=${settings.measure}`)
  if (settings.falseDiscoveryRate !== d.falseDiscoveryRate) kept.push(`surgeFdr=${settings.falseDiscoveryRate}`)
  if (settings.acledRatio !== d.acledRatio) kept.push(`surgeRatio=${settings.acledRatio}`)
  const sameBands = bands.length === DEFAULT_TIMELINE_BANDS.length && bands.every((b, i) => b === DEFAULT_TIMELINE_BANDS[i])
  if (!sameBands) kept.push(`bands=${bands.length === 0 ? 'none' : bands.map(encodeURIComponent).join(',')}`)
  return kept.length ? `?${kept.join('&')}` : ''
}
