/**
 * The actors' postings (domain/engine/local/code-postings.ts) are built the first time a filter
 * or a search names an actor: at a million rows a pass over every row's actors in the click's
 * own task. Once a table is on screen they are built ahead, the same passes a slice of rows per
 * background task, so the first actor pick finds them made. A pick before they are done builds
 * them at once, as it would have, and the slices stop. This module is a chunk of its own, loaded
 * after the first paint with the titles' index.
 */
import { codePostingsInSlices } from '../domain/engine/local/code-postings.ts'
import type { MultiColumn } from '../domain/table-types.ts'
import { inBackground } from './background-task.ts'

/** Rows a slice: a few milliseconds at most on a slow machine. */
export const POSTING_SLICE_ROWS = 1 << 16

/**
 * Builds `actors`' postings in background slices while `wanted` says yes (another table on
 * screen stops it). Resolves true once they are built and kept.
 */
export function warmActorPostings(actors: MultiColumn, wanted: () => boolean): Promise<boolean> {
  const step = codePostingsInSlices(actors)
  return new Promise((resolve) => {
    const slice = (): void => {
      if (!wanted()) return resolve(false)
      if (step(POSTING_SLICE_ROWS)) return resolve(true)
      inBackground(slice)
    }
    inBackground(slice)
  })
}
