/**
 * GDELT event file layouts, told apart by column count (the files have no header): the 1.0
 * historical back-files have 57 columns, 1.0 daily files since April 2013 add SOURCEURL (58), and 2.0 adds an ADM2 code
 * to each of the three geographies (61). Column names follow GDELT's codebooks.
 */

/** Zero-based column positions of the fields the importer reads. */
export interface GdeltLayout {
  readonly version: '1.0' | '2.0'
  readonly columns: number
  readonly globalEventId: number
  readonly sqlDate: number
  readonly actor1: ActorColumns
  readonly actor2: ActorColumns
  readonly isRootEvent: number
  readonly eventCode: number
  readonly eventBaseCode: number
  readonly eventRootCode: number
  readonly quadClass: number
  readonly goldstein: number
  readonly numMentions: number
  readonly numSources: number
  readonly numArticles: number
  readonly avgTone: number
  readonly actionGeo: GeoColumns
  readonly dateAdded: number
  /** -1 when the layout has none (1.0 without SOURCEURL). */
  readonly sourceUrl: number
}

export interface ActorColumns {
  readonly code: number
  readonly name: number
  readonly countryCode: number
  readonly knownGroupCode: number
  readonly type1Code: number
}

export interface GeoColumns {
  readonly type: number
  readonly fullName: number
  readonly countryCode: number
  readonly adm1Code: number
  readonly lat: number
  readonly lon: number
  readonly featureId: number
}

const ACTOR1: ActorColumns = { code: 5, name: 6, countryCode: 7, knownGroupCode: 8, type1Code: 12 }
const ACTOR2: ActorColumns = { code: 15, name: 16, countryCode: 17, knownGroupCode: 18, type1Code: 22 }
const EVENT = {
  isRootEvent: 25,
  eventCode: 26,
  eventBaseCode: 27,
  eventRootCode: 28,
  quadClass: 29,
  goldstein: 30,
  numMentions: 31,
  numSources: 32,
  numArticles: 33,
  avgTone: 34,
}

/** 1.0: each geography is Type, FullName, CountryCode, ADM1Code, Lat, Long, FeatureID (7 columns). */
function layout1(columns: 57 | 58): GdeltLayout {
  return {
    version: '1.0',
    columns,
    globalEventId: 0,
    sqlDate: 1,
    actor1: ACTOR1,
    actor2: ACTOR2,
    ...EVENT,
    actionGeo: { type: 49, fullName: 50, countryCode: 51, adm1Code: 52, lat: 53, lon: 54, featureId: 55 },
    dateAdded: 56,
    sourceUrl: columns === 58 ? 57 : -1,
  }
}

/** 2.0: each geography adds ADM2Code after ADM1Code (8 columns). */
const LAYOUT_2: GdeltLayout = {
  version: '2.0',
  columns: 61,
  globalEventId: 0,
  sqlDate: 1,
  actor1: ACTOR1,
  actor2: ACTOR2,
  ...EVENT,
  actionGeo: { type: 51, fullName: 52, countryCode: 53, adm1Code: 54, lat: 56, lon: 57, featureId: 58 },
  dateAdded: 59,
  sourceUrl: 60,
}

const LAYOUTS: ReadonlyMap<number, GdeltLayout> = new Map([
  [57, layout1(57)],
  [58, layout1(58)],
  [61, LAYOUT_2],
])

/** The layout for a row of `columns` cells, or undefined when GDELT has no such layout. */
export function gdeltLayout(columns: number): GdeltLayout | undefined {
  return LAYOUTS.get(columns)
}
