/**
 * Countries and regions: the ISO 3166-1 country reference (see country-table.ts for its sources),
 * UN M49 continents and sub-regions with STIX 2.1 region-ov slugs, analyst alias regions defined
 * as country lists, and dataset-defined custom regions. Every lookup goes through Maps built once
 * at module load.
 */
import { COUNTRY_TABLE } from './country-table.ts'
import type { CountryCode, RegionDef, RegionId } from './model.ts'

export interface CountryInfo {
  /** ISO 3166-1 alpha-2, upper case; Kosovo 'XK'. */
  readonly code: CountryCode
  /** ISO 3166-1 alpha-3; Kosovo 'XKX'. */
  readonly iso3: string
  /** ISO numeric, zero-padded to 3 digits as world-atlas ids are ('004'); '' for Kosovo. */
  readonly numeric: string
  /** Common English name ('Russia', 'Türkiye', 'DR Congo'). */
  readonly name: string
  /** Other names accepted on input (formal names, former names, abbreviations); no demonyms. */
  readonly aliases: readonly string[]
  /** The adjective news text uses ('Russian'); absent for most territories. */
  readonly demonym?: string
  /** UN M49 sub-region; 'antarctica' (the continent itself) for AQ. */
  readonly subRegion: RegionId
  /** A point on the country's largest landmass, degrees WGS84, for events without coordinates. */
  readonly latDeg: number
  readonly lonDeg: number
}

export type RegionKind = 'continent' | 'sub-region' | 'alias' | 'custom'

export interface RegionInfo {
  /** Slug; the STIX 2.1 region-ov value where one exists. */
  readonly id: RegionId
  readonly name: string
  readonly kind: RegionKind
  /** For sub-regions, their continent. Continents, alias and custom regions have none. */
  readonly parent?: RegionId
  /** Member countries, sorted by code; a continent's are the union of its sub-regions'. */
  readonly countries: readonly CountryCode[]
  /** Other spellings accepted on input, besides the id and name (which always match). */
  readonly aliases: readonly string[]
}

/**
 * The key every lookup compares: accents and case folded, '&' read as 'and', the article 'the'
 * and all punctuation and spacing dropped, 'St'/'St.' read as 'Saint'. So 'Middle-East',
 * 'middle east' and 'The Middle East' are one key, as are "Côte d'Ivoire" and 'cote divoire'.
 */
export function normaliseKey(text: string): string {
  const tokens = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
  let key = ''
  for (const token of tokens) {
    if (token === '' || token === 'the') continue
    key += token === 'st' ? 'saint' : token
  }
  return key
}

const asRegionId = (slug: string): RegionId => slug as RegionId
const asCountryCode = (alpha2: string): CountryCode => alpha2 as CountryCode

export const COUNTRIES: readonly CountryInfo[] = COUNTRY_TABLE.map((row) => ({
  ...row,
  code: asCountryCode(row.code),
  subRegion: asRegionId(row.subRegion),
}))

interface BuiltInRegion {
  readonly id: string
  readonly name: string
  readonly aliases: readonly string[]
}
interface SubRegionDef extends BuiltInRegion {
  readonly parent: string
}
interface AliasRegionDef extends BuiltInRegion {
  readonly countries: readonly string[]
}

/** UN M49 continents ("regions" in M49); aliases include the M49 numeric code. */
const CONTINENTS: readonly BuiltInRegion[] = [
  { id: 'africa', name: 'Africa', aliases: ['002'] },
  { id: 'americas', name: 'Americas', aliases: ['019'] },
  { id: 'asia', name: 'Asia', aliases: ['142'] },
  { id: 'europe', name: 'Europe', aliases: ['150'] },
  { id: 'oceania', name: 'Oceania', aliases: ['009'] },
  // Not an M49 region; its own continent and, for AQ, its own sub-region.
  { id: 'antarctica', name: 'Antarctica', aliases: [] },
]

/**
 * UN M49 sub-regions. Membership comes from each country's `subRegion` in the table.
 * 'North America' is read as M49 Northern America (Canada, the US, Bermuda, Greenland,
 * Saint Pierre and Miquelon): Mexico is Central America in M49.
 */
