import { useCallback, useEffect, useRef, useState } from 'react'
import type { ColumnTarget } from '../../../domain/ingest/csv-headers.ts'
import type { ImportFormat } from '../../../domain/ingest/detect.ts'
import type { IngestPhase, IngestSource } from '../../../domain/ingest/ingest-protocol.ts'
import { madeChoices, type ReadChoices } from '../../../domain/ingest/read-choices.ts'
import { prewarmIngest, startIngest, type IngestJob } from '../../../lib/ingest/ingest-client.ts'
import { useWatchfloor } from '../../../state/store.ts'
import { clashesWithShown, idsToSend, prepareToShow } from '../../../services/ingest/shown-data.ts'
import type { ImportPreview, ReadPart } from '../../../services/ingest/preview.ts'

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

/**
 * How the inputs are read: GDELT's duplicate rule, what the analyst chose in the preview, and a
 * format when the analyst picked one (text read as an article although it names no news).
 */
export type ReadOptions = ReadChoices & { readonly format?: ImportFormat }

export interface ImportControls {
  readonly stage: ImportStage
  /** Whether the last sources read were pasted text (which may be read again as an article). */
  readonly pastedText: boolean
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

/** Runs imports in the worker one input at a time, with progress and cancel. */
export function useImport(maxBytes: number): ImportControls {
  const [stage, setStage] = useState<ImportStage>(IDLE)
  const job = useRef<IngestJob | null>(null)
  const run = useRef(0)
  const lastSources = useRef<readonly IngestSource[]>([])
  const lastOverrides = useRef<ReadonlyMap<number, ColumnTarget> | undefined>(undefined)
  const [lastOptions, setLastOptions] = useState<ReadOptions>({})
  const [pastedText, setPastedText] = useState(false)

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
      setPastedText(sources.length > 0 && sources.every((source) => source.kind === 'text'))
      void (async () => {
        const parts: ReadPart[] = []
        // Folding the inputs into one preview loads with the first import, not with the page.
        const [{ combineParts }, { savedInputOf }, { groupSources }] = await Promise.all([
          import('../../../services/ingest/preview.ts'),
          import('../../../services/ingest/saved-input.ts'),
          import('../../../services/ingest/together.ts'),
        ])
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
            ...(options.format ? { format: options.format } : {}),
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
        const clashes = await clashesWithShown(data)
        if (run.current !== mine) return
        setStage({ kind: 'preview', preview: { data, inputs: parts.map((p) => p.input), clashes } })
        // While the preview is read, the new data's mask and views are made, so that confirming
        // only has to put it on screen.
        setTimeout(() => {
          if (run.current !== mine) return
          void prepareToShow(data)
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

  return { stage, pastedText, read, remap, options: lastOptions, revise, cancel, reset }
}
