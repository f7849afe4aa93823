/**
 * Saving a merge into a saved dataset when another tab may be merging into it too. Each tab
 * holds the version of the record it merged into; the save goes through only over that version.
 * When another tab saved first, nothing is overwritten: this tab's inputs are appended after
 * what that tab saved, the result is saved and put on screen, and a notice says so.
 */
import { versionOf, type SavedDataset, type SavedInput } from '../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../state/store.ts'
import { persistMerge } from './persist.ts'
import { isSavedDataset } from './saved-record.ts'

/** Tries this many times when other tabs keep saving in between; then refuses with a notice. */
const MAX_ATTEMPTS = 3

/** `current` (what another tab saved) with `appended` after its inputs: both merges kept. */
export function mergeOnto(current: SavedDataset, appended: readonly SavedInput[], importName: string, nowMs: number): SavedDataset {
  const inputs = [...(current.inputs ?? []), ...appended]
  return {
    ...current,
    name: `${current.name} + ${importName}`,
    savedAtMs: nowMs,
    origin: inputs.map((i) => i.name).join(', '),
    inputs,
  }
}

/**
 * Saves `record`, this tab's merge of `appended` into `base` (the saved record it was made
 * from). Resolves once saved, or once the failure is told in a notice; never rejects.
 */
export async function saveMerge(record: SavedDataset, base: SavedDataset, appended: readonly SavedInput[], importName: string): Promise<void> {
  let attempt = record
  let expected = versionOf(base)
  for (let tries = 0; tries < MAX_ATTEMPTS; tries++) {
    const outcome = await persistMerge(attempt, expected)
    if (outcome === null) return
    if (outcome.kind === 'saved') {
      if (attempt !== record) await showCombined(outcome.stored)
      return
    }
    const { current } = outcome
    if (current !== undefined && !isSavedDataset(current)) break
    // Deleted in another tab meanwhile: save this tab's merge as it is; else add to theirs.
    attempt = current === undefined ? record : mergeOnto(current, appended, importName, Date.now())
    expected = versionOf(current)
  }
  useWatchfloor
    .getState()
    .addNotice(`Not saved: “${base.name}” was changed in another tab while you merged, and the two could not be combined. Your merge is on screen; import the file again into the saved dataset to keep it.`)
}

/** Puts the combined record (this tab's merge after another tab's) on screen, and says why it changed. */
async function showCombined(stored: SavedDataset): Promise<void> {
  const { openSaved } = await import('./restore.ts')
  const shown = await openSaved(stored)
  useWatchfloor
    .getState()
    .addNotice(
      `“${stored.name}” was also changed in another tab while you merged: both merges are kept, yours after theirs${shown ? ', and the combined data is on screen.' : '. Open it from the saved datasets to see the combined data.'}`,
    )
}
