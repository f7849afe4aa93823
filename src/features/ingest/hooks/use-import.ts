import { useCallback, useEffect, useRef, useState } from 'react'
import type { ColumnTarget } from '../../../domain/ingest/csv-headers.ts'
import type { IngestPhase, IngestSource } from '../../../domain/ingest/ingest-protocol.ts'
import { madeChoices, type ReadChoices } from '../../../domain/ingest/read-choices.ts'
import type { StringColumn } from '../../../domain/string-column.ts'
import { prewarmIngest, startIngest, type IngestJob } from '../../../lib/ingest/ingest-client.ts'
import { prepareEngine } from '../../../state/run-views.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { currentIdsOf } from '../utils/commit-import.ts'
import { combineParts, countClashes, type ImportPreview, type ReadPart } from '../utils/preview.ts'
import { savedInputOf } from '../utils/saved-input.ts'
import { groupSources } from '../utils/together.ts'

/** Where an import is: nothing yet, reading input i of n, failed, or ready to commit. */
export type ImportStage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly name: string; readonly index: number; readonly count: number; readonly phase: IngestPhase; readonly fraction: number }
  | {
      readonly kind: 'failed'
      readonly name: string
      readonly reason: string
      /** A CSV whose columns could not be mapped: its header, for mapping by hand. */
      readonly headers?: readonly string[]
      readonly mapping?: readonly ColumnTarget[]
    }
  | { readonly kind: 'preview'; readonly preview: ImportPreview }

const IDLE: ImportStage = { kind: 'idle' }

/** How the inputs are read: GDELT's duplicate rule, and what the analyst chose in the preview. */
export type ReadOptions = ReadChoices

export interface ImportControls {
  readonly stage: ImportStage
  /**
   * Reads the sources (files, pasted text or a URL) for a preview; GDELT events files and their
   * mentions tables are read together. `dedupe` merges duplicate GDELT records.
   */
  read(sources: readonly IngestSource[], overrides?: ReadonlyMap<number, ColumnTarget>, options?: ReadOptions): void
  /** Reads the last sources again with a hand-made column mapping. */
  remap(overrides: ReadonlyMap<number, ColumnTarget>): void
  /** How the last sources were read (the preview's choices: duplicates merged, events dropped). */
  readonly options: ReadOptions
  /** Reads the last sources again, with the same mapping, changing some of the choices. */
  revise(changes: ReadOptions): void
  cancel(): void
  reset(): void
}

function nameOf(source: IngestSource, companions: readonly IngestSource[] = []): string {
  const name = (s: IngestSource): string => (s.kind === 'url' ? s.url : s.name)
  return [source, ...companions].map(name).join(' + ')
}

/** Current data up to this many rows sends its ids with the import, which counts the clashes off the main thread. */
const MAX_IDS_TO_SEND = 200_000

/** Data without known ids (the sample) is read for them before the import starts only when it is this small. */
const MAX_ROWS_TO_READ_FIRST = 10_000

/**
 * The ids of the data on screen, to send to the import worker; null when they are too many, or
 * would take a while to read (they are then counted here after the import, as before).
 */
async function idsToSend(): Promise<StringColumn | null> {
  const { table, currentIds } = useWatchfloor.getState()
  if (table.size === 0) return []
  if (table.size > MAX_IDS_TO_SEND) return null
  if (currentIds) return currentIds
  return table.size <= MAX_ROWS_TO_READ_FIRST ? currentIdsOf(table, null) : null
}

/** Runs imports in the worker one input at a time, with progress and cancel. */
export function useImport(maxBytes: number): ImportControls {
  const [stage, setStage] = useState<ImportStage>(IDLE)
  const job = useRef<IngestJob | null>(null)
  const run = useRef(0)
  const lastSources = useRef<readonly IngestSource[]>([])
  const lastOverrides = useRef<ReadonlyMap<number, ColumnTarget> | undefined>(undefined)
  const [lastOptions, setLastOptions] = useState<ReadOptions>({})

  const cancel = useCallback(() => {
    run.current++
    job.current?.cancel()
    job.current = null
    setStage(IDLE)
  }, [])

  useEffect(() => () => job.current?.cancel(), [])

  // The worker for the next import starts (and loads its code) as the dialog opens.
  const importOpen = useWatchfloor((s) => s.importOpen)
  useEffect(() => {
    if (importOpen) prewarmIngest()
  }, [importOpen])

  const read = useCallback(
    (sources: readonly IngestSource[], overrides?: ReadonlyMap<number, ColumnTarget>, options: ReadOptions = {}) => {
      job.current?.cancel()
      const mine = ++run.current
      lastSources.current = sources
      lastOverrides.current = overrides
      setLastOptions(options)
      void (async () => {
        const parts: ReadPart[] = []
        const jobs = await groupSources(sources)
        const knownIds = jobs.length === 1 ? await idsToSend() : null
        if (run.current !== mine) return
        for (const [index, { source, companions }] of jobs.entries()) {
          const name = nameOf(source, companions)
          setStage({ kind: 'reading', name, index, count: jobs.length, phase: 'reading', fraction: 0 })
          const current = startIngest(source, {
            maxBytes,
            ...(overrides ? { overrides } : {}),
            ...(knownIds ? { knownIds } : {}),
            ...(companions.length > 0 ? { companions } : {}),
            ...madeChoices(options),
            onProgress: (phase, fraction) => {
              if (run.current === mine) setStage({ kind: 'reading', name, index, count: jobs.length, phase, fraction })
            },
          })
          job.current = current
          const outcome = await current.done
          if (run.current !== mine) return
          if (outcome.kind === 'cancelled' || outcome.kind === 'unchanged') return setStage(IDLE)
          if (outcome.kind === 'failed') {
            return setStage({
              kind: 'failed',
              name,
              reason: outcome.reason,
              ...(outcome.headers ? { headers: outcome.headers } : {}),
              ...(outcome.mapping ? { mapping: outcome.mapping } : {}),
            })
          }
          const data = outcome.data
          parts.push({ data, input: savedInputOf(data, companions, overrides, options) })
        }
        job.current = null
        const data = combineParts(parts)
        const state = useWatchfloor.getState()
        const clashes = data.clashes ?? (state.table.size > 0 ? countClashes(await currentIdsOf(state.table, state.currentIds), data.ids) : 0)
        if (run.current !== mine) return
        setStage({ kind: 'preview', preview: { data, inputs: parts.map((p) => p.input), clashes } })
        // While the preview is read, the new data's mask and views are made, so that confirming
        // only has to put it on screen.
        setTimeout(() => {
          if (run.current !== mine) return
          void prepareEngine(data.table, useWatchfloor.getState())
        }, 0)
      })()
    },
    [maxBytes],
  )

  const remap = useCallback((overrides: ReadonlyMap<number, ColumnTarget>) => read(lastSources.current, overrides, lastOptions), [read, lastOptions])
  const revise = useCallback((changes: ReadOptions) => read(lastSources.current, lastOverrides.current, { ...lastOptions, ...changes }), [read, lastOptions])
  const reset = useCallback(() => {
    run.current++
    job.current?.cancel()
    setStage(IDLE)
  }, [])

  return { stage, read, remap, options: lastOptions, revise, cancel, reset }
}
