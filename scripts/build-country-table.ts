/**
 * Generates src/domain/country-table.ts, the country reference that src/domain/regions.ts serves.
 *
 *   npx tsx scripts/build-country-table.ts
 *
 * Inputs:
 * - GeoNames countryInfo (CC BY 4.0, https://www.geonames.org/): ISO alpha-2, alpha-3, numeric
 *   and a name per country, from scripts/reference/geonames_countryInfo_iso_fips.tsv.
 * - Natural Earth 1:50m admin-0 (public domain) as redistributed by world-atlas 2.0.2 (ISC):
 *   a representative point per country, and Natural Earth's own short names as aliases so that
 *   map shapes can be matched by name when they carry no id.
 * - Hand-curated below: UN M49 sub-region membership, common English names, aliases, demonyms.
 *
 * The script checks that every country gets a sub-region and a point and fails otherwise.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { feature } from 'topojson-client'
import type { Topology, GeometryCollection } from 'topojson-specification'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TSV_PATH = resolve(ROOT, 'scripts/reference/geonames_countryInfo_iso_fips.tsv')
const ATLAS_PATH = resolve(ROOT, 'node_modules/world-atlas/countries-50m.json')
const OUT_PATH = resolve(ROOT, 'src/domain/country-table.ts')

/** Codes GeoNames still lists but ISO 3166-1 has withdrawn (Serbia and Montenegro, Netherlands Antilles). */
const WITHDRAWN = new Set(['CS', 'AN'])

/**
 * UN M49 sub-region membership (https://unstats.un.org/unsd/methodology/m49/). Two additions M49
 * does not make: Taiwan in Eastern Asia, Kosovo in Southern Europe. Antarctica has no sub-region.
 */
