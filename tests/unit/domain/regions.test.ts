import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, it, expect } from 'vitest'
import type { CountryCode, RegionDef, RegionId } from '../../../src/domain/model.ts'
import {
  COUNTRIES,
  REGIONS,
  countryByCode,
  customRegions,
  lookupCountry,
  lookupRegion,
  normaliseKey,
  regionWithAncestors,
  regionsOfCountry,
} from '../../../src/domain/regions.ts'

const cc = (code: string): CountryCode => code as CountryCode
const rid = (slug: string): RegionId => slug as RegionId
const region = (slug: string) => REGIONS.find((r) => r.id === slug)

interface AtlasGeometry {
  readonly id?: string
  readonly properties: { readonly name: string }
}
function atlasGeometries(file: string): readonly AtlasGeometry[] {
  const path = createRequire(import.meta.url).resolve(`world-atlas/${file}`)
  const topology = JSON.parse(readFileSync(path, 'utf8')) as {
    objects: { countries: { geometries: AtlasGeometry[] } }
  }
  return topology.objects.countries.geometries
}

describe('lookupCountry', () => {
  it.each([
    ['UA', 'UA'],
    ['ua', 'UA'],
    ['UKR', 'UA'],
    ['804', 'UA'],
    [804, 'UA'],
    ['4', 'AF'],
    ['004', 'AF'],
    [4, 'AF'],
    ['Ukraine', 'UA'],
    ['  ukraine ', 'UA'],
    ['russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['Türkiye', 'TR'],
    ['Turkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Czech Republic', 'CZ'],
    ['Czechia', 'CZ'],
    ['North Korea', 'KP'],
    ['DPRK', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['South Korea', 'KR'],
    ['Republic of Korea', 'KR'],
    ['Taiwan', 'TW'],
    ['Kosovo', 'XK'],
    ['XK', 'XK'],
    ['XKX', 'XK'],
    ['ST', 'ST'],
    ['st', 'ST'],
    ['UAE', 'AE'],
    ['DRC', 'CD'],
    ["Côte d'Ivoire", 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Burma', 'MM'],
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['Britain', 'GB'],
    ['Holland', 'NL'],
    ['the Netherlands', 'NL'],
    ['Macedonia', 'MK'],
    ['Swaziland', 'SZ'],
    ['East Timor', 'TL'],
    ['Cape Verde', 'CV'],
    ['Vatican', 'VA'],
    ['Gaza', 'PS'],
    ['West Bank', 'PS'],
    ['Palestinian Territory', 'PS'],
    ['DR Congo', 'CD'],
    ['Democratic Republic of the Congo', 'CD'],
    ['Congo', 'CG'],
    ['Republic of the Congo', 'CG'],
    ['Bosnia & Herzegovina', 'BA'],
    ['St. Lucia', 'LC'],
    ['St Kitts and Nevis', 'KN'],
    ['The Gambia', 'GM'],
    ['Viet Nam', 'VN'],
    ['Lao PDR', 'LA'],
    ['Dem. Rep. Congo', 'CD'],
    ['Bosnia and Herz.', 'BA'],
  ] as const)('%s → %s', (input, expected) => {
    expect(lookupCountry(input)?.code).toBe(expected)
  })

  it.each(['', '   ', 'Atlantis', 'ZZ', 'ZZZ', '999', '0', 'Russian', 'Korea', 'Ukrain'])(
    'unknown %j → undefined',
    (input) => {
      expect(lookupCountry(input)).toBeUndefined()
    },
  )

  it.each([0, -4, 4.5, 1000, Number.NaN])('bad number %d → undefined', (input) => {
    expect(lookupCountry(input)).toBeUndefined()
  })

  it('returns the full record', () => {
    expect(lookupCountry('UA')).toMatchObject({
      code: 'UA',
      iso3: 'UKR',
      numeric: '804',
      name: 'Ukraine',
      demonym: 'Ukrainian',
      subRegion: 'eastern-europe',
    })
    expect(lookupCountry('Kosovo')).toMatchObject({ code: 'XK', iso3: 'XKX', numeric: '' })
  })

  it('resolves every code, name and alias to its own country (no collisions)', () => {
    for (const country of COUNTRIES) {
      const inputs = [country.code, country.iso3, country.name, ...country.aliases]
      if (country.numeric !== '') inputs.push(country.numeric, String(Number(country.numeric)))
      for (const input of inputs) expect(lookupCountry(input)?.code, input).toBe(country.code)
    }
  })

  it('does not accept demonyms as names', () => {
    for (const country of COUNTRIES) {
      if (country.demonym === undefined) continue
      const found = lookupCountry(country.demonym)
      // Only where the demonym is also a name ('Lao', 'Vatican') may it match, and then itself.
      if (found !== undefined) expect(found.code, country.demonym).toBe(country.code)
    }
    expect(lookupCountry('Russian')).toBeUndefined()
  })
})

describe('countryByCode', () => {
  it('finds by exact alpha-2', () => {
    expect(countryByCode(cc('RU'))?.name).toBe('Russia')
    expect(countryByCode(cc('ru'))).toBeUndefined()
    expect(countryByCode(cc('QQ'))).toBeUndefined()
  })
})

describe('COUNTRIES', () => {
  it('holds ISO 3166-1 plus Kosovo, without withdrawn codes', () => {
    expect(COUNTRIES.length).toBe(250)
    expect(countryByCode(cc('CS'))).toBeUndefined()
    expect(countryByCode(cc('AN'))).toBeUndefined()
  })

  it('has no duplicate alpha-2, alpha-3 or numeric codes', () => {
    const unique = (values: string[]): number => new Set(values).size
    expect(unique(COUNTRIES.map((c) => c.code))).toBe(COUNTRIES.length)
    expect(unique(COUNTRIES.map((c) => c.iso3))).toBe(COUNTRIES.length)
    const numerics = COUNTRIES.map((c) => c.numeric).filter((n) => n !== '')
    expect(numerics.length).toBe(COUNTRIES.length - 1)
    expect(unique(numerics)).toBe(numerics.length)
  })

  it('has well-formed codes and in-range points', () => {
    for (const c of COUNTRIES) {
      expect(c.code).toMatch(/^[A-Z]{2}$/)
      expect(c.iso3).toMatch(/^[A-Z]{3}$/)
      if (c.code !== 'XK') expect(c.numeric).toMatch(/^\d{3}$/)
      expect(Math.abs(c.latDeg)).toBeLessThanOrEqual(85.05)
      expect(Math.abs(c.lonDeg)).toBeLessThanOrEqual(180)
      expect(c.latDeg === 0 && c.lonDeg === 0, c.code).toBe(false)
    }
  })

  it('uses common English names', () => {
    const names: Record<string, string> = {
      RU: 'Russia', TR: 'Türkiye', CZ: 'Czechia', TW: 'Taiwan', KR: 'South Korea',
      KP: 'North Korea', IR: 'Iran', SY: 'Syria', VN: 'Vietnam', LA: 'Laos', BO: 'Bolivia',
      VE: 'Venezuela', TZ: 'Tanzania', MD: 'Moldova', CD: 'DR Congo', CG: 'Republic of the Congo',
      PS: 'Palestine', XK: 'Kosovo', US: 'United States', GB: 'United Kingdom',
    }
    for (const [code, name] of Object.entries(names)) expect(countryByCode(cc(code))?.name).toBe(name)
  })

  it('places points near known centres', () => {
    const near = (code: string, latDeg: number, lonDeg: number): void => {
      const c = countryByCode(cc(code))!
      expect(Math.abs(c.latDeg - latDeg), code).toBeLessThan(3)
      expect(Math.abs(c.lonDeg - lonDeg), code).toBeLessThan(3)
    }
    near('UA', 49, 31)
    near('RU', 61, 98) // mainland polygon crosses the antimeridian
    near('FJ', -17.8, 178) // so does Fiji's
    near('US', 39, -98) // contiguous states, not Alaska
    near('FR', 46.5, 2.5) // metropolitan France, not French Guiana
  })
})

describe('world-atlas ids', () => {
  it.each(['countries-110m.json', 'countries-50m.json'])('every id in %s resolves', (file) => {
    const geometries = atlasGeometries(file)
    const unresolved = geometries
      .filter((g) => g.id !== undefined && lookupCountry(g.id) === undefined)
      .map((g) => `${g.id} ${g.properties.name}`)
    expect(unresolved).toEqual([])
  })

  it('shapes without an id in 110m are the known three, and resolve by name', () => {
    const noId = atlasGeometries('countries-110m.json').filter((g) => g.id === undefined)
    expect(noId.map((g) => g.properties.name).sort()).toEqual(['Kosovo', 'N. Cyprus', 'Somaliland'])
    expect(noId.map((g) => lookupCountry(g.properties.name)?.code).sort()).toEqual(['CY', 'SO', 'XK'])
  })

  it('every 50m shape name resolves to the country its id names', () => {
    for (const g of atlasGeometries('countries-50m.json')) {
      if (g.id === undefined || g.properties.name === 'Ashmore and Cartier Is.') continue
      expect(lookupCountry(g.properties.name)?.code, g.properties.name).toBe(lookupCountry(g.id)?.code)
    }
  })
})

describe('REGIONS', () => {
  it('eastern-europe is exactly M49’s ten', () => {
    expect(region('eastern-europe')?.countries).toEqual(
      ['BG', 'BY', 'CZ', 'HU', 'MD', 'PL', 'RO', 'RU', 'SK', 'UA'],
    )
    expect(region('eastern-europe')?.parent).toBe('europe')
  })

  it('has unique ids and the STIX region-ov slugs', () => {
    const ids = REGIONS.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    const stix = [
      'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa',
      'western-africa', 'americas', 'caribbean', 'central-america', 'latin-america-caribbean',
      'northern-america', 'south-america', 'asia', 'central-asia', 'eastern-asia', 'southern-asia',
      'south-eastern-asia', 'western-asia', 'europe', 'eastern-europe', 'northern-europe',
      'southern-europe', 'western-europe', 'oceania', 'antarctica', 'australia-new-zealand',
      'melanesia', 'micronesia', 'polynesia',
    ]
    for (const slug of stix) expect(ids, slug).toContain(slug)
  })

  it('every country’s sub-region is a sub-region whose parent is a continent', () => {
    for (const c of COUNTRIES) {
      const sub = region(c.subRegion)
      expect(sub, c.code).toBeDefined()
      if (c.code === 'AQ') {
        expect(sub?.kind).toBe('continent')
        continue
      }
      expect(sub?.kind, c.code).toBe('sub-region')
      expect(region(sub?.parent ?? '')?.kind, c.code).toBe('continent')
    }
  })

  it('M49 sub-regions (with Antarctica) partition the countries', () => {
    const units = REGIONS.filter((r) => r.kind === 'sub-region' || r.id === 'antarctica')
    const seen = new Map<string, string>()
    for (const unit of units) {
      for (const code of unit.countries) {
        expect(seen.get(code), `${code} in ${unit.id} and ${seen.get(code)}`).toBeUndefined()
        seen.set(code, unit.id)
      }
    }
    expect(seen.size).toBe(COUNTRIES.length)
    for (const c of COUNTRIES) expect(seen.get(c.code)).toBe(c.subRegion)
  })

  it('continents are the union of their sub-regions', () => {
    for (const continent of REGIONS.filter((r) => r.kind === 'continent' && r.id !== 'antarctica')) {
      const union = REGIONS.filter((r) => r.parent === continent.id).flatMap((r) => r.countries)
      expect([...continent.countries], continent.id).toEqual([...union].sort())
    }
    expect(region('antarctica')?.countries).toEqual(['AQ'])
  })

  it('alias regions list only known countries and have no parent', () => {
    for (const r of REGIONS.filter((x) => x.kind === 'alias')) {
      expect(r.parent).toBeUndefined()
      expect(r.countries.length, r.id).toBeGreaterThan(0)
      for (const code of r.countries) expect(countryByCode(code), `${r.id} ${code}`).toBeDefined()
    }
  })

  it('alias regions hold their documented lists', () => {
    expect(region('middle-east')?.countries).toHaveLength(17)
    expect(region('middle-east')?.countries).toEqual(expect.arrayContaining(['TR', 'EG', 'IR', 'CY', 'PS']))
    expect(region('east-asia')?.countries).toEqual(['CN', 'HK', 'JP', 'KP', 'KR', 'MN', 'MO', 'TW'])
    expect(region('caucasus')?.countries).toEqual(['AM', 'AZ', 'GE'])
    expect(region('central-europe')?.countries).toEqual(
      ['AT', 'CH', 'CZ', 'DE', 'HU', 'LI', 'PL', 'SI', 'SK'],
    )
    expect(region('indo-pacific')?.countries).toEqual(expect.arrayContaining(['AU', 'IN', 'JP', 'FJ', 'ID']))
    expect(region('indo-pacific')?.countries).not.toContain('US')
    expect(region('indo-pacific')?.countries).not.toContain('IR')
    expect(region('sahel')?.countries).toEqual(expect.arrayContaining(['BF', 'ML', 'MR', 'NE', 'TD']))
    expect(region('balkans')?.countries).toContain('XK')
    const subSaharan = region('sub-saharan-africa')?.countries ?? []
    expect(subSaharan).toContain('NG')
    expect(subSaharan).not.toContain('EG')
    expect(subSaharan.length + (region('northern-africa')?.countries.length ?? 0)).toBe(
      region('africa')?.countries.length,
    )
    const lac = region('latin-america-caribbean')?.countries ?? []
    expect(lac).toContain('MX')
    expect(lac).not.toContain('US')
  })

  it('no two regions share a lookup key', () => {
    const owner = new Map<string, string>()
    for (const r of REGIONS) {
      for (const key of new Set([r.id, r.name, ...r.aliases].map(normaliseKey))) {
        expect(owner.get(key), `${key}: ${r.id} and ${owner.get(key)}`).toBeUndefined()
        owner.set(key, r.id)
      }
    }
  })
})

describe('regionsOfCountry', () => {
  it('RU: eastern-europe then europe', () => {
    const ids = regionsOfCountry(cc('RU'))
    expect(ids.slice(0, 2)).toEqual(['eastern-europe', 'europe'])
    expect(ids).not.toContain('caucasus')
  })

  it('TW: eastern-asia, asia, then alias regions by id', () => {
    expect(regionsOfCountry(cc('TW'))).toEqual(['eastern-asia', 'asia', 'east-asia', 'indo-pacific'])
  })

  it('TR: western-asia, asia, middle-east', () => {
    expect(regionsOfCountry(cc('TR'))).toEqual(['western-asia', 'asia', 'middle-east'])
  })

  it('AQ is its own continent; unknown codes have none', () => {
    expect(regionsOfCountry(cc('AQ'))).toEqual(['antarctica'])
    expect(regionsOfCountry(cc('ZZ'))).toEqual([])
  })

  it('agrees with region membership for every country', () => {
    for (const c of COUNTRIES) {
      const expected = REGIONS.filter((r) => r.countries.includes(c.code)).map((r) => r.id)
      expect([...regionsOfCountry(c.code)].sort(), c.code).toEqual([...expected].sort())
    }
  })
})

describe('lookupRegion', () => {
  it.each([
    ['Asia', 'asia'],
    ['asia', 'asia'],
    ['eastern-europe', 'eastern-europe'],
    ['Eastern Europe', 'eastern-europe'],
    ['EASTERN_EUROPE', 'eastern-europe'],
    ['middle east', 'middle-east'],
    ['Middle-East', 'middle-east'],
    ['The Middle East', 'middle-east'],
    ['Near East', 'middle-east'],
    ['Indo-Pacific', 'indo-pacific'],
    ['Sahel', 'sahel'],
    ['the Sahel', 'sahel'],
    ['East Asia', 'east-asia'],
    ['Eastern Asia', 'eastern-asia'],
    ['Southeast Asia', 'south-eastern-asia'],
    ['South-East Asia', 'south-eastern-asia'],
    ['Latin America', 'latin-america-caribbean'],
    ['Sub-Saharan Africa', 'sub-saharan-africa'],
    ['Balkans', 'balkans'],
    ['South Caucasus', 'caucasus'],
    ['Central Europe', 'central-europe'],
    ['North America', 'northern-america'],
    ['151', 'eastern-europe'],
    ['Micronesia', 'micronesia'],
  ])('%s → %s', (input, expected) => {
    expect(lookupRegion(input)?.id).toBe(expected)
  })

  it.each(['', 'Atlantis', 'MENA', 'Ukraine'])('unknown %j → undefined', (input) => {
    expect(lookupRegion(input)).toBeUndefined()
  })

  it('custom regions resolve and win over built-ins with the same id', () => {
    const custom: RegionDef[] = [
      { id: rid('baltic-states'), name: 'Baltic States', countries: [cc('EE'), cc('LV'), cc('LT')] },
      { id: rid('europe'), name: 'Europe (NATO members)', countries: [cc('PL'), cc('DE')] },
    ]
    expect(lookupRegion('Baltic States', custom)?.kind).toBe('custom')
    expect(lookupRegion('baltic-states', custom)?.countries).toEqual(['EE', 'LV', 'LT'])
    expect(lookupRegion('europe', custom)?.kind).toBe('custom')
    expect(lookupRegion('Europe', custom)?.countries).toEqual(['PL', 'DE'])
    expect(lookupRegion('Asia', custom)?.kind).toBe('continent')
    expect(lookupRegion('Europe')?.kind).toBe('continent')
    expect(lookupRegion('baltic-states')).toBeUndefined()
  })
})

describe('regionWithAncestors', () => {
  it('adds the continent to a sub-region', () => {
    expect(regionWithAncestors(rid('eastern-europe'))).toEqual(['eastern-europe', 'europe'])
    expect(regionWithAncestors(rid('eastern-asia'))).toEqual(['eastern-asia', 'asia'])
  })

  it('continents, alias, custom and unknown regions stand alone', () => {
    expect(regionWithAncestors(rid('europe'))).toEqual(['europe'])
    expect(regionWithAncestors(rid('middle-east'))).toEqual(['middle-east'])
    expect(regionWithAncestors(rid('mystery'))).toEqual(['mystery'])
    const custom: RegionDef[] = [{ id: rid('eastern-europe'), name: 'Mine', countries: [cc('UA')] }]
    expect(regionWithAncestors(rid('eastern-europe'), custom)).toEqual(['eastern-europe'])
  })
})

describe('customRegions', () => {
  it('builds custom RegionInfo without mutating input', () => {
    const defs: RegionDef[] = [{ id: rid('baltics'), name: 'Baltics', countries: [cc('EE')] }]
    const [info] = customRegions(defs)
    expect(info).toEqual({ id: 'baltics', name: 'Baltics', kind: 'custom', countries: ['EE'], aliases: [] })
    expect(info?.countries).not.toBe(defs[0]?.countries)
  })
})

describe('normaliseKey', () => {
  it('folds case, accents, punctuation, "the", "&" and "St."', () => {
    expect(normaliseKey("Côte d'Ivoire")).toBe('cotedivoire')
    expect(normaliseKey('The Middle-East')).toBe('middleeast')
    expect(normaliseKey('Trinidad & Tobago')).toBe('trinidadandtobago')
    expect(normaliseKey('St. Lucia')).toBe(normaliseKey('Saint Lucia'))
  })
})
