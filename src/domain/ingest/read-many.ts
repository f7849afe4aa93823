/**
 * Reads several inputs that belong together as one: GDELT events files with their mentions
 * tables (joined, and merged by GDELT's duplicate rule when asked), and ACLED exports of one
 * living dataset (each newer export merged into the older, acled-update.ts). Any single input
 * goes straight to readAny.
 */
import type { ImportIssue, ImportResult } from '../model.ts'
import { describeAcledUpdate, mergeAcledUpdate, type AcledUpdateCounts } from './acled-update.ts'
import { MENTIONS_ALONE } from './gdelt-mentions.ts'
import { withGroupsMerged } from './merge-groups.ts'
import type { ReadChoices } from './read-choices.ts'
import { inputKind, readTogether } from './input-kind.ts'
import { readAny, type ReadAnyOptions } from './read-any.ts'
import { unreadable, type ReadOutcome } from './read-outcome.ts'

export interface NamedText {
  readonly text: string
  /** A file name or URL: a detection hint and the dataset's name. */
  readonly fileName: string
}

/** `dropRemovedUpstream`: ACLED updates leave out the events removed upstream instead of keeping them flagged. */
export interface ReadManyOptions extends Omit<ReadAnyOptions, 'fileName' | 'mentions'>, ReadChoices {}

/**
 * Reads `inputs` as one dataset: one input as readAny would; GDELT events files (their rows in
 * turn) with any mentions tables joined to them. Mentions without an events file, or inputs of
 * other formats together, give `ok: false` with a one-line reason. The reviewed duplicate groups
 * (`mergeGroups`) are merged last, whatever the format. Never throws.
 */
export function readMany(inputs: readonly NamedText[], options: ReadManyOptions = {}): ReadOutcome {
  const outcome = readInputs(inputs, options)
  if (!outcome.ok || !options.mergeGroups || options.mergeGroups.length === 0) return outcome
  return { ok: true, result: withGroupsMerged(outcome.result, options.mergeGroups) }
}

function readInputs(inputs: readonly NamedText[], options: ReadManyOptions): ReadOutcome {
  if (inputs.length === 0) return unreadable('nothing to read')
  const kinds = inputs.map((input) => (options.format && options.format !== 'auto' && options.format !== 'gdelt' ? options.format : inputKind(input.text, input.fileName)))
  if (inputs.length === 1) {
    const only = inputs[0]!
    if (kinds[0] === 'gdelt-mentions') return unreadable(MENTIONS_ALONE)
    return readAny(only.text, { ...options, fileName: only.fileName })
  }
  if (!readTogether(kinds)) {
    return unreadable(
      'several files are read together only as GDELT events files with their mentions tables, or as ACLED exports of one dataset: read the others one at a time',
    )
  }
  if (kinds[0] === 'acled') return readAcledUpdates(inputs, options)
  const events = inputs.filter((_, i) => kinds[i] === 'gdelt')
  const mentions = inputs.filter((_, i) => kinds[i] === 'gdelt-mentions').map((m) => m.text)
  if (events.length === 0) return unreadable(MENTIONS_ALONE)
  const text = events.map((e) => e.text.replace(/\s+$/, '')).join('\n')
  return readAny(text, { ...options, format: 'gdelt', fileName: events[0]!.fileName, mentions })
}

/** The latest ACLED `timestamp` among a result's events: the export's age. */
function newestTimestamp(result: ImportResult): number {
  let newest = -1
  for (const e of result.dataset.events) newest = Math.max(newest, Number(e.extra?.timestamp) || -1)
  return newest
}

function named(issues: readonly ImportIssue[], name: string): ImportIssue[] {
  return issues.map((i) => ({ ...i, message: `${name}: ${i.message}` }))
}

/**
 * ACLED exports of one dataset, oldest first by their latest `timestamp` (whatever order they
 * were given in): each newer one merged into what came before. Rows stay accounted for: an
 * event in both is one accepted event and one merged record.
 */
function readAcledUpdates(inputs: readonly NamedText[], options: ReadManyOptions): ReadOutcome {
  const reads: { result: ImportResult; name: string }[] = []
  for (const input of inputs) {
    const out = readAny(input.text, { ...options, format: 'acled', fileName: input.fileName })
    if (!out.ok) return unreadable(`${input.fileName}: ${out.reason}`)
    reads.push({ result: out.result, name: input.fileName })
  }
  reads.sort((a, b) => newestTimestamp(a.result) - newestTimestamp(b.result))
  let events = [...reads[0]!.result.dataset.events]
  const totals = { updated: 0, unchanged: 0, new: 0, removed: 0 }
  const notes: string[] = []
  for (const next of reads.slice(1)) {
    const update = mergeAcledUpdate(events, next.result.dataset.events)
    events = update.events
    const counts: AcledUpdateCounts = update.counts
    totals.updated += counts.updated
    totals.unchanged += counts.unchanged
    totals.new += counts.new
    notes.push(`${next.name} into the older data: ${describeAcledUpdate(counts)}`)
  }
  // An event flagged by one update and back in a later export is no longer removed.
  totals.removed = events.filter((e) => e.extra?.removedUpstream === true).length
  if (options.dropRemovedUpstream) {
    events = events.filter((e) => e.extra?.removedUpstream !== true)
    notes.push(`${totals.removed} removed upstream left out`)
  }
  if (reads.length > 2) notes.push(`in all: ${describeAcledUpdate(totals)}`)
  const results = reads.map((r) => r.result)
  const sum = (f: (r: ImportResult) => number): number => results.reduce((n, r) => n + f(r), 0)
  const rejected = sum((r) => r.rejected)
  const records = sum((r) => r.total + r.merged)
  const first = reads[0]!.result
  const result: ImportResult = {
    format: first.format,
    // Events: the accepted and the rejected; every other record read (the older copy of an event
    // in both exports, an event left out as removed upstream) is merged into the newer picture.
    total: events.length + rejected,
    dataset: { ...first.dataset, name: `${first.dataset.name} (updated)`, events },
    rejected,
    merged: records - (events.length + rejected),
    rejectedRows: reads.flatMap((r) => r.result.rejectedRows),
    issues: reads.flatMap((r) => named(r.result.issues, r.name)),
    warnings: reads.flatMap((r) => named(r.result.warnings, r.name)),
    notes,
  }
  return { ok: true, result }
}
