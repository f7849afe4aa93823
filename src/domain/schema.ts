import * as z from './zod.ts'

/**
 * The dataset file format v1, as written by people and tools: looser than the model (levels
 * as labels, countries as any code or name, actors as bare names). Used at the boundary only;
 * ingest/native-json.ts turns a valid event into a ThreatEvent.
 */

const text = z.string().trim()
const nonEmpty = z.string().trim().min(1, 'must not be empty')

export const actorTypeSchema = z.enum(['state', 'person', 'organization', 'group', 'unknown'])

export const actorInputSchema = z.union([
  nonEmpty,
  z.object({
    name: nonEmpty,
    type: actorTypeSchema.optional(),
    role: text.optional(),
    country: text.optional(),
  }),
])

export const levelInputSchema = z.union([z.number(), nonEmpty]).describe(
  'A level 1–5, or a label: low, guarded, elevated (medium, moderate), high, critical (severe, extreme); other scales through levelScheme',
)

export const levelSchemeSchema = z.enum(['watchfloor', 'uk-jtac', 'hsas', 'ntas', 'defcon', 'goldstein'])

const isoDateText = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'must be an ISO 8601 date: 2022, 2022-02, 2022-02-24 or 2022-02-24T03:00Z')

const scalar = z.union([z.string(), z.number(), z.boolean()])

export const eventInputSchema = z.object({
  id: nonEmpty.max(200),
  title: nonEmpty.max(1000),
  summary: text.optional(),
  category: text.optional(),
  tags: z.array(text).optional(),
  sectors: z.array(text).optional(),
  date: isoDateText,
  endDate: isoDateText.optional(),
  threatLevel: levelInputSchema,
  sourceLevel: z
    .union([z.string(), z.number()])
    .optional()
    .describe('The level exactly as the original source gave it, kept beside the normalised threatLevel'),
  actors: z.array(actorInputSchema).optional(),
  countries: z.array(text).optional().describe('Where it happened: ISO 3166 alpha-2, alpha-3, numeric, or English name'),
  involvedCountries: z.array(text).optional().describe('Taking part from elsewhere (mediators, hosts): not counted as places'),
  regions: z.array(text).optional().describe('M49 names, aliases (Middle East, Sahel…) or STIX region-ov slugs'),
  location: z
    .object({
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      name: text.optional(),
      precision: text.optional(),
    })
    .optional(),
  trend: z.enum(['improving', 'stable', 'deteriorating']).optional(),
  confidence: z.number().min(0).max(100).optional(),
  fatalities: z.number().int().min(0).optional(),
  assessment: text.optional(),
  impacts: z.array(text).optional(),
  quotes: z.array(z.object({ speaker: text, text: nonEmpty })).optional(),
  sources: z.array(z.object({ name: nonEmpty, url: text.optional(), date: text.optional() })).optional(),
  related: z.array(text).optional(),
  extra: z.record(z.string(), scalar).optional().describe('Source-specific ids, codes and values kept as given'),
})

export type EventInput = z.infer<typeof eventInputSchema>

export const regionDefInputSchema = z.object({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case slug'),
  name: nonEmpty,
  countries: z.array(text),
})

/** Everything but the events: validated as a whole; a bad header rejects the file. */
export const datasetHeaderSchema = z.object({
  schemaVersion: z.literal(1),
  name: nonEmpty.max(500),
  description: text.optional(),
  generatedAt: text.optional(),
  source: text.optional(),
  levelScheme: levelSchemeSchema.optional(),
  regions: z.array(regionDefInputSchema).optional(),
  events: z.array(z.unknown()),
})

/** The whole file, for the published JSON Schema (events are checked one by one when reading). */
export const datasetFileSchema = datasetHeaderSchema.extend({ events: z.array(eventInputSchema) })

/** JSON Schema (draft 2020-12) of the file format, as published in public/schema/dataset.v1.json. */
export function datasetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(datasetFileSchema, { target: 'draft-2020-12', io: 'input' })
  return {
    ...schema,
    $id: 'urn:watchfloor:schema:dataset:v1',
    title: 'Watchfloor dataset v1',
  }
}
