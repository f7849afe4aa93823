/**
 * Inputs shaped to be slow or to overflow the stack: each is small to write down and was once
 * quadratic or threw "Maximum call stack size exceeded". Shared by the unit tests and the CLI test.
 */

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`

/**
 * A STIX bundle whose events all refer to the same hub actor and to many actors of their own,
 * each reference repeated: `reports` reports, each naming `actorsPerReport` distinct actors
 * `repeats` times over, and attributed to one hub actor with `hubLocations` located-at edges.
 */
export function stixRepeatedReferences(reports: number, actorsPerReport: number, repeats: number, hubLocations: number): string {
  const objects: object[] = []
  const hub = `threat-actor--${uuid(0)}`
  objects.push({ type: 'threat-actor', id: hub, name: 'Hub' })
  for (let l = 0; l < hubLocations; l++) {
    const location = `location--${uuid(1_000_000 + l)}`
    objects.push({ type: 'location', id: location, country: 'FR' })
    objects.push({ type: 'relationship', id: `relationship--${uuid(2_000_000 + l)}`, relationship_type: 'located-at', source_ref: hub, target_ref: location })
  }
  let next = 3_000_000
  for (let r = 0; r < reports; r++) {
    const refs: string[] = []
    for (let a = 0; a < actorsPerReport; a++) {
      const actor = `threat-actor--${uuid(next++)}`
      objects.push({ type: 'threat-actor', id: actor, name: `Actor ${r}-${a}` })
      for (let k = 0; k < repeats; k++) refs.push(actor)
    }
    const report = `report--${uuid(next++)}`
    objects.push({ type: 'report', id: report, name: `Report ${r}`, published: '2024-05-01T00:00:00Z', object_refs: refs })
    objects.push({ type: 'relationship', id: `relationship--${uuid(next++)}`, relationship_type: 'attributed-to', source_ref: report, target_ref: hub })
  }
  return JSON.stringify({ type: 'bundle', id: `bundle--${uuid(9)}`, objects })
}

/** A STIX campaign targeting an identity whose `sectors` hold `size` items (once spread into a push). */
export function stixHugeArrays(size: number): string {
  const labels = ['one', 'two']
  const target = `identity--${uuid(1)}`
  const sectors = Array.from({ length: size }, (_, i) => `sector-${i}`)
  const objects = [
    { type: 'identity', id: target, name: 'Target', identity_class: 'organization', sectors },
    { type: 'campaign', id: `campaign--${uuid(2)}`, name: 'Big', first_seen: '2024-01-02T00:00:00Z', labels },
    { type: 'relationship', id: `relationship--${uuid(3)}`, relationship_type: 'targets', source_ref: `campaign--${uuid(2)}`, target_ref: target },
  ]
  return JSON.stringify({ type: 'bundle', id: `bundle--${uuid(4)}`, objects })
}

/** A native CSV of `rows` rows, each naming `names` countries (each distinct, half unknown). */
export function csvLongCountryLists(rows: number, names: number): string {
  const lines = ['id,title,date,threatLevel,countries']
  for (let r = 0; r < rows; r++) {
    const list: string[] = []
    for (let n = 0; n < names; n++) list.push(n % 2 === 0 ? 'FR' : `Nowhere ${r}-${n}`)
    lines.push(`e${r},Row ${r},2024-01-02,3,"${list.join(';')}"`)
  }
  return `${lines.join('\n')}\n`
}

/** An HTML page that ends in `count` comments never closed (no `-->`, nor any `>`, after them). */
export function htmlUnclosedComments(count: number): string {
  const story = '<html><head><title>Port closed</title></head><body><article><h1>Port closed</h1><p>Officials said on 4 May 2024 the port was closed.</p>'
  return `${story}\n${'<!-- note '.repeat(count)}`
}

/** An HTML page of `count` tags that never close (`<a href="…` with no `>`). */
export function htmlUnclosedTags(count: number): string {
  const parts = ['<html><body><article><h1>Port closed</h1><p>Officials said on 4 May 2024 the port was closed.</p>']
  for (let i = 0; i < count; i++) parts.push('<a href="x y')
  return parts.join('\n')
}
