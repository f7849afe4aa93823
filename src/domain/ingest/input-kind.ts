/**
 * What an input is, told from its head, for deciding which inputs are read together
 * (read-many.ts). Small on purpose: the app imports it on the main thread, the readers stay in
 * the import worker.
 */
import { detectFormat, type ImportFormat } from './detect.ts'
import { looksLikeGdeltMentions } from './gdelt-mentions.ts'

/** What an input is, for grouping: a GDELT mentions table is told from GDELT events. */
export type InputKind = ImportFormat | 'gdelt-mentions' | null

/** The kind of an input from its text (its head is enough). */
export function inputKind(text: string, fileName?: string): InputKind {
  if (looksLikeGdeltMentions(text)) return 'gdelt-mentions'
  return detectFormat(text, fileName)
}

/** True when inputs of these kinds are read together (readMany) rather than one by one. */
export function readTogether(kinds: readonly InputKind[]): boolean {
  if (kinds.length < 2) return false
  return kinds.every((k) => k === 'gdelt' || k === 'gdelt-mentions') || kinds.every((k) => k === 'acled')
}