const M49: Readonly<Record<string, readonly string[]>> = {
  'northern-africa': ['DZ', 'EG', 'LY', 'MA', 'SD', 'TN', 'EH'],
  'eastern-africa': ['IO', 'BI', 'KM', 'DJ', 'ER', 'ET', 'TF', 'KE', 'MG', 'MW', 'MU', 'YT', 'MZ',
    'RE', 'RW', 'SC', 'SO', 'SS', 'UG', 'TZ', 'ZM', 'ZW'],
  'middle-africa': ['AO', 'CM', 'CF', 'TD', 'CG', 'CD', 'GQ', 'GA', 'ST'],
  'southern-africa': ['BW', 'SZ', 'LS', 'NA', 'ZA'],
  'western-africa': ['BJ', 'BF', 'CV', 'CI', 'GM', 'GH', 'GN', 'GW', 'LR', 'ML', 'MR', 'NE', 'NG',
    'SH', 'SN', 'SL', 'TG'],
  caribbean: ['AI', 'AG', 'AW', 'BS', 'BB', 'BQ', 'VG', 'KY', 'CU', 'CW', 'DM', 'DO', 'GD', 'GP',
    'HT', 'JM', 'MQ', 'MS', 'PR', 'BL', 'KN', 'LC', 'MF', 'VC', 'SX', 'TT', 'TC', 'VI'],
  'central-america': ['BZ', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA'],
  'south-america': ['AR', 'BO', 'BV', 'BR', 'CL', 'CO', 'EC', 'FK', 'GF', 'GY', 'PY', 'PE', 'GS',
    'SR', 'UY', 'VE'],
  'northern-america': ['BM', 'CA', 'GL', 'PM', 'US'],
  'central-asia': ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
  'eastern-asia': ['CN', 'HK', 'MO', 'KP', 'JP', 'MN', 'KR', 'TW'],
  'south-eastern-asia': ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN'],
  'southern-asia': ['AF', 'BD', 'BT', 'IN', 'IR', 'MV', 'NP', 'PK', 'LK'],
  'western-asia': ['AM', 'AZ', 'BH', 'CY', 'GE', 'IQ', 'IL', 'JO', 'KW', 'LB', 'OM', 'QA', 'SA',
    'PS', 'SY', 'TR', 'AE', 'YE'],
  'eastern-europe': ['BY', 'BG', 'CZ', 'HU', 'PL', 'MD', 'RO', 'RU', 'SK', 'UA'],
  'northern-europe': ['AX', 'DK', 'EE', 'FO', 'FI', 'GG', 'IS', 'IE', 'IM', 'JE', 'LV', 'LT',
    'NO', 'SJ', 'SE', 'GB'],
  'southern-europe': ['AL', 'AD', 'BA', 'HR', 'GI', 'GR', 'VA', 'IT', 'MT', 'ME', 'MK', 'PT',
    'SM', 'RS', 'SI', 'ES', 'XK'],
  'western-europe': ['AT', 'BE', 'FR', 'DE', 'LI', 'LU', 'MC', 'NL', 'CH'],
  'australia-new-zealand': ['AU', 'CX', 'CC', 'HM', 'NZ', 'NF'],
  melanesia: ['FJ', 'NC', 'PG', 'SB', 'VU'],
  micronesia: ['GU', 'KI', 'MH', 'FM', 'NR', 'MP', 'PW', 'UM'],
  polynesia: ['AS', 'CK', 'PF', 'NU', 'PN', 'WS', 'TK', 'TO', 'TV', 'WF'],
  antarctica: ['AQ'],
}

/** Common English names where GeoNames' differs (news and analyst usage; UN short names for Czechia, Türkiye, Eswatini...). */
const NAMES: Readonly<Record<string, string>> = {
  AX: 'Åland Islands',
  BL: 'Saint Barthélemy',
  BQ: 'Bonaire, Sint Eustatius and Saba',
  CC: 'Cocos (Keeling) Islands',
  CD: 'DR Congo',
  CG: 'Republic of the Congo',
  CI: "Côte d'Ivoire",
  CV: 'Cabo Verde',
  CW: 'Curaçao',
  MK: 'North Macedonia',
  MO: 'Macao',
  PN: 'Pitcairn Islands',
  PS: 'Palestine',
  RE: 'Réunion',
  SH: 'Saint Helena, Ascension and Tristan da Cunha',
  ST: 'São Tomé and Príncipe',
  SZ: 'Eswatini',
  TL: 'Timor-Leste',
  TR: 'Türkiye',
  UM: 'U.S. Minor Outlying Islands',
  VA: 'Vatican City',
}

/**
 * Other names a source may use: ISO/UN formal and "Name, Qualifier" forms, former names, common
 * abbreviations. Not demonyms. GeoNames' name is added automatically when it differs from ours.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  AE: ['UAE', 'Emirates'],
  AX: ['Aland'],
  BA: ['Bosnia', 'Bosnia-Herzegovina', 'BiH'],
  BN: ['Brunei Darussalam'],
  BO: ['Plurinational State of Bolivia', 'Bolivia, Plurinational State of'],
  BQ: ['Caribbean Netherlands', 'Bonaire'],
  BS: ['Commonwealth of The Bahamas'],
  CD: ['Democratic Republic of the Congo', 'DRC', 'DR of the Congo', 'Congo-Kinshasa',
    'Congo (Kinshasa)', 'Congo, The Democratic Republic of the', 'Zaire'],
  CF: ['CAR'],
  CG: ['Congo', 'Congo-Brazzaville', 'Congo (Brazzaville)', 'Congo Republic'],
  CI: ['Ivory Coast', "Cote d'Ivoire", "Republic of Côte d'Ivoire"],
  CN: ["People's Republic of China", 'PRC', 'Mainland China'],
  CV: ['Cape Verde'],
  CY: ['Republic of Cyprus', 'Northern Cyprus'],
  CZ: ['Czech Republic'],
  DE: ['Federal Republic of Germany'],
  EG: ['Arab Republic of Egypt'],
  FK: ['Falkland Islands (Malvinas)', 'Malvinas'],
  FM: ['Federated States of Micronesia', 'Micronesia, Federated States of'],
  FO: ['Faeroe Islands'],
  GB: ['UK', 'U.K.', 'Great Britain', 'Britain',
    'United Kingdom of Great Britain and Northern Ireland',
    // Constituent countries that news text names on their own; events there belong to GB.
    'England', 'Scotland', 'Wales', 'Northern Ireland'],
  GM: ['Republic of The Gambia'],
  HK: ['Hong Kong SAR', 'Hong Kong, China'],
  IE: ['Republic of Ireland', 'Eire'],
  IR: ['Islamic Republic of Iran', 'Iran, Islamic Republic of'],
  KG: ['Kyrgyz Republic'],
  KN: ['Saint Christopher and Nevis'],
  KP: ['DPRK', "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of",
    'Korea, North'],
  KR: ['Republic of Korea', 'Korea, Republic of', 'ROK', 'Korea, South'],
  LA: ["Lao People's Democratic Republic", 'Lao PDR'],
  LY: ['State of Libya'],
  MD: ['Republic of Moldova', 'Moldova, Republic of'],
  MF: ['Saint Martin (French part)'],
  MK: ['Macedonia', 'Republic of North Macedonia', 'FYROM',
    'Former Yugoslav Republic of Macedonia'],
  MM: ['Burma', 'Republic of the Union of Myanmar'],
  MO: ['Macau', 'Macao SAR', 'Macao, China'],
  NL: ['Holland', 'Kingdom of the Netherlands'],
  PS: ['State of Palestine', 'Palestinian Territories', 'Occupied Palestinian Territory',
    'Palestine, State of', 'Gaza', 'Gaza Strip', 'West Bank'],
  RU: ['Russian Federation'],
  SA: ['Kingdom of Saudi Arabia', 'KSA'],
  SJ: ['Svalbard'],
  SK: ['Slovak Republic'],
  SO: ['Federal Republic of Somalia', 'Somaliland'],
  SX: ['Sint Maarten (Dutch part)'],
  SY: ['Syrian Arab Republic'],
  SZ: ['Swaziland', 'Kingdom of Eswatini'],
  TL: ['East Timor'],
  TR: ['Turkey', 'Turkiye', 'Republic of Türkiye'],
  TW: ['Republic of China', 'ROC', 'Chinese Taipei', 'Taiwan, Province of China'],
  TZ: ['United Republic of Tanzania', 'Tanzania, United Republic of'],
  UM: ['United States Minor Outlying Islands'],
  US: ['USA', 'U.S.', 'U.S.A.', 'United States of America', 'America'],
  VA: ['Vatican', 'Holy See', 'Vatican City State'],
  VE: ['Bolivarian Republic of Venezuela', 'Venezuela, Bolivarian Republic of'],
  VG: ['Virgin Islands, British'],
  VI: ['United States Virgin Islands', 'Virgin Islands, U.S.'],
  VN: ['Viet Nam', 'Socialist Republic of Vietnam'],
  XK: ['Republic of Kosovo'],
}

/** Adjectives news text uses for a country ("Russian forces"); for the article importer. */
const DEMONYMS: Readonly<Record<string, string>> = {
  AD: 'Andorran', AE: 'Emirati', AF: 'Afghan', AG: 'Antiguan', AL: 'Albanian', AM: 'Armenian',
  AO: 'Angolan', AR: 'Argentine', AT: 'Austrian', AU: 'Australian', AZ: 'Azerbaijani',
  BA: 'Bosnian', BB: 'Barbadian', BD: 'Bangladeshi', BE: 'Belgian', BF: 'Burkinabe',
  BG: 'Bulgarian', BH: 'Bahraini', BI: 'Burundian', BJ: 'Beninese', BN: 'Bruneian',
  BO: 'Bolivian', BR: 'Brazilian', BS: 'Bahamian', BT: 'Bhutanese', BW: 'Botswanan',
  BY: 'Belarusian', BZ: 'Belizean', CA: 'Canadian', CD: 'Congolese', CF: 'Central African',
  CG: 'Congolese', CH: 'Swiss', CI: 'Ivorian', CL: 'Chilean', CM: 'Cameroonian', CN: 'Chinese',
  CO: 'Colombian', CR: 'Costa Rican', CU: 'Cuban', CV: 'Cabo Verdean', CY: 'Cypriot',
  CZ: 'Czech', DE: 'German', DJ: 'Djiboutian', DK: 'Danish', DM: 'Dominican', DO: 'Dominican',
  DZ: 'Algerian', EC: 'Ecuadorian', EE: 'Estonian', EG: 'Egyptian', EH: 'Sahrawi',
  ER: 'Eritrean', ES: 'Spanish', ET: 'Ethiopian', FI: 'Finnish', FJ: 'Fijian', FM: 'Micronesian',
  FR: 'French', GA: 'Gabonese', GB: 'British', GD: 'Grenadian', GE: 'Georgian', GH: 'Ghanaian',
  GL: 'Greenlandic', GM: 'Gambian', GN: 'Guinean', GQ: 'Equatorial Guinean', GR: 'Greek',
  GT: 'Guatemalan', GW: 'Bissau-Guinean', GY: 'Guyanese', HK: 'Hongkonger', HN: 'Honduran',
  HR: 'Croatian', HT: 'Haitian', HU: 'Hungarian', ID: 'Indonesian', IE: 'Irish', IL: 'Israeli',
  IN: 'Indian', IQ: 'Iraqi', IR: 'Iranian', IS: 'Icelandic', IT: 'Italian', JM: 'Jamaican',
  JO: 'Jordanian', JP: 'Japanese', KE: 'Kenyan', KG: 'Kyrgyz', KH: 'Cambodian', KI: 'I-Kiribati',
  KM: 'Comorian', KN: 'Kittitian', KP: 'North Korean', KR: 'South Korean', KW: 'Kuwaiti',
  KZ: 'Kazakh', LA: 'Lao', LB: 'Lebanese', LC: 'Saint Lucian', LI: 'Liechtensteiner',
  LK: 'Sri Lankan', LR: 'Liberian', LS: 'Basotho', LT: 'Lithuanian', LU: 'Luxembourgish',
  LV: 'Latvian', LY: 'Libyan', MA: 'Moroccan', MC: 'Monegasque', MD: 'Moldovan',
  ME: 'Montenegrin', MG: 'Malagasy', MH: 'Marshallese', MK: 'North Macedonian', ML: 'Malian',
  MM: 'Burmese', MN: 'Mongolian', MR: 'Mauritanian', MT: 'Maltese', MU: 'Mauritian',
  MV: 'Maldivian', MW: 'Malawian', MX: 'Mexican', MY: 'Malaysian', MZ: 'Mozambican',
  NA: 'Namibian', NE: 'Nigerien', NG: 'Nigerian', NI: 'Nicaraguan', NL: 'Dutch',
  NO: 'Norwegian', NP: 'Nepali', NR: 'Nauruan', NZ: 'New Zealander', OM: 'Omani',
  PA: 'Panamanian', PE: 'Peruvian', PG: 'Papua New Guinean', PH: 'Filipino', PK: 'Pakistani',
  PL: 'Polish', PR: 'Puerto Rican', PS: 'Palestinian', PT: 'Portuguese', PW: 'Palauan',
  PY: 'Paraguayan', QA: 'Qatari', RO: 'Romanian', RS: 'Serbian', RU: 'Russian', RW: 'Rwandan',
  SA: 'Saudi', SB: 'Solomon Islander', SC: 'Seychellois', SD: 'Sudanese', SE: 'Swedish',
  SG: 'Singaporean', SI: 'Slovenian', SK: 'Slovak', SL: 'Sierra Leonean', SM: 'Sammarinese',
  SN: 'Senegalese', SO: 'Somali', SR: 'Surinamese', SS: 'South Sudanese', ST: 'Santomean',
  SV: 'Salvadoran', SY: 'Syrian', SZ: 'Swazi', TD: 'Chadian', TG: 'Togolese', TH: 'Thai',
  TJ: 'Tajik', TL: 'Timorese', TM: 'Turkmen', TN: 'Tunisian', TO: 'Tongan', TR: 'Turkish',
  TT: 'Trinidadian', TV: 'Tuvaluan', TW: 'Taiwanese', TZ: 'Tanzanian', UA: 'Ukrainian',
  UG: 'Ugandan', US: 'American', UY: 'Uruguayan', UZ: 'Uzbek', VA: 'Vatican',
  VC: 'Vincentian', VE: 'Venezuelan', VN: 'Vietnamese', VU: 'Vanuatuan', WS: 'Samoan',
  XK: 'Kosovar', YE: 'Yemeni', ZA: 'South African', ZM: 'Zambian', ZW: 'Zimbabwean',
}

/**
 * Points for countries without a Natural Earth 1:50m shape, and for two whose largest polygon
 * gives no useful point (Antarctica, Kiribati): the main island or town, to 0.01°.
 */
const POINT_OVERRIDES: Readonly<Record<string, readonly [number, number]>> = {
  AQ: [-80.0, 0.0], // its shape wraps the pole; kept inside Web Mercator's ±85.05° so maps can draw it
  BQ: [12.18, -68.25], // Bonaire
  BV: [-54.42, 3.36],
  CC: [-12.17, 96.87],
  CX: [-10.49, 105.62],
  GF: [3.93, -53.13],
  GI: [36.14, -5.35],
  GP: [16.25, -61.58],
  KI: [1.42, 173.0], // Tarawa; Kiritimati is larger but far from the capital
  MQ: [14.64, -61.02],
  RE: [-21.12, 55.53],
  SJ: [78.5, 16.5], // Spitsbergen
  TK: [-9.2, -171.85],
  TV: [-8.52, 179.2], // Funafuti
  UM: [19.3, 166.63], // Wake Island
  YT: [-12.83, 45.14],
}

/** Natural Earth shapes with no ISO numeric id, and the country they belong to in ISO 3166. */
const SHAPES_WITHOUT_ID: Readonly<Record<string, string>> = {
  Kosovo: 'XK',
  'N. Cyprus': 'CY',
  Somaliland: 'SO',
}

interface Shape {
  readonly name: string
  readonly polygons: readonly (readonly Position[][])[]
}

function ringArea(ring: readonly Position[]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!
    const b = ring[i]!
    sum += a[0]! * b[1]! - b[0]! * a[1]!
  }
  return sum / 2
}

