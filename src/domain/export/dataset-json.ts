import type { z } from 'zod'
import type { Dataset, ThreatEvent } from '../model.ts'
import type { datasetFileSchema } from '../schema.ts'
import { exportDeg } from './coordinates.ts'

/** A dataset v1 document as written to a file (the shape schema.ts validates). */
export type DatasetFile = z.input<typeof datasetFileSchema>
export type DatasetFileEvent = DatasetFile['events'][number]

function nonEmpty<T>(values: readonly T[]): T[] | undefined {
  return values.length > 0 ? [...values] : undefined
}

/** Drops undefined members so the written JSON holds only what the event has. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T
}

function toFileEvent(event: ThreatEvent): DatasetFileEvent {
  return compact({
    id: event.id,
    title: event.title,
    summary: event.summary,
    category: event.category,
    date: event.date.text,
    endDate: event.endDate?.text,
    threatLevel: event.threatLevel,
    sourceLevel: event.sourceLevel,
    actors: nonEmpty(
      event.actors.map((actor) =>
        compact({ name: actor.name, type: actor.type, role: actor.role, country: actor.country }),
      ),
    ),
    countries: nonEmpty(event.countries),
    involvedCountries: nonEmpty(event.involvedCountries ?? []),
    regions: nonEmpty(event.regions),
    location: event.location
      ? compact({
          lat: exportDeg(event.location.latDeg),
          lon: exportDeg(event.location.lonDeg),
          name: event.location.name,
          precision: event.location.precision,
        })
      : undefined,
    trend: event.trend,
    confidence: event.confidence,
    fatalities: event.fatalities,
    assessment: event.assessment,
    tags: nonEmpty(event.tags),
    sectors: nonEmpty(event.sectors),
    impacts: nonEmpty(event.impacts),
    quotes: nonEmpty(event.quotes.map((q) => ({ speaker: q.speaker, text: q.text }))),
    sources: nonEmpty(event.sources.map((s) => compact({ name: s.name, url: s.url, date: s.date }))),
    related: nonEmpty(event.related),
    extra: event.extra ? { ...event.extra } : undefined,
  })
}

/**
 * The normalised dataset as a dataset v1 document: dates as their source text, levels as
 * numbers on Watchfloor's 1–5 scale (so no `levelScheme`; a source's own level is kept in
 * `sourceLevel`), countries as alpha-2 codes, regions as slugs, actors as objects, coordinates
 * with at most six decimals (coordinates.ts).
 * Reading the result with readNativeJson gives the same events.
 */
export function toDatasetFile(dataset: Dataset): DatasetFile {
  return compact({
    schemaVersion: 1 as const,
    name: dataset.name,
    description: dataset.description,
    generatedAt: dataset.generatedAt,
    source: dataset.source,
    regions: nonEmpty(
      dataset.regions.map((region) => ({ id: region.id, name: region.name, countries: [...region.countries] })),
    ),
    events: dataset.events.map(toFileEvent),
  })
}

/** The dataset as pretty-printed dataset v1 JSON, ending in a newline. */
export function serialiseDataset(dataset: Dataset): string {
  return `${JSON.stringify(toDatasetFile(dataset), null, 2)}\n`
}
