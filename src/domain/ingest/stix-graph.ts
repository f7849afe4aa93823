import type { ActorType, ImportIssue } from '../model.ts'
import { lookupCountry } from '../regions.ts'
import { resolvePlace, str, strings, type StixObject, type StixPlace } from './stix-places.ts'

/** A STIX relationship reduced to what the importer follows. */
export interface StixEdge {
  readonly type: string
  readonly source: string
  readonly target: string
  readonly description?: string
}

/** Relationship types the importer reads; others are reported as skipped. */
export const READ_RELATIONSHIPS = new Set(['attributed-to', 'targets', 'located-at', 'originates-from', 'impacts', 'related-to'])

export interface StixActor {
  readonly name: string
  readonly type: ActorType
  readonly role?: string
  readonly country?: string
}

/**
 * The objects of a bundle indexed for the importer: by id, relationships by source and target,
 * and location objects resolved to places once.
 */
export class StixGraph {
  readonly byId = new Map<string, StixObject>()
  readonly rowOf = new Map<string, number>()
  // Edges by object id, then by relationship type: a hub object with many relationships is not
  // scanned again by every event that refers to it.
  private readonly out = new Map<string, Map<string, StixEdge[]>>()
  private readonly in = new Map<string, Map<string, StixEdge[]>>()
  private readonly places = new Map<string, StixPlace | null>()
  private readonly countries = new Map<string, string | undefined>()
  /** Ids of objects some event used (as actor, place, impact), for the skipped-objects report. */
  readonly used = new Set<string>()

  constructor(objects: readonly StixObject[]) {
    objects.forEach((o, i) => {
      if (!this.byId.has(o.id)) {
        this.byId.set(o.id, o)
        this.rowOf.set(o.id, i + 1)
      }
    })
    for (const o of objects) {
      if (o.type !== 'relationship') continue
      const type = str(o.relationship_type)?.toLowerCase()
      const source = str(o.source_ref)
      const target = str(o.target_ref)
      if (!type || !source || !target) continue
      const description = str(o.description)
      const edge = { type, source, target, ...(description ? { description } : {}) }
      this.push(this.out, source, edge)
      this.push(this.in, target, edge)
    }
  }

  private push(map: Map<string, Map<string, StixEdge[]>>, key: string, edge: StixEdge): void {
    let byType = map.get(key)
    if (!byType) map.set(key, (byType = new Map()))
    const list = byType.get(edge.type)
    if (list) list.push(edge)
    else byType.set(edge.type, [edge])
  }

  /** Objects `id` points to with a relationship of `type` (id --type--> target). */
  targets(id: string, type: string): StixObject[] {
    return this.edges(id, type)
      .map((e) => this.byId.get(e.target))
      .filter((o): o is StixObject => o !== undefined)
  }

  /** The relationships of `type` leaving `id`. Do not change the list returned. */
  edges(id: string, type: string): readonly StixEdge[] {
    return this.out.get(id)?.get(type) ?? []
  }

  /** Objects pointing at `id` with a relationship of `type` (source --type--> id). */
  sources(id: string, type: string): StixObject[] {
    return (this.in.get(id)?.get(type) ?? [])
      .map((e) => this.byId.get(e.source))
      .filter((o): o is StixObject => o !== undefined)
  }

  /** The place a location object stands for, or null when it names nothing Watchfloor knows. */
  place(location: StixObject): StixPlace | null {
    let place = this.places.get(location.id)
    if (place === undefined) {
      place = resolvePlace(location) ?? null
      this.places.set(location.id, place)
    }
    return place
  }

  /** The country an actor is located at or originates from, as ISO alpha-2 (found once per actor). */
  actorCountry(actor: StixObject): string | undefined {
    if (this.countries.has(actor.id)) return this.countries.get(actor.id)
    const country = this.findActorCountry(actor)
    this.countries.set(actor.id, country)
    return country
  }

  private findActorCountry(actor: StixObject): string | undefined {
    for (const rel of ['located-at', 'originates-from']) {
      for (const location of this.targets(actor.id, rel)) {
        if (location.type !== 'location') continue
        const country = this.place(location)?.countries[0]
        if (country) {
          this.used.add(location.id)
          return country
        }
      }
    }
    const own = str(actor.country) ?? str(actor.x_country) ?? str(actor.x_watchfloor_country)
    return own ? lookupCountry(own)?.code : undefined
  }

  actor(o: StixObject, role: string): StixActor {
    this.used.add(o.id)
    const country = this.actorCountry(o)
    return { name: str(o.name) ?? o.id, type: actorTypeOf(o), role, ...(country ? { country } : {}) }
  }
}

const ACTOR_TYPE_NAMES = new Set(['state', 'person', 'organization', 'group', 'unknown'])

function actorTypeOf(o: StixObject): ActorType {
  const own = str(o.x_watchfloor_actor_type)
  if (own && ACTOR_TYPE_NAMES.has(own)) return own as ActorType
  if (o.type === 'intrusion-set') return 'group'
  if (o.type === 'threat-actor') return strings(o.threat_actor_types).includes('nation-state') ? 'state' : 'group'
  switch (str(o.identity_class)?.toLowerCase()) {
    case 'individual':
      return 'person'
    case 'organization':
      return 'organization'
    case 'group':
      return 'group'
    default:
      return 'unknown'
  }
}

/**
 * Warnings for what the importer did not use: one line per object type (or relationship type)
 * with how many and why, on the row of the first such object.
 */
export function skippedReport(objects: readonly StixObject[], graph: StixGraph, eventTypes: ReadonlySet<string>): ImportIssue[] {
  const groups = new Map<string, { row: number; count: number; why: string }>()
  const note = (key: string, row: number, why: string): void => {
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { row, count: 1, why })
  }
  objects.forEach((o, i) => {
    const row = i + 1
    if (o.x_watchfloor_export === true) return note('Watchfloor export report', row, 'it holds the exported events')
    if (eventTypes.has(o.type) || o.type === 'bundle') return
    if (o.type === 'relationship') {
      const type = str(o.relationship_type)?.toLowerCase() ?? '(untyped)'
      if (!READ_RELATIONSHIPS.has(type)) note(`relationship ${type}`, row, 'Watchfloor does not read this relationship type')
      else if (!graph.byId.has(str(o.source_ref) ?? '') || !graph.byId.has(str(o.target_ref) ?? '')) {
        note(`relationship ${type} (dangling)`, row, 'it refers to an object that is not in the bundle')
      } else if (/^location--/.test(str(o.source_ref) ?? '') && /^location--/.test(str(o.target_ref) ?? '')) {
        note(`relationship ${type} (location to location)`, row, 'region membership comes from the UN M49 table')
      }
      return
    }
    if (o.type === 'location' && graph.place(o) === null) {
      note('location (unresolved)', row, 'no country, region or point Watchfloor knows')
      return
    }
    if (graph.used.has(o.id)) return
    const known = ['threat-actor', 'intrusion-set', 'identity', 'location', 'impact'].includes(o.type)
    note(o.type, row, known ? 'no event in the bundle refers to it' : 'not an event, actor or place type Watchfloor reads')
  })
  return [...groups].map(([key, g]) => ({
    row: g.row,
    field: 'type',
    message: `${g.count} ${key} object${g.count === 1 ? '' : 's'} skipped: ${g.why}`,
  }))
}