function ringCentroid(ring: readonly Position[]): { area: number; x: number; y: number } {
  let area = 0
  let x = 0
  let y = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!
    const b = ring[i]!
    const cross = a[0]! * b[1]! - b[0]! * a[1]!
    area += cross
    x += (a[0]! + b[0]!) * cross
    y += (a[1]! + b[1]!) * cross
  }
  area /= 2
  return { area, x: x / (6 * area), y: y / (6 * area) }
}

/** Planar area of a polygon in square degrees: outer ring less its holes. */
function polygonArea(rings: readonly Position[][]): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0)
}

/** Even-odd ray casting over all rings, so holes count as outside. */
function insidePolygon(rings: readonly Position[][], x: number, y: number): boolean {
  let inside = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number]
      const [xj, yj] = ring[j] as [number, number]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

/**
 * Midpoint of the widest interior span along the horizontal line through `y`, the scan-line
 * idea behind GEOS/JTS InteriorPointArea: always inside, unlike the centroid of a C-shaped country.
 */
function interiorPoint(rings: readonly Position[][], y: number): [number, number] {
  const xs: number[] = []
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number]
      const [xj, yj] = ring[j] as [number, number]
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi)
    }
  }
  xs.sort((a, b) => a - b)
  let best: [number, number] = [xs[0] ?? 0, y]
  let widest = -1
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!
    if (width > widest) {
      widest = width
      best = [(xs[i]! + xs[i + 1]!) / 2, y]
    }
  }
  return best
}