const SUB_REGIONS: readonly SubRegionDef[] = [
  { id: 'northern-africa', name: 'Northern Africa', parent: 'africa', aliases: ['North Africa', '015'] },
  { id: 'eastern-africa', name: 'Eastern Africa', parent: 'africa', aliases: ['East Africa', '014'] },
  { id: 'middle-africa', name: 'Middle Africa', parent: 'africa', aliases: ['Central Africa', '017'] },
  { id: 'southern-africa', name: 'Southern Africa', parent: 'africa', aliases: ['018'] },
  { id: 'western-africa', name: 'Western Africa', parent: 'africa', aliases: ['West Africa', '011'] },
  { id: 'caribbean', name: 'Caribbean', parent: 'americas', aliases: ['029'] },
  { id: 'central-america', name: 'Central America', parent: 'americas', aliases: ['013'] },
  { id: 'south-america', name: 'South America', parent: 'americas', aliases: ['005'] },
  { id: 'northern-america', name: 'Northern America', parent: 'americas', aliases: ['North America', '021'] },
  { id: 'central-asia', name: 'Central Asia', parent: 'asia', aliases: ['143'] },
  { id: 'eastern-asia', name: 'Eastern Asia', parent: 'asia', aliases: ['030'] },
  {
    id: 'south-eastern-asia',
    name: 'South-eastern Asia',
    parent: 'asia',
    aliases: ['South-East Asia', 'Southeast Asia', 'SE Asia', '035'],
  },
  { id: 'southern-asia', name: 'Southern Asia', parent: 'asia', aliases: ['South Asia', '034'] },
  { id: 'western-asia', name: 'Western Asia', parent: 'asia', aliases: ['West Asia', '145'] },
  { id: 'eastern-europe', name: 'Eastern Europe', parent: 'europe', aliases: ['151'] },
  { id: 'northern-europe', name: 'Northern Europe', parent: 'europe', aliases: ['154'] },
  { id: 'southern-europe', name: 'Southern Europe', parent: 'europe', aliases: ['039'] },
  { id: 'western-europe', name: 'Western Europe', parent: 'europe', aliases: ['155'] },
  {
    id: 'australia-new-zealand',
    name: 'Australia and New Zealand',
    parent: 'oceania',
    aliases: ['053'],
  },
  { id: 'melanesia', name: 'Melanesia', parent: 'oceania', aliases: ['054'] },
  { id: 'micronesia', name: 'Micronesia', parent: 'oceania', aliases: ['057'] },
  { id: 'polynesia', name: 'Polynesia', parent: 'oceania', aliases: ['061'] },
]

const subRegionCodes = (...ids: string[]): string[] =>
  COUNTRY_TABLE.filter((row) => ids.includes(row.subRegion)).map((row) => row.code)

/**
 * Analyst regions that are not M49 units, each a fixed country list. They have no parent:
 * most cross M49 lines. 'MENA' is deliberately not an alias of middle-east (it adds North Africa).
 */
const ALIAS_REGIONS: readonly AliasRegionDef[] = [
  // M49's intermediate region 202: every African sub-region except Northern Africa.
  {
    id: 'sub-saharan-africa',
    name: 'Sub-Saharan Africa',
    aliases: ['Subsaharan Africa', '202'],
    countries: subRegionCodes('eastern-africa', 'middle-africa', 'southern-africa', 'western-africa'),
  },
  // M49's intermediate region 419, a STIX 2.1 region-ov value.
  {
    id: 'latin-america-caribbean',
    name: 'Latin America and the Caribbean',
    aliases: ['Latin America', 'LATAM', 'LAC', '419'],
    countries: subRegionCodes('caribbean', 'central-america', 'south-america'),
  },
  // The common 17: the Levant, Mesopotamia, the Gulf, Iran, Türkiye, Cyprus and Egypt.
  {
    id: 'middle-east',
    name: 'Middle East',
    aliases: ['Near East', 'Mideast'],
    countries: ['AE', 'BH', 'CY', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA',
      'SY', 'TR', 'YE'],
  },
  // M49 Eastern Asia as analysts use "East Asia": China, Taiwan, Hong Kong, Macao, Japan, the Koreas, Mongolia.
  {
    id: 'east-asia',
    name: 'East Asia',
    aliases: [],
    countries: ['CN', 'HK', 'JP', 'KP', 'KR', 'MN', 'MO', 'TW'],
  },
  // Eastern and South-eastern Asia; Southern Asia without Afghanistan and Iran (landlocked or
  // facing the Gulf rather than the Indian Ocean); all of Oceania (Australia, New Zealand, the
  // Pacific islands and the Australian Indian Ocean territories). Excludes the United States and
  // Russia, Pacific powers but not of the region, and the African Indian Ocean littoral.
  {
    id: 'indo-pacific',
    name: 'Indo-Pacific',
    aliases: ['Indo Pacific'],
    countries: [
      ...subRegionCodes('eastern-asia', 'south-eastern-asia'),
      ...['BD', 'BT', 'IN', 'LK', 'MV', 'NP', 'PK'],
      ...subRegionCodes('australia-new-zealand', 'melanesia', 'micronesia', 'polynesia'),
    ],
  },
  // The ten countries of the UN Integrated Strategy for the Sahel (UNISS): the G5 Sahel
  // (Burkina Faso, Chad, Mali, Mauritania, Niger) plus Cameroon, The Gambia, Guinea, Nigeria,
  // Senegal. Whole countries only; Sudan and Eritrea, sometimes counted, are not.
  {
    id: 'sahel',
    name: 'Sahel',
    aliases: ['Sahel region'],
    countries: ['BF', 'CM', 'GM', 'GN', 'ML', 'MR', 'NE', 'NG', 'SN', 'TD'],
  },
  // The Balkan peninsula in its usual broad political sense: the former Yugoslavia (including
  // Slovenia and Kosovo), Albania, Bulgaria, Greece and Romania. Excludes Türkiye (East Thrace only).
  {
    id: 'balkans',
    name: 'Balkans',
    aliases: ['Balkan Peninsula', 'Balkan'],
    countries: ['AL', 'BA', 'BG', 'GR', 'HR', 'ME', 'MK', 'RO', 'RS', 'SI', 'XK'],
  },
  // The EU's "Western Balkans": the six non-EU states of the former Yugoslavia and Albania.
  {
    id: 'western-balkans',
    name: 'Western Balkans',
    aliases: [],
    countries: ['AL', 'BA', 'ME', 'MK', 'RS', 'XK'],
  },
  // The South Caucasus states. Russia is left out: only its North Caucasus republics are
  // Caucasian, and listing Russia would make every Russian event a Caucasus one.
  {
    id: 'caucasus',
    name: 'Caucasus',
    aliases: ['South Caucasus', 'Southern Caucasus', 'Transcaucasia'],
    countries: ['AM', 'AZ', 'GE'],
  },
  // Central Europe as commonly listed: Germany, Austria, Switzerland, Liechtenstein and the
  // Visegrád four (Czechia, Hungary, Poland, Slovakia) plus Slovenia.
  {
    id: 'central-europe',
    name: 'Central Europe',
    aliases: [],
    countries: ['AT', 'CH', 'CZ', 'DE', 'HU', 'LI', 'PL', 'SI', 'SK'],
  },
]

