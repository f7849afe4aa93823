/**
 * The dataset file format v1 (schema.ts) checked by hand, without zod: the app's start-up path
 * reads its bundled sample with this, so that the first painted dashboard does not wait for zod.
 * It accepts exactly what `eventInputSchema` and `datasetHeaderSchema` accept and gives the same
 * values (strings trimmed where the schema trims, unknown keys dropped): a property test holds
 * the two to each other. Files a user opens keep the zod schemas.
 */
import type { EventInput } from '../schema.ts'

/** One problem: where (`sources.2.name`, or `(record)` for the whole value) and why. */
export interface ShapeIssue {
  readonly field: string
  readonly message: string
}

export type ShapeOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ShapeIssue[] }

/** What a checked header holds (`datasetHeaderSchema`'s output). */
export interface HeaderInput {
  readonly schemaVersion: 1
  readonly name: string
  readonly description?: string
  readonly generatedAt?: string
  readonly source?: string
  readonly levelScheme?: 'watchfloor' | 'uk-jtac' | 'hsas' | 'ntas' | 'defcon' | 'goldstein'
  readonly regions?: { id: string; name: string; countries: string[] }[]
  readonly events: unknown[]
}

const BAD = Symbol('bad')
type Bad = typeof BAD
type Check<T> = (value: unknown, path: string, issues: ShapeIssue[]) => T | Bad

function fail(issues: ShapeIssue[], path: string, message: string): Bad {
  issues.push({ field: path === '' ? '(record)' : path, message })
  return BAD
}