/**
 * Polygons that cross the antimeridian (Russia's mainland with Chukotka, Fiji's Vanua Levu) come
 * out of topojson stitched across ±180°; shift their western-hemisphere vertices by 360° so the
 * planar formulas below see one connected shape.
 */
function unwrap(rings: readonly Position[][]): Position[][] {
  const xs = rings[0]!.map((p) => p[0]!)
  if (Math.max(...xs) - Math.min(...xs) <= 180) return rings.map((ring) => ring.slice())
  return rings.map((ring) => ring.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!]))
}

/** A point for the largest polygon of a shape: its centroid if inside, else an interior point. */
function representativePoint(shape: Shape): [number, number] {
  const polygons = shape.polygons.map(unwrap)
  let largest = polygons[0]!
  for (const polygon of polygons) {
    if (polygonArea(polygon) > polygonArea(largest)) largest = polygon
  }
  // Centroid of outer ring less holes, each weighted by its signed-area magnitude.
  let area = 0
  let x = 0
  let y = 0
  largest.forEach((ring, i) => {
    const c = ringCentroid(ring)
    const weight = (i === 0 ? 1 : -1) * Math.abs(c.area)
    area += weight
    x += c.x * weight
    y += c.y * weight
  })
  const cx = x / area
  const cy = y / area
  const wrapLon = (x: number): number => (x > 180 ? x - 360 : x)
  if (insidePolygon(largest, cx, cy)) return [wrapLon(cx), cy]
  // Nudge off vertex latitudes so the scan line never passes exactly through a vertex.
  const [ix, iy] = interiorPoint(largest, cy + 1e-7)
  if (!insidePolygon(largest, ix, iy)) throw new Error(`no interior point for ${shape.name}`)
  return [wrapLon(ix), iy]
}

