import { describe, expect, it } from 'vitest'
import { exportStixBundle, serialiseStixBundle, stixTimestamp, type StixExportObject } from '../../../../src/domain/export/stix.ts'
import { sha1Hex, uuidV5 } from '../../../../src/domain/export/uuid-v5.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import { readStix } from '../../../../src/domain/ingest/stix.ts'
import type { Dataset } from '../../../../src/domain/model.ts'

const NOW = Date.UTC(2025, 10, 5, 9, 30, 0, 250)

function dataset(): Dataset {
  const out = readNativeJson(
    JSON.stringify({
      schemaVersion: 1,
      name: 'Seed briefing',
      events: [
        {
          id: 'cn-ru-2025-11-04',
          title: 'Xi Jinping hosts Mikhail Mishustin in Beijing',
          date: '2025-11-04',
          threatLevel: 'medium',
          countries: ['CN', 'RU'],
          regions: ['Asia', 'Eastern Europe'],
          actors: [
            { name: 'Xi Jinping', type: 'person', role: 'President', country: 'CN' },
            { name: 'Mikhail Mishustin', type: 'person', role: 'Prime Minister', country: 'RU' },
          ],
          sectors: ['energy'],
          sources: [{ name: 'China News' }, { name: 'Example', url: 'https://example.org/a' }],
          location: { lat: 39.9, lon: 116.4, name: 'Beijing' },
        },
        { id: 'ru-ua-2022', title: 'Russia invades Ukraine', date: '2022', threatLevel: 5, countries: ['RU', 'UA'] },
        { id: 'sahel-2024', title: 'Sahel coups', date: '2024-03', threatLevel: 4, regions: ['Sahel'] },
      ],
    }),
  )
  if (!out.ok) throw new Error(out.reason)
  return out.result.dataset
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TIMESTAMP_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const REGION_OV = new Set([
  'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa', 'americas',
  'caribbean', 'central-america', 'latin-america-caribbean', 'northern-america', 'south-america', 'asia', 'central-asia',
  'eastern-asia', 'southern-asia', 'south-eastern-asia', 'western-asia', 'europe', 'eastern-europe', 'northern-europe',
  'southern-europe', 'western-europe', 'oceania', 'antarctica', 'australia-new-zealand', 'melanesia', 'micronesia', 'polynesia',
])
const COMMON = new Set(['type', 'spec_version', 'id', 'created', 'modified', 'labels', 'confidence', 'external_references', 'description', 'name'])
const PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  report: ['published', 'report_types', 'object_refs'],
  campaign: ['first_seen', 'last_seen'],
  location: ['country', 'region', 'latitude', 'longitude', 'precision'],
  identity: ['identity_class'],
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
}

/** The STIX 2.1 rules (part 2–4 of the spec) this export must keep; returns the broken ones. */
function specProblems(bundle: { type: string; id: string; objects: readonly StixExportObject[] }): string[] {
  const problems: string[] = []
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what)
  }
  check(bundle.type === 'bundle' && bundle.id.startsWith('bundle--') && UUID.test(bundle.id.slice(8)), `bundle id ${bundle.id}`)
  check(!('spec_version' in bundle), 'a 2.1 bundle has no spec_version')
  const ids = new Set(bundle.objects.map((o) => o.id))
  check(ids.size === bundle.objects.length, 'ids are unique')
  for (const o of bundle.objects) {
    const [type, uuid] = o.id.split('--')
    check(type === o.type && UUID.test(uuid ?? ''), `${o.id}: type--UUID`)
    check(o.spec_version === '2.1', `${o.id}: spec_version`)
    for (const field of ['created', 'modified', 'published', 'first_seen', 'last_seen']) {
      if (field in o) check(TIMESTAMP_MS.test(String(o[field])), `${o.id}: ${field} is a millisecond timestamp`)
    }
    check(String(o.modified) >= String(o.created), `${o.id}: modified ≥ created`)
    for (const key of Object.keys(o)) {
      const known = COMMON.has(key) || (PROPERTIES[o.type] ?? []).includes(key)
      check(known || /^x_[a-z0-9_]{1,248}$/.test(key), `${o.id}: custom property ${key} must be x_ and lower-case`)
    }
    for (const ref of (o.external_references as Record<string, unknown>[] | undefined) ?? []) {
      check(typeof ref.source_name === 'string' && (ref.url !== undefined || ref.description !== undefined || ref.external_id !== undefined), `${o.id}: external reference`)
    }
    switch (o.type) {
      case 'report':
        check(typeof o.name === 'string' && Array.isArray(o.object_refs) && (o.object_refs as string[]).length > 0, 'report name, object_refs')
        for (const ref of o.object_refs as string[]) check(ids.has(ref), `report refers to missing ${ref}`)
        break
      case 'campaign':
        check(typeof o.name === 'string', `${o.id}: name`)
        check(String(o.last_seen) >= String(o.first_seen), `${o.id}: last_seen ≥ first_seen`)
        break
      case 'location':
        check(o.region !== undefined || o.country !== undefined || (o.latitude !== undefined && o.longitude !== undefined), `${o.id}: needs region, country or point`)
        if (o.country !== undefined) check(/^[A-Z]{2}$/.test(String(o.country)), `${o.id}: country alpha-2`)
        break
      case 'identity':
        check(typeof o.name === 'string', `${o.id}: name`)
        break
      case 'relationship': {
        check(ids.has(String(o.source_ref)) && ids.has(String(o.target_ref)), `${o.id}: refs resolve`)
        const pair = `${String(o.source_ref).split('--')[0]} ${String(o.relationship_type)} ${String(o.target_ref).split('--')[0]}`
        check(['campaign targets location', 'campaign related-to identity'].includes(pair), `${o.id}: ${pair}`)
        break
      }
      default:
        problems.push(`unexpected type ${o.type}`)
    }
  }
  return problems
}

