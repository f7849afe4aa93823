import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { exportStixBundle, STIX_REGION_OV, type StixExportObject } from '../../../../src/domain/export/stix.ts'
import { readNativeJson } from '../../../../src/domain/ingest/native-json.ts'
import type { Dataset } from '../../../../src/domain/model.ts'
import { generateSyntheticTable } from '../../../../src/domain/synthetic.ts'

/** The OASIS STIX 2.1 JSON schemas in tests/fixtures/stix-schemas (README there), loaded by their $id, never fetched. */
function stixValidator(): (o: StixExportObject) => string[] {
  // The schemas' patterns escape '-' outside a class, which a Unicode regular expression refuses.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false })
  addFormats.default(ajv)
  const root = new URL('../../../fixtures/stix-schemas/', import.meta.url)
  const ids = new Map<string, string>()
  for (const folder of ['common', 'sdos', 'sros']) {
    for (const file of readdirSync(new URL(folder, root))) {
      const schema = JSON.parse(readFileSync(new URL(`${folder}/${file}`, root), 'utf8')) as { $id: string }
      ajv.addSchema(schema)
      ids.set(file.replace(/\.json$/, ''), schema.$id)
    }
  }
  return (o) => {
    const id = ids.get(o.type)
    if (id === undefined) return [`${o.id}: no schema for type ${o.type}`]
    const validate = ajv.getSchema(id)!
    return validate(o) ? [] : (validate.errors ?? []).map((e) => `${o.id} ${e.instancePath} ${e.message ?? ''}`)
  }
}

const REGION_OV_SPEC = [
  'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa', 'americas',
  'caribbean', 'central-america', 'latin-america-caribbean', 'northern-america', 'south-america', 'asia', 'central-asia',
  'eastern-asia', 'southern-asia', 'south-eastern-asia', 'western-asia', 'europe', 'eastern-europe', 'northern-europe',
  'southern-europe', 'western-europe', 'oceania', 'antarctica', 'australia-new-zealand', 'melanesia', 'micronesia', 'polynesia',
]

function sample(): Dataset {
  const outcome = readNativeJson(readFileSync(new URL('../../../../public/data/sample.json', import.meta.url), 'utf8'))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 6)

describe('STIX export against the OASIS STIX 2.1 schemas', () => {
  const validate = stixValidator()

  it('the schemas catch a broken object (so a pass means something)', () => {
    const bundle = exportStixBundle(sample(), { now: NOW })
    const location = bundle.objects.find((o) => o.type === 'location')!
    expect(validate({ ...location, latitude: 95, longitude: 10, precision: 'far' })).not.toEqual([])
    expect(validate({ ...location, created: '2026-01-02T03:04:05Z' })).not.toEqual([])
    const campaign = bundle.objects.find((o) => o.type === 'campaign')!
    expect(validate({ ...campaign, id: 'campaign--not-a-uuid' })).not.toEqual([])
  })

  it('passes every object of the bundled dataset, with region-ov regions only', () => {
    const bundle = exportStixBundle(sample(), { now: NOW })
    expect(bundle.objects.flatMap(validate)).toEqual([])
    const regions = bundle.objects.filter((o) => o.type === 'location' && o.region !== undefined).map((o) => String(o.region))
    expect(regions.length).toBeGreaterThan(0)
    expect(regions.filter((r) => !REGION_OV_SPEC.includes(r))).toEqual([])
  })

  it('passes every object of a generated dataset, whose aliases (Sahel, Middle East…) become their countries', () => {
    const table = generateSyntheticTable({ size: 2000, seed: 11 })
    const aliases = ['sahel', 'middle-east', 'indo-pacific', 'caucasus', 'balkans']
    const events = Array.from({ length: table.size }, (_, row) => table.eventAt(row)).map((e, i) => ({
      ...e,
      regions: i % 7 === 0 ? [aliases[i % aliases.length]!, ...e.regions] : e.regions,
    })) as Dataset['events']
    const bundle = exportStixBundle({ schemaVersion: 1, name: 'generated', regions: [], events }, { now: NOW })
    expect(bundle.objects.flatMap(validate)).toEqual([])
    const regions = new Set(bundle.objects.filter((o) => o.type === 'location' && o.region !== undefined).map((o) => String(o.region)))
    for (const alias of aliases) expect(regions.has(alias)).toBe(false)
    expect([...regions].filter((r) => !REGION_OV_SPEC.includes(r))).toEqual([])
    expect(new Set(bundle.objects.map((o) => o.x_watchfloor_region).filter(Boolean))).toEqual(new Set(aliases))
  })

  it('names the same region-ov vocabulary as the specification', () => {
    expect([...STIX_REGION_OV].sort()).toEqual([...REGION_OV_SPEC].sort())
  })
})