const sortedCodes = (codes: readonly string[]): readonly CountryCode[] =>
  [...new Set(codes)].sort().map(asCountryCode)

const subRegionMembers = new Map<string, string[]>()
for (const row of COUNTRY_TABLE) {
  const members = subRegionMembers.get(row.subRegion) ?? []
  members.push(row.code)
  subRegionMembers.set(row.subRegion, members)
}

export const REGIONS: readonly RegionInfo[] = [
  ...CONTINENTS.map((c): RegionInfo => {
    const subs = SUB_REGIONS.filter((s) => s.parent === c.id).map((s) => s.id)
    const members = [c.id, ...subs].flatMap((s) => subRegionMembers.get(s) ?? [])
    return { id: asRegionId(c.id), name: c.name, kind: 'continent', countries: sortedCodes(members), aliases: c.aliases }
  }),
  ...SUB_REGIONS.map(
    (s): RegionInfo => ({
      id: asRegionId(s.id),
      name: s.name,
      kind: 'sub-region',
      parent: asRegionId(s.parent),
      countries: sortedCodes(subRegionMembers.get(s.id) ?? []),
      aliases: s.aliases,
    }),
  ),
  ...ALIAS_REGIONS.map(
    (a): RegionInfo => ({
      id: asRegionId(a.id),
      name: a.name,
      kind: 'alias',
      countries: sortedCodes(a.countries),
      aliases: a.aliases,
    }),
  ),
]

const countryByAlpha2 = new Map<string, CountryInfo>()
/** Lower-case alpha-2 and alpha-3; looked up raw, since normaliseKey reads 'st' as 'saint'. */
const countryByIsoCode = new Map<string, CountryInfo>()
const countryByNumeric = new Map<string, CountryInfo>()
const countryByName = new Map<string, CountryInfo>()
for (const country of COUNTRIES) {
  countryByAlpha2.set(country.code, country)
  countryByIsoCode.set(country.code.toLowerCase(), country)
  countryByIsoCode.set(country.iso3.toLowerCase(), country)
  if (country.numeric !== '') countryByNumeric.set(country.numeric, country)
}
// Names before aliases, and never overwrite, so a country's own name always wins.
for (const country of COUNTRIES) countryByName.set(normaliseKey(country.name), country)
for (const country of COUNTRIES) {
  for (const alias of country.aliases) {
    const key = normaliseKey(alias)
    if (key !== '' && !countryByName.has(key)) countryByName.set(key, country)
  }
}

function regionKeys(region: RegionInfo): string[] {
  return [region.id, region.name, ...region.aliases].map(normaliseKey).filter((k) => k !== '')
}

function indexRegions(regions: readonly RegionInfo[]): Map<string, RegionInfo> {
  const index = new Map<string, RegionInfo>()
  // Ids first so that an id is never shadowed by another region's name or alias.
  for (const region of regions) index.set(normaliseKey(region.id), region)
  for (const region of regions) {
    for (const key of regionKeys(region)) if (!index.has(key)) index.set(key, region)
  }
  return index
}

