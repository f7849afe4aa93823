/**
 * An import's input as the workspace saves it, and how a saved input is read again. Inputs read
 * together (GDELT events with their mentions tables, ACLED exports of one dataset) are saved as
 * one input with its companions, and the reading choices (duplicates merged, events dropped)
 * with it, so a reload rebuilds the same joined, merged dataset rather than the first file alone.
 */
import type { ColumnTarget } from '../../domain/ingest/csv-headers.ts'
import { isImportFormat, type ImportFormat } from '../../domain/ingest/detect.ts'
import type { IngestSource } from '../../domain/ingest/ingest-protocol.ts'
import { madeChoices, type ReadChoices } from '../../domain/ingest/read-choices.ts'
import type { ImportedData } from '../../lib/ingest/ingest-client.ts'
import type { SavedCompanion, SavedInput } from '../../lib/storage/workspace-db.ts'

function companionOf(source: IngestSource): SavedCompanion | null {
  if (source.kind === 'file') return { name: source.name, text: source.file }
  if (source.kind === 'text') return { name: source.name, text: source.text }
  // A URL is never read together with others (its kind is not known before it is fetched).
  return null
}

/** What to save of one import job: its main input (as read), its companions and the choices made. */
export function savedInputOf(data: ImportedData, companions: readonly IngestSource[], overrides: ReadonlyMap<number, ColumnTarget> | undefined, choices: ReadChoices): SavedInput {
  const saved = companions.map(companionOf).filter((c): c is SavedCompanion => c !== null)
  const made = madeChoices(choices)
  return {
    name: data.report.origin,
    text: data.text,
    format: data.report.format,
    overrides: [...(overrides ?? [])],
    ...(saved.length > 0 ? { companions: saved } : {}),
    ...(Object.keys(made).length > 0 ? { choices: made } : {}),
  }
}

/** How a saved input is read again: a Blob as a file (the page never holds its text), text as text. */
export function savedInputSource(text: string | Blob, name: string): IngestSource {
  return typeof text === 'string' ? { kind: 'text', text, name } : { kind: 'file', file: text, name }
}

/** The request to read a saved input again: its source, its companions and its choices. */
export interface SavedRead extends ReadChoices {
  readonly source: IngestSource
  readonly companions: readonly IngestSource[]
  readonly format: ImportFormat | 'auto'
  readonly overrides: ReadonlyMap<number, ColumnTarget>
}

/** A saved input's own name: the name saved is all the inputs' names joined (the report's origin), the main one first. */
export function mainNameOf(input: SavedInput): string {
  const companions = input.companions ?? []
  const suffix = companions.map((c) => ` + ${c.name}`).join('')
  return companions.length > 0 && input.name.endsWith(suffix) ? input.name.slice(0, -suffix.length) : input.name
}

export function savedRead(input: SavedInput): SavedRead {
  const companions = input.companions ?? []
  const name = mainNameOf(input)
  // A joined read is told apart by its kinds in the worker: its format stays detected.
  const format = companions.length === 0 && isImportFormat(input.format) ? input.format : 'auto'
  return {
    source: savedInputSource(input.text, name),
    companions: companions.map((c) => savedInputSource(c.text, c.name)),
    format,
    overrides: new Map(input.overrides as readonly (readonly [number, ColumnTarget])[]),
    ...madeChoices(input.choices ?? {}),
  }
}
