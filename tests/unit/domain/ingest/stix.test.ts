import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import { levelFromCriticality, readStix } from '../../../../src/domain/ingest/stix.ts'
import { resolvePlace, type StixObject } from '../../../../src/domain/ingest/stix-places.ts'
import type { ImportResult, ThreatEvent } from '../../../../src/domain/model.ts'

const shared = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/stix/${name}`, import.meta.url), 'utf8')
const local = (name: string): string => readFileSync(new URL(`../../../fixtures/stix/${name}`, import.meta.url), 'utf8')

function read(text: string): ImportResult {
  const out = readStix(text)
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

describe('readStix on the OASIS APT1 bundle', () => {
  const r = read(shared('oasis_apt1_bundle.json'))
  const report = r.dataset.events[0]!

  it('makes one event of the report, dated its published day', () => {
    expect(r.total).toBe(1)
    expect(r.rejected).toBe(0)
    expect(report.id).toBe('report--e33ffe07-2f4c-48d8-b0af-ee2619d765cf')
    expect(report.title).toBe("APT1: Exposing One of China's Cyber Espionage Units")
    expect(report.date).toMatchObject({ text: '2013-02-19', precision: 'day' })
    expect(report.threatLevel).toBe(2)
    expect(report.extra).toMatchObject({ stixType: 'report', levelFrom: 'default', dateFrom: 'published' })
  })

  it('names the intrusion set, threat actors and identities it refers to as actors', () => {
    const names = report.actors.map((a) => a.name)
    expect(names).toEqual(expect.arrayContaining(['APT1', 'Unit 61398', 'Communist Party of China', 'Ugly Gorilla', 'Wang Dong']))
    expect(report.actors.find((a) => a.name === 'APT1')).toMatchObject({ type: 'group', role: 'intrusion set' })
    expect(report.actors.find((a) => a.name === 'Wang Dong')).toMatchObject({ type: 'person' })
  })

  it('reports what it skipped, one line per kind', () => {
    expect(r.warnings.map((w) => w.message)).toEqual([
      '12 indicator objects skipped: not an event, actor or place type Watchfloor reads',
      '6 malware objects skipped: not an event, actor or place type Watchfloor reads',
      '10 tool objects skipped: not an event, actor or place type Watchfloor reads',
      '7 attack-pattern objects skipped: not an event, actor or place type Watchfloor reads',
      '16 relationship uses objects skipped: Watchfloor does not read this relationship type',
      '7 relationship indicates objects skipped: Watchfloor does not read this relationship type',
    ])
  })

  it('is detected through readAny', () => {
    const out = readAny(shared('oasis_apt1_bundle.json'))
    expect(out.ok && out.result.format).toBe('stix')
  })
})

describe('readStix on the OpenCTI geography bundle', () => {
  const text = shared('opencti_geography_bundle.json')
  const bundle = JSON.parse(text) as { objects: StixObject[] }
  const locations = bundle.objects.filter((o) => o.type === 'location')

  it('has no events; reports its locations as unused and resolves all but one of them', () => {
    const r = read(text)
    expect(r.total).toBe(0)
    expect(r.warnings.map((w) => w.message)).toEqual([
      '1 identity object skipped: no event in the bundle refers to it',
      '272 location objects skipped: no event in the bundle refers to it',
      '266 relationship located-at (location to location) objects skipped: region membership comes from the UN M49 table',
    ])
    const unresolved = locations.filter((o) => {
      const p = resolvePlace(o)
      return !p || p.countries.length + p.regions.length === 0
    })
    expect(unresolved.map((o) => o.name)).toEqual(['Sark'])
  })

  it('reads its free-text M49 regions, alpha-3 countries and non-ISO codes', () => {
    const place = (name: string) => resolvePlace(locations.find((o) => o.name === name)!)
    expect(place('Eastern Europe')?.regions).toEqual(['eastern-europe'])
    expect(place('Sub-Saharan Africa')?.regions).toEqual(['sub-saharan-africa'])
    expect(place('Ukraine')?.countries).toEqual(['UA'])
    expect(place('Taiwan')?.countries).toEqual(['TW']) // OpenCTI writes "TWA"
  })

  it('gives an event that targets its locations their countries and regions', () => {
    const ukraine = locations.find((o) => o.name === 'Ukraine')!
    const campaign = {
      type: 'campaign', id: 'campaign--x', name: 'Test', first_seen: '2024-03-01T00:00:00.000Z',
      created: '2024-03-02T00:00:00.000Z', modified: '2024-03-02T00:00:00.000Z',
    }
    const rel = { type: 'relationship', id: 'relationship--x', relationship_type: 'targets', source_ref: 'campaign--x', target_ref: ukraine.id }
    const r = read(JSON.stringify({ type: 'bundle', id: 'bundle--x', objects: [...bundle.objects, campaign, rel] }))
    expect(r.total).toBe(1)
    expect(r.dataset.events[0]).toMatchObject({ countries: ['UA'], regions: ['eastern-europe'], threatLevel: 3 })
  })
})

describe('readStix on our own cases', () => {
  const r = read(local('watchfloor-cases.json'))
  const byId = (id: string): ThreatEvent => r.dataset.events.find((e) => e.id === id)!

  it('counts campaign, incident, sighting and campaign: 3 accepted, the undated one rejected', () => {
    expect(r.total).toBe(4)
    expect(r.rejectedRows).toEqual([15])
    expect(r.issues).toEqual([{ row: 15, field: 'first_seen', message: 'a campaign needs first_seen (or created) to be placed in time' }])
  })

  it('reads a campaign: span, x_threat_level, attributed actor with its origin, targets, sectors, x_ props', () => {
    const e = byId('campaign--0b3c1c70-0000-4000-8000-000000000001')
    expect(e.date.text).toBe('2024-11-02')
    expect(e.endDate?.text).toBe('2024-12-20')
    expect(e.threatLevel).toBe(4)
    expect(e.sourceLevel).toBe('high')
    expect(e.actors).toEqual([
      { name: 'Example Bear', type: 'group', role: 'attributed', country: 'RU' },
      { name: 'Example Grid Operator', type: 'unknown', role: 'target' },
    ])
    expect(e.countries).toEqual(['UA'])
    expect(e.sectors).toEqual(['energy', 'utilities'])
    expect(e.confidence).toBe(70)
    expect(e.extra).toMatchObject({ x_internal_ref: 'CASE-17', levelFrom: 'x_threat_level' })
    expect(e.extra).not.toHaveProperty('x_nested')
    expect(e.sources).toEqual([{ name: 'Example CERT', url: 'https://cert.example/advisory/17' }])
  })

  it('accepts a non-UUID id and takes an incident level from its Impact criticality', () => {
    const e = byId('incident--example-17')
    expect(e.threatLevel).toBe(5)
    expect(e.sourceLevel).toBe(85)
    expect(e.extra).toMatchObject({ levelFrom: 'criticality', dateFrom: 'created' })
  })

  it('reads a sighting: what was sighted, where, and its count', () => {
    const e = byId('sighting--0b3c1c70-0000-4000-8000-000000000014')
    expect(e.title).toBe('Sighting of Example Bear')
    expect(e.regions).toEqual(['eastern-europe'])
    expect(e.extra?.count).toBe(4)
    expect(e.threatLevel).toBe(3)
  })

  it('reports the unresolvable location, the indicator and the dangling relationship', () => {
    expect(r.warnings.map((w) => [w.row, w.message])).toEqual([
      [16, '1 location (unresolved) object skipped: no country, region or point Watchfloor knows'],
      [17, '1 indicator object skipped: not an event, actor or place type Watchfloor reads'],
      [18, '1 relationship targets (dangling) object skipped: it refers to an object that is not in the bundle'],
    ])
  })

  it.each([
    [0, 1],
    [19, 1],
    [20, 2],
    [59, 3],
    [60, 4],
    [80, 5],
    [100, 5],
  ])('criticality %d → level %d', (c, level) => {
    expect(levelFromCriticality(c)).toBe(level)
  })

  it('cannot read JSON without objects', () => {
    const out = readStix('{"type": "bundle"}')
    expect(!out.ok && out.reason).toBe('not a STIX bundle: no "objects" array')
  })
})