const regionByKey = indexRegions(REGIONS)
const regionById = new Map<string, RegionInfo>(REGIONS.map((r) => [r.id, r]))

const regionsByCountry = new Map<string, readonly RegionId[]>()
for (const country of COUNTRIES) {
  const subRegion = regionById.get(country.subRegion)
  const ids: RegionId[] = [country.subRegion]
  if (subRegion?.parent !== undefined) ids.push(subRegion.parent)
  const aliasIds = REGIONS.filter((r) => r.kind === 'alias' && r.countries.includes(country.code))
    .map((r) => r.id)
    .sort()
  regionsByCountry.set(country.code, Object.freeze([...ids, ...aliasIds]))
}

/** Custom regions indexed once per `custom` array (datasets keep theirs for a session). */
const customIndexCache = new WeakMap<readonly RegionDef[], Map<string, RegionInfo>>()
const customByIdCache = new WeakMap<readonly RegionDef[], Map<string, RegionInfo>>()

function customIndex(defs: readonly RegionDef[]): Map<string, RegionInfo> {
  let index = customIndexCache.get(defs)
  if (index === undefined) {
    index = indexRegions(customRegions(defs))
    customIndexCache.set(defs, index)
  }
  return index
}

function customById(defs: readonly RegionDef[]): Map<string, RegionInfo> {
  let byId = customByIdCache.get(defs)
  if (byId === undefined) {
    byId = new Map(customRegions(defs).map((r) => [r.id, r]))
    customByIdCache.set(defs, byId)
  }
  return byId
}

/**
 * Finds a country by ISO alpha-2, alpha-3, numeric ('4', '004' or 4) or English name or alias,
 * ignoring case, accents, spacing and punctuation. Demonyms ('Russian') do not match.
 * Returns undefined when nothing matches; never guesses from a partial name.
 */
export function lookupCountry(text: string | number): CountryInfo | undefined {
  if (typeof text === 'number') {
    if (!Number.isInteger(text) || text <= 0 || text > 999) return undefined
    return countryByNumeric.get(String(text).padStart(3, '0'))
  }
  const trimmed = text.trim()
  if (/^\d{1,3}$/.test(trimmed)) return countryByNumeric.get(trimmed.padStart(3, '0'))
  // Codes first: an ISO code is never read as a name ('ST' is São Tomé, not 'Saint').
  if (/^[a-z]{2,3}$/i.test(trimmed)) {
    const byCode = countryByIsoCode.get(trimmed.toLowerCase())
    if (byCode !== undefined) return byCode
  }
  const key = normaliseKey(trimmed)
  return key === '' ? undefined : countryByName.get(key)
}

/** The country with this exact upper-case alpha-2 code, or undefined. */
export function countryByCode(code: CountryCode): CountryInfo | undefined {
  return countryByAlpha2.get(code)
}

/**
 * Finds a region by slug, display name or alias ('eastern-europe', 'Eastern Europe', 'middle
 * east', 'Sahel', an M49 code like '151'), ignoring case, accents, spacing and punctuation.
 * Regions in `custom` win over built-ins on any matching key. Undefined when unknown.
 */
export function lookupRegion(text: string, custom?: readonly RegionDef[]): RegionInfo | undefined {
  const key = normaliseKey(text)
  if (key === '') return undefined
  if (custom !== undefined && custom.length > 0) {
    const found = customIndex(custom).get(key)
    if (found !== undefined) return found
  }
  return regionByKey.get(key)
}

/**
 * Every built-in region a country belongs to: its sub-region, its continent, then each alias
 * region listing it, by id. Empty for an unknown code. Custom regions are not included.
 */
export function regionsOfCountry(code: CountryCode): readonly RegionId[] {
  return regionsByCountry.get(code) ?? []
}

/**
 * A region id plus its ancestors: ['eastern-europe', 'europe']. Alias and custom regions have no
 * ancestors. Takes a resolved id (use lookupRegion for free text); an unknown id is returned alone.
 */
export function regionWithAncestors(
  regionId: RegionId,
  custom?: readonly RegionDef[],
): readonly RegionId[] {
  if (custom !== undefined && customById(custom).has(regionId)) return [regionId]
  const chain: RegionId[] = [regionId]
  let parent = regionById.get(regionId)?.parent
  while (parent !== undefined && !chain.includes(parent)) {
    chain.push(parent)
    parent = regionById.get(parent)?.parent
  }
  return chain
}

/** RegionInfo (kind 'custom', no parent, no aliases) for dataset-defined regions, in input order. */
export function customRegions(defs: readonly RegionDef[]): readonly RegionInfo[] {
  return defs.map((def) => ({
    id: def.id,
    name: def.name,
    kind: 'custom',
    countries: [...def.countries],
    aliases: [],
  }))
}