function loadShapes(): { byNumeric: Map<string, Shape>; byCode: Map<string, Shape> } {
  const topology = JSON.parse(readFileSync(ATLAS_PATH, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>
  }>
  const collection = feature(topology, topology.objects.countries)
  const byNumeric = new Map<string, Shape>()
  const byCode = new Map<string, Shape>()
  for (const f of collection.features as Feature<Polygon | MultiPolygon, { name: string }>[]) {
    const polygons =
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    const shape: Shape = { name: f.properties.name, polygons }
    if (f.id === undefined) {
      const code = SHAPES_WITHOUT_ID[shape.name]
      if (code !== undefined) byCode.set(code, shape)
      continue
    }
    const id = String(f.id)
    const previous = byNumeric.get(id)
    // One id repeats (036: Australia and Ashmore and Cartier Is.); keep the larger shape.
    const size = (s: Shape): number => s.polygons.reduce((sum, p) => sum + polygonArea(p), 0)
    if (previous === undefined || size(shape) > size(previous)) byNumeric.set(id, shape)
  }
  return { byNumeric, byCode }
}

function quote(text: string): string {
  if (/[\\"\n]/.test(text)) return JSON.stringify(text)
  return text.includes("'") ? `"${text}"` : `'${text}'`
}

/** Same folding as regions.ts normaliseKey, close enough to drop aliases that add nothing. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

function main(): void {
  const lines = readFileSync(TSV_PATH, 'utf8').split(/\r?\n/)
  const header = lines[0]?.split('\t') ?? []
  const column = (name: string): number => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`GeoNames column ${name} missing`)
    return i
  }
  const [cIso, cIso3, cNum, cName] = ['ISO', 'ISO3', 'ISO-Numeric', 'Country'].map(column) as [
    number, number, number, number,
  ]
  const subRegionOf = new Map<string, string>()
  for (const [region, codes] of Object.entries(M49)) {
    for (const code of codes) {
      if (subRegionOf.has(code)) throw new Error(`${code} in two M49 sub-regions`)
      subRegionOf.set(code, region)
    }
  }
  const { byNumeric, byCode } = loadShapes()
  const out: string[] = []
  const rows = lines
    .slice(1)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .filter((f) => !WITHDRAWN.has(f[cIso] ?? ''))
    .sort((a, b) => (a[cIso] ?? '').localeCompare(b[cIso] ?? ''))
  for (const f of rows) {
    const code = f[cIso]!.trim()
    const iso3 = f[cIso3]!.trim()
    const rawNumeric = f[cNum]!.trim()
    // GeoNames gives Kosovo 0; it has no ISO numeric code.
    const numeric = Number(rawNumeric) > 0 ? rawNumeric.padStart(3, '0') : ''
    const geonamesName = f[cName]!.trim()
    const name = NAMES[code] ?? geonamesName
    const subRegion = subRegionOf.get(code)
    if (subRegion === undefined) throw new Error(`${code} has no M49 sub-region`)
    const shape = numeric !== '' ? byNumeric.get(numeric) : byCode.get(code)
    const aliases: string[] = []
    const seen = new Set([fold(name)])
    const shapeNames = [shape?.name ?? '', byCode.get(code)?.name ?? '']
    for (const alias of [geonamesName, ...(ALIASES[code] ?? []), ...shapeNames]) {
      const key = fold(alias)
      if (key === '' || seen.has(key)) continue
      seen.add(key)
      aliases.push(alias)
    }
    const override = POINT_OVERRIDES[code]
    let latDeg: number
    let lonDeg: number
    if (override !== undefined) {
      ;[latDeg, lonDeg] = override
    } else if (shape !== undefined) {
      ;[lonDeg, latDeg] = representativePoint(shape)
    } else {
      throw new Error(`${code} ${name}: no shape and no point override`)
    }
    const demonym = DEMONYMS[code]
    const fields = [
      `code: ${quote(code)}`,
      `iso3: ${quote(iso3)}`,
      `numeric: ${quote(numeric)}`,
      `name: ${quote(name)}`,
      `aliases: [${aliases.map(quote).join(', ')}]`,
      ...(demonym !== undefined ? [`demonym: ${quote(demonym)}`] : []),
      `subRegion: ${quote(subRegion)}`,
      `latDeg: ${latDeg.toFixed(2)}`,
      `lonDeg: ${lonDeg.toFixed(2)}`,
    ]
    out.push(`  { ${fields.join(', ')} },`)
  }
  for (const code of subRegionOf.keys()) {
    if (!rows.some((f) => f[cIso] === code)) throw new Error(`${code} is in M49 table but not GeoNames`)
  }

  const text = `/**
 * Country reference: ISO 3166-1 codes, common English names, aliases, demonyms, UN M49
 * sub-region and a representative point per country. ${rows.length} entries (ISO 3166-1 plus Kosovo XK).
 *
 * GENERATED by scripts/build-country-table.ts (npx tsx scripts/build-country-table.ts); edit the
 * script, not this file.
 *
 * Sources:
 * - Codes and base names: GeoNames countryInfo, https://www.geonames.org/ (CC BY 4.0).
 * - Points: largest polygon of each country in Natural Earth 1:50m admin-0 (public domain), via
 *   world-atlas 2.0.2 (ISC) countries-50m.json: its centroid, or an interior point on the
 *   centroid's latitude when the centroid falls outside; hand-placed for shapes 1:50m lacks.
 *   Natural Earth's short names (e.g. 'Dem. Rep. Congo') are included among the aliases.
 * - Sub-regions: UN M49 (Taiwan in Eastern Asia, Kosovo in Southern Europe).
 */

/** One row of the table; regions.ts exposes these as CountryInfo with branded ids. */
export interface CountryRow {
  readonly code: string
  readonly iso3: string
  readonly numeric: string
  readonly name: string
  readonly aliases: readonly string[]
  readonly demonym?: string
  readonly subRegion: string
  readonly latDeg: number
  readonly lonDeg: number
}

export const COUNTRY_TABLE: readonly CountryRow[] = [
${out.join('\n')}
]
`
  writeFileSync(OUT_PATH, text)
  console.log(`wrote ${OUT_PATH}: ${rows.length} countries`)
}

main()