const at = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`)

const text: Check<string> = (v, path, issues) => (typeof v === 'string' ? v.trim() : fail(issues, path, 'must be a string'))

function nonEmpty(max = Infinity): Check<string> {
  return (v, path, issues) => {
    const s = text(v, path, issues)
    if (s === BAD) return BAD
    if (s.length < 1) return fail(issues, path, 'must not be empty')
    return s.length > max ? fail(issues, path, `must be at most ${max} characters`) : s
  }
}

function finite(min = -Infinity, max = Infinity, integer = false): Check<number> {
  return (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(issues, path, 'must be a number')
    if (integer && !Number.isSafeInteger(v)) return fail(issues, path, 'must be a whole number')
    if (v < min) return fail(issues, path, `must be at least ${min}`)
    return v > max ? fail(issues, path, `must be at most ${max}`) : v
  }
}

function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (v, path, issues) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(issues, path, `must be one of ${values.join(', ')}`))
}

function list<T>(item: Check<T>): Check<T[]> {
  return (v, path, issues) => {
    if (!Array.isArray(v)) return fail(issues, path, 'must be a list')
    const out: T[] = []
    let bad = false
    v.forEach((x, i) => {
      const checked = item(x, at(path, i), issues)
      if (checked === BAD) bad = true
      else out.push(checked)
    })
    return bad ? BAD : out
  }
}

/**
 * The first of `checks` that accepts the value. When none does: the last one's issues, or
 * `kinds` when the value is of none of the kinds accepted.
 */
function either<T>(kinds: string, ...checks: Check<T>[]): Check<T> {
  return (v, path, issues) => {
    let last: ShapeIssue[] = []
    for (const check of checks) {
      last = []
      const checked = check(v, path, last)
      if (checked !== BAD) return checked
    }
    const wrongKind = last.length === 1 && /^must be (a string|an object|a number)$/.test(last[0]!.message)
    if (wrongKind) return fail(issues, path, kinds)
    for (const issue of last) issues.push(issue)
    return BAD
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

type Shape = Record<string, { readonly check: Check<unknown>; readonly optional: boolean }>

const req = (check: Check<unknown>): Shape[string] => ({ check, optional: false })
const opt = (check: Check<unknown>): Shape[string] => ({ check, optional: true })

/** An object with these keys (others dropped); an optional key may be missing or undefined. */
function object<T>(shape: Shape): Check<T> {
  return (v, path, issues) => {
    if (!isRecord(v)) return fail(issues, path, 'must be an object')
    const out: Record<string, unknown> = {}
    let bad = false
    for (const [key, { check, optional }] of Object.entries(shape)) {
      const value = v[key]
      if (value === undefined) {
        if (!optional) bad = fail(issues, at(path, key), 'is missing') === BAD
        continue
      }
      const checked = check(value, at(path, key), issues)
      if (checked === BAD) bad = true
      else out[key] = checked
    }
    return bad ? BAD : (out as T)
  }
}

const scalar: Check<string | number | boolean> = (v, path, issues) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : fail(issues, path, 'must be a string, number or true/false')

const extra: Check<Record<string, string | number | boolean>> = (v, path, issues) => {
  if (!isRecord(v)) return fail(issues, path, 'must be an object')
  const out: Record<string, string | number | boolean> = {}
  let bad = false
  for (const key of Object.keys(v)) {
    const checked = scalar(v[key], at(path, key), issues)
    if (checked === BAD) bad = true
    else Object.defineProperty(out, key, { value: checked, enumerable: true, writable: true, configurable: true })
  }
  return bad ? BAD : out
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/

const isoDate: Check<string> = (v, path, issues) => {
  const s = text(v, path, issues)
  if (s === BAD) return BAD
  return ISO_DATE.test(s) ? s : fail(issues, path, 'must be an ISO 8601 date: 2022, 2022-02, 2022-02-24 or 2022-02-24T03:00Z')
}

const texts = list(text)

const actor = either<unknown>(
  'must be a name or an object with a name',
  nonEmpty(),
  object({ name: req(nonEmpty()), type: opt(oneOf(['state', 'person', 'organization', 'group', 'unknown'])), role: opt(text), country: opt(text) }),
)

const eventShape = object<EventInput>({
  id: req(nonEmpty(200)),
  title: req(nonEmpty(1000)),
  summary: opt(text),
  category: opt(text),
  tags: opt(texts),
  sectors: opt(texts),
  date: req(isoDate),
  endDate: opt(isoDate),
  threatLevel: req(either<unknown>('must be a number or a label', finite(), nonEmpty())),
  sourceLevel: opt((v, path, issues) => (typeof v === 'string' ? v : finite()(v, path, issues))),
  actors: opt(list(actor)),
  countries: opt(texts),
  involvedCountries: opt(texts),
  regions: opt(texts),
  location: opt(object({ lat: req(finite(-90, 90)), lon: req(finite(-180, 180)), name: opt(text), precision: opt(text) })),
  trend: opt(oneOf(['improving', 'stable', 'deteriorating'])),
  confidence: opt(finite(0, 100)),
  fatalities: opt(finite(0, Infinity, true)),
  assessment: opt(text),
  impacts: opt(texts),
  quotes: opt(list(object({ speaker: req(text), text: req(nonEmpty()) }))),
  sources: opt(list(object({ name: req(nonEmpty()), url: opt(text), date: opt(text) }))),
  related: opt(texts),
  extra: opt(extra),
})

const slug: Check<string> = (v, path, issues) => {
  const s = text(v, path, issues)
  if (s === BAD) return BAD
  return /^[a-z0-9][a-z0-9-]*$/.test(s) ? s : fail(issues, path, 'must be a lower-case slug')
}

const headerShape = object<HeaderInput>({
  schemaVersion: req((v, path, issues) => (v === 1 ? 1 : fail(issues, path, 'must be 1'))),
  name: req(nonEmpty(500)),
  description: opt(text),
  generatedAt: opt(text),
  source: opt(text),
  levelScheme: opt(oneOf(['watchfloor', 'uk-jtac', 'hsas', 'ntas', 'defcon', 'goldstein'])),
  regions: opt(list(object({ id: req(slug), name: req(nonEmpty()), countries: req(texts) }))),
  events: req((v, path, issues) => (Array.isArray(v) ? v : fail(issues, path, 'must be a list'))),
})

function run<T>(check: Check<T>, value: unknown): ShapeOutcome<T> {
  const issues: ShapeIssue[] = []
  const checked = check(value, '', issues)
  return checked === BAD ? { ok: false, issues } : { ok: true, value: checked }
}

/** Checks one event record as `eventInputSchema` does. Never throws. */
export function checkEventInput(value: unknown): ShapeOutcome<EventInput> {
  return run(eventShape, value)
}

/** Checks a document's header (everything but the events' contents) as `datasetHeaderSchema` does. Never throws. */
export function checkDatasetHeader(value: unknown): ShapeOutcome<HeaderInput> {
  return run(headerShape, value)
}
