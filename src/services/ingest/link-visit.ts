/**
 * A `?data=` link is a visit: its data is shown, not saved. The workspace saved in this browser
 * (the active dataset, the view, the live source) stays as it was unless the user keeps what the
 * link showed, and a link never starts refreshing by itself (`kiosk=1` offers it). A link to a
 * source the user kept before is theirs: it loads and saves as any import does.
 */
import type { SavedDataset, SavedInput } from '../../lib/storage/workspace-db.ts'
import { useWatchfloor } from '../../state/store.ts'
import { persistDataset, setActiveSavedDataset } from './persist.ts'
import { savedIdForUrl } from './url-source.ts'

/** How often a link's source refreshes once the user asks (`kiosk=1` wall screens). */
export const LINK_REFRESH_MS = 5 * 60_000

export interface LinkVisit {
  /** The link's data URL, absolute. */
  readonly url: string
  /** What keeping it saves: the answer as read. */
  readonly input: SavedInput
  readonly name: string
  readonly eventCount: number
  /** The data the visit put on screen: once other data replaces it, the visit is over. */
  /** The load that put the link's data on screen (the store's dataToken): the visit ends with it. */
  readonly dataToken: object
  /** The link asked for refreshing (`kiosk=1`): offered to the user, never started alone. */
  readonly offerRefresh: boolean
}

let visit: LinkVisit | null = null
const listeners = new Set<() => void>()

/** The link visit on screen, or null (no link, or other data since, or kept). */
export function currentVisit(): LinkVisit | null {
  if (visit && useWatchfloor.getState().dataToken !== visit.dataToken) visit = null
  return visit
}

export function setVisit(next: LinkVisit | null): void {
  visit = next
  for (const listener of listeners) listener()
}

export function subscribeVisit(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether the workspace should be saved now: not while a link's data is on screen. */
export function savingWorkspace(): boolean {
  return currentVisit() === null
}

/** Saves what the link showed as a dataset of this browser (the active one), ending the visit. */
export async function keepVisit(): Promise<void> {
  const shown = currentVisit()
  if (!shown) return
  const record: SavedDataset = {
    id: savedIdForUrl(shown.url),
    name: shown.name,
    savedAtMs: Date.now(),
    eventCount: shown.eventCount,
    origin: shown.url,
    json: '',
    inputs: [shown.input],
  }
  setVisit(null)
  setActiveSavedDataset(record)
  const store = useWatchfloor.getState()
  // A refresh the user started during the visit is now saved with the dataset.
  const live = store.liveSource
  if (live && live.url === shown.url) store.setLiveSource({ ...live })
  await persistDataset(record)
}

/** Starts refreshing the link's source, as the user asked. */
export function refreshVisit(): void {
  const shown = currentVisit()
  if (!shown) return
  useWatchfloor.getState().setLiveSource({ url: shown.url, intervalMs: LINK_REFRESH_MS })
  setVisit({ ...shown, offerRefresh: false })
}
