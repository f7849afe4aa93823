/**
 * Merging a newer ACLED export into saved ACLED data is an update of one living dataset
 * (acled-update.ts), not a plain merge by id: the saved exports and the new one are read again
 * together, as one joined input, so that revised events take the newer copy, new ones are added
 * and the events the newer export no longer has are flagged "removed upstream". Saved that way,
 * a reload rebuilds the same update.
 */
import { madeChoices } from '../../domain/ingest/read-choices.ts'
import type { SavedCompanion, SavedDataset, SavedInput } from '../../lib/storage/workspace-db.ts'
import { mainNameOf } from './saved-input.ts'

const ACLED = 'acled'

/** Whether merging an import of `format` into `base` (the saved dataset on screen) is an ACLED update. */
export function isAcledUpdate(base: SavedDataset | null, format: string): boolean {
  return format === ACLED && base !== null && base.json === '' && base.inputs?.length === 1 && base.inputs[0]!.format === ACLED
}

/** An input's main name (without its companions' names) and its companions. */
function partsOf(input: SavedInput): SavedCompanion[] {
  return [{ name: mainNameOf(input), text: input.text }, ...(input.companions ?? [])]
}

/**
 * The one joined input that reads `base`'s ACLED exports and the `imported` one together; null
 * when the merge is not an ACLED update. The reading choices made before stay, except dropping
 * the events removed upstream: the newer export decides anew which those are.
 */
export function acledUpdateInput(base: SavedDataset | null, imported: readonly SavedInput[]): SavedInput | null {
  const next = imported[0]
  if (imported.length !== 1 || !next || !isAcledUpdate(base, next.format)) return null
  const old = base!.inputs![0]!
  const [main, ...companions] = [...partsOf(old), ...partsOf(next)]
  const choices = madeChoices({ ...(old.choices ?? {}), ...(next.choices ?? {}), dropRemovedUpstream: false })
  return {
    name: [main!.name, ...companions.map((c) => c.name)].join(' + '),
    text: main!.text,
    format: ACLED,
    overrides: old.overrides,
    companions,
    ...(Object.keys(choices).length > 0 ? { choices } : {}),
  }
}
