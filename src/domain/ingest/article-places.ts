/**
 * Where an article is about: countries named outright, cities (capitals and large cities, from
 * the GeoNames gazetteer in world-cities.ts), demonyms used as adjectives ("Palestinian
 * militants", "Israeli strikes"), groups tied to one territory (Hezbollah → Lebanon), and a news
 * dateline ("BEIRUT, March 3 (Reuters) –"). Regions then follow from the countries.
 */
import type { CountryCode, RegionId } from '../model.ts'
import { COUNTRIES, countryByCode, lookupCountry, regionsOfCountry } from '../regions.ts'
import { WORLD_CITIES } from './world-cities.ts'

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const byLength = (a: string, b: string): number => b.length - a.length

const COUNTRY_NAMES = [
  ...new Set(COUNTRIES.flatMap((c) => [c.name, ...c.aliases]).filter((n) => n.length >= 4 && /^[A-Z]/.test(n))),
  'US', 'U.S.', 'UK', 'U.K.',
]
const COUNTRY_SHORT: Readonly<Record<string, CountryCode>> = { US: 'US' as CountryCode, 'U.S.': 'US' as CountryCode, UK: 'GB' as CountryCode, 'U.K.': 'GB' as CountryCode }

const CITY_COUNTRY = new Map<string, CountryCode>(WORLD_CITIES.map(([name, code]) => [name, code as CountryCode]))

const DEMONYM_COUNTRY = new Map<string, CountryCode>()
for (const c of COUNTRIES) if (c.demonym) DEMONYM_COUNTRY.set(c.demonym, c.code)

/** Groups whose name places a story in one territory. */
const GROUP_COUNTRY = new Map<string, CountryCode>(
  (
    [
      ['Hezbollah', 'LB'], ['Hamas', 'PS'], ['Houthis', 'YE'], ['Houthi', 'YE'], ['Taliban', 'AF'],
      ['Israel Defense Forces', 'IL'], ['IDF', 'IL'], ['Kremlin', 'RU'], ['Pentagon', 'US'], ['White House', 'US'],
    ] as const
  ).map(([name, code]) => [name, code as CountryCode]),
)

/** How a place is named: outright (a country or city) or by association (a demonym, a group). */
export type PlaceKind = 'country' | 'city' | 'demonym' | 'group'
type Kind = PlaceKind

const ALL_KINDS: ReadonlySet<PlaceKind> = new Set(['country', 'city', 'demonym', 'group'])
/** Names that place a story outright. */
export const NAMED_PLACES: ReadonlySet<PlaceKind> = new Set(['country', 'city'])
/** Names that place it by association. */
export const ASSOCIATED_PLACES: ReadonlySet<PlaceKind> = new Set(['demonym', 'group'])
const KIND_OF = new Map<string, Kind>()
for (const n of COUNTRY_NAMES) KIND_OF.set(n, 'country')
for (const n of CITY_COUNTRY.keys()) if (!KIND_OF.has(n)) KIND_OF.set(n, 'city')
for (const n of DEMONYM_COUNTRY.keys()) if (!KIND_OF.has(n)) KIND_OF.set(n, 'demonym')
for (const n of GROUP_COUNTRY.keys()) if (!KIND_OF.has(n)) KIND_OF.set(n, 'group')

// "Latin American", "South African" (a demonym of its own) and the like are not the bare demonym.
const PLACE_RE = new RegExp(`(?<![\\p{L}])(?<!(?:Latin|North|Central) )(${[...KIND_OF.keys()].sort(byLength).map(escape).join('|')})(?![\\p{L}])`, 'gu')

function countryOf(name: string): CountryCode | undefined {
  switch (KIND_OF.get(name)) {
    case 'country':
      return COUNTRY_SHORT[name] ?? lookupCountry(name)?.code
    case 'city':
      return CITY_COUNTRY.get(name)
    case 'demonym':
      return DEMONYM_COUNTRY.get(name)
    case 'group':
      return GROUP_COUNTRY.get(name)
    default:
      return undefined
  }
}

/**
 * Countries `text` names, in order of first mention, as alpha-2 codes: by country name, city,
 * demonym ("Palestinian") or a group tied to a territory ("Hezbollah").
 */
export function findPlaceCountries(text: string, kinds: ReadonlySet<PlaceKind> = ALL_KINDS): CountryCode[] {
  const out: CountryCode[] = []
  for (const m of text.matchAll(PLACE_RE)) {
    if (!kinds.has(KIND_OF.get(m[1]!)!)) continue
    const code = countryOf(m[1]!)
    if (code && !out.includes(code)) out.push(code)
  }
  return out
}

/**
 * The regions an article names that hold at least one of its countries: "Asia and Eastern
 * Europe" stay for a story about China and Russia, "Europe" goes for one about Egypt and Israel.
 * With no countries, the regions named are kept as they are.
 */
export function regionsConsistentWith(named: readonly RegionId[], countries: readonly CountryCode[]): RegionId[] {
  if (countries.length === 0) return [...named]
  const held = new Set(countries.flatMap((c) => regionsOfCountry(c)))
  return named.filter((r) => held.has(r))
}

export interface Dateline {
  /** The place as written ("BEIRUT") and its country, when known. */
  readonly place: string
  readonly country?: CountryCode
  /** The date text the dateline gives ("March 3, 2025"), if any. */
  readonly dateText?: string
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?'
/** "BEIRUT, March 3 (Reuters) – ", "KYIV — ", "GAZA CITY, Gaza Strip, Jan. 5, 2025 (AP) — ". */
const DATELINE_RE = new RegExp(
  `^\\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?:, ([A-Z][\\p{L}.]+(?: [A-Z][\\p{L}.]+){0,2}))?(?:,? (${MONTH} \\d{1,2}(?:, \\d{4})?))?\\s*(?:\\([^)]{1,40}\\))?\\s*[–—-]{1,2}\\s`,
  'u',
)

/** A news dateline at the start of a lead paragraph, or undefined. */
export function findDateline(lead: string): Dateline | undefined {
  const m = DATELINE_RE.exec(lead)
  if (!m) return undefined
  const place = m[1]!
  const titled = place.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_all, pre: string, ch: string) => pre + ch.toUpperCase())
  const country = countryOf(titled) ?? (m[2] ? countryOf(m[2]) ?? lookupCountry(m[2])?.code : undefined) ?? lookupCountry(titled)?.code
  if (!country && !m[3]) return undefined
  return { place, ...(country && countryByCode(country) ? { country } : {}), ...(m[3] ? { dateText: m[3] } : {}) }
}