describe('exportStixBundle', () => {
  const ds = dataset()
  const bundle = exportStixBundle(ds, { now: NOW })
  const ofType = (type: string) => bundle.objects.filter((o) => o.type === type)

  it('keeps the spec rules: type--UUID ids, millisecond timestamps, resolvable refs, x_ custom properties', () => {
    expect(specProblems(bundle)).toEqual([])
  })

  it('has a report, a campaign per event, locations per country and region, identities per actor', () => {
    expect(ofType('report')).toHaveLength(1)
    expect(ofType('report')[0]).toMatchObject({ name: 'Seed briefing', published: '2025-11-05T09:30:00.250Z' })
    expect(ofType('campaign').map((o) => o.name)).toEqual(['Xi Jinping hosts Mikhail Mishustin in Beijing', 'Russia invades Ukraine', 'Sahel coups'])
    expect(ofType('location').map((o) => o.country ?? o.region ?? o.name).sort()).toEqual([
      // The Sahel is no region-ov value: its ten countries stand for it.
      'BF', 'Beijing', 'CM', 'CN', 'GM', 'GN', 'ML', 'MR', 'NE', 'NG', 'RU', 'SN', 'TD', 'UA', 'asia', 'eastern-europe',
    ])
    expect(ofType('identity').map((o) => [o.name, o.identity_class])).toEqual([
      ['Xi Jinping', 'individual'],
      ['Mikhail Mishustin', 'individual'],
    ])
  })

  it('writes region-ov values only; a region outside it is its countries, marked, and a custom label', () => {
    const regions = ofType('location').filter((o) => o.region !== undefined).map((o) => String(o.region))
    expect(regions.sort()).toEqual(['asia', 'eastern-europe'])
    expect(regions.every((r) => REGION_OV.has(r))).toBe(true)
    const sahel = ofType('campaign').find((o) => o.name === 'Sahel coups')!
    expect(sahel.x_watchfloor_regions).toEqual(['sahel'])
    const targeted = ofType('relationship')
      .filter((r) => r.source_ref === sahel.id)
      .map((r) => bundle.objects.find((o) => o.id === r.target_ref)!)
    expect(targeted.map((o) => [o.country, o.x_watchfloor_region])).toEqual(
      ['BF', 'CM', 'GM', 'GN', 'ML', 'MR', 'NE', 'NG', 'SN', 'TD'].map((code) => [code, 'sahel']),
    )
    // Campaigns on M49 regions only carry no label.
    expect(ofType('campaign').filter((o) => o.x_watchfloor_regions !== undefined)).toHaveLength(1)
  })

  it('spans each campaign over its dates at their precision', () => {
    const invasion = ofType('campaign').find((o) => o.name === 'Russia invades Ukraine')!
    expect(invasion).toMatchObject({
      first_seen: '2022-01-01T00:00:00.000Z',
      last_seen: '2022-12-31T23:59:59.999Z',
      x_threat_level: 5,
      x_watchfloor_date: '2022',
    })
  })

  it('gives the same ids for the same events (UUIDv5), whatever the export time of the campaigns', () => {
    const again = exportStixBundle(ds, { now: NOW })
    expect(serialiseStixBundle(again)).toBe(serialiseStixBundle(bundle))
    const later = exportStixBundle(ds.events, { now: NOW + 1000 })
    expect(later.objects.filter((o) => o.type === 'campaign').map((o) => o.id)).toEqual(ofType('campaign').map((o) => o.id))
  })

  it('reads back to the same events', () => {
    const out = readStix(serialiseStixBundle(bundle))
    if (!out.ok) throw new Error(out.reason)
    expect(out.result.total).toBe(3)
    const back = out.result.dataset.events
    expect(back.map((e) => [e.title, e.date.text, e.threatLevel, e.countries, e.regions])).toEqual(
      ds.events.map((e) => [e.title, e.date.text, e.threatLevel, e.countries, e.regions]),
    )
    expect(back[0]!.actors).toEqual(ds.events[0]!.actors)
    expect(back[0]!.location).toMatchObject({ latDeg: 39.9, lonDeg: 116.4, name: 'Beijing' })
  })

  it('gives a bundle without a report for no events', () => {
    expect(exportStixBundle([], { now: NOW }).objects).toEqual([])
  })

  it('writes timestamps with exactly three decimals', () => {
    expect(stixTimestamp(Date.UTC(2013, 1, 19))).toBe('2013-02-19T00:00:00.000Z')
  })
})

describe('uuidV5 and sha1Hex', () => {
  it('match the RFC and FIPS 180 test vectors', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d')
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709')
    expect(sha1Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1')
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com')
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })
})
