import { useCallback, useState } from 'react'
import type { ImportControls } from './use-import.ts'

/** A suggestion's key: its ids in order. */
export function groupKey(ids: readonly string[]): string {
  return ids.join('\u0000')
}

/** What the analyst decided in an import's preview, and the actions that change it. */
export interface ImportReview {
  /** Groups of possible duplicates merged as asked (their event ids). */
  readonly merged: readonly (readonly string[])[]
  /** Keys (groupKey) of the suggestions dismissed: not duplicates, left as they are. */
  readonly dismissed: ReadonlySet<string>
  /** How many events removed upstream were dropped; null while they are kept. */
  readonly dropped: number | null
  merge(ids: readonly string[]): void
  unmerge(ids: readonly string[]): void
  dismiss(ids: readonly string[]): void
  undismissAll(): void
  drop(count: number): void
  undoDrop(): void
}

/**
 * The review of an import's preview: merging suggested duplicates and dropping events removed
 * upstream read the inputs again with those choices (in the import worker), so what is imported,
 * and what a reload rebuilds from the saved inputs, is exactly what the preview shows. Dismissing
 * a suggestion only hides it.
 */
export function useImportReview(controls: Pick<ImportControls, 'options' | 'revise'>): ImportReview {
  const { options, revise } = controls
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set())
  const [droppedCount, setDroppedCount] = useState(0)
  const merged = options.mergeGroups ?? []

  const merge = useCallback((ids: readonly string[]) => revise({ mergeGroups: [...(options.mergeGroups ?? []), [...ids]] }), [options.mergeGroups, revise])
  const unmerge = useCallback(
    (ids: readonly string[]) => revise({ mergeGroups: (options.mergeGroups ?? []).filter((g) => groupKey(g) !== groupKey(ids)) }),
    [options.mergeGroups, revise],
  )
  const dismiss = useCallback((ids: readonly string[]) => setDismissed((d) => new Set([...d, groupKey(ids)])), [])
  const undismissAll = useCallback(() => setDismissed(new Set()), [])
  const drop = useCallback(
    (count: number) => {
      setDroppedCount(count)
      revise({ dropRemovedUpstream: true })
    },
    [revise],
  )
  const undoDrop = useCallback(() => revise({ dropRemovedUpstream: false }), [revise])

  return { merged, dismissed, dropped: options.dropRemovedUpstream ? droppedCount : null, merge, unmerge, dismiss, undismissAll, drop, undoDrop }
}
