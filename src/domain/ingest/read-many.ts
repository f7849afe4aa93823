/**
 * Reads several inputs that belong together as one: GDELT events files with their mentions
 * tables (joined, and merged by GDELT's duplicate rule when asked). Any single input goes
 * straight to readAny.
 */
import { detectFormat, type ImportFormat } from './detect.ts'
import { looksLikeGdeltMentions, MENTIONS_ALONE } from './gdelt-mentions.ts'
import { readAny, type ReadAnyOptions } from './read-any.ts'
import { unreadable, type ReadOutcome } from './read-outcome.ts'

export interface NamedText {
  readonly text: string
  /** A file name or URL: a detection hint and the dataset's name. */
  readonly fileName: string
}

export type ReadManyOptions = Omit<ReadAnyOptions, 'fileName' | 'mentions'>

/** What an input is, for grouping: a GDELT mentions table is told from GDELT events. */
export type InputKind = ImportFormat | 'gdelt-mentions' | null

/** The kind of an input from its text (its head is enough). */
export function inputKind(text: string, fileName?: string): InputKind {
  if (looksLikeGdeltMentions(text)) return 'gdelt-mentions'
  return detectFormat(text, fileName)
}

/** True when inputs of these kinds are read together (readMany) rather than one by one. */
export function readTogether(kinds: readonly InputKind[]): boolean {
  return kinds.length > 1 && kinds.every((k) => k === 'gdelt' || k === 'gdelt-mentions')
}

/**
 * Reads `inputs` as one dataset: one input as readAny would; GDELT events files (their rows in
 * turn) with any mentions tables joined to them. Mentions without an events file, or inputs of
 * other formats together, give `ok: false` with a one-line reason. Never throws.
 */
export function readMany(inputs: readonly NamedText[], options: ReadManyOptions = {}): ReadOutcome {
  if (inputs.length === 0) return unreadable('nothing to read')
  const kinds = inputs.map((input) => (options.format && options.format !== 'auto' && options.format !== 'gdelt' ? options.format : inputKind(input.text, input.fileName)))
  if (inputs.length === 1) {
    const only = inputs[0]!
    if (kinds[0] === 'gdelt-mentions') return unreadable(MENTIONS_ALONE)
    return readAny(only.text, { ...options, fileName: only.fileName })
  }
  if (!readTogether(kinds)) {
    return unreadable('several files are read together only as GDELT events files with their mentions tables: read the others one at a time')
  }
  const events = inputs.filter((_, i) => kinds[i] === 'gdelt')
  const mentions = inputs.filter((_, i) => kinds[i] === 'gdelt-mentions').map((m) => m.text)
  if (events.length === 0) return unreadable(MENTIONS_ALONE)
  const text = events.map((e) => e.text.replace(/\s+$/, '')).join('\n')
  return readAny(text, { ...options, format: 'gdelt', fileName: events[0]!.fileName, mentions })
}
