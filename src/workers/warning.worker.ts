/// <reference lib="webworker" />
/**
 * The early-warning worker: every place's surges and the expected bands, off the main thread.
 * It counts a table's rows when asked (and is then ended by the app), or keeps counts and
 * answers its computations, the newest first: an older one still running stops (see warning-run.ts).
 */
import type { WarningMessage } from '../domain/warning/warning-protocol.ts'
import { warningAnswerer } from './warning-run.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope
// A computation lets messages in between its slices: a newer one (a time brush moved on) starts at once.
const answer = warningAnswerer(
  (response, transfer = []) => scope.postMessage(response, transfer),
  (rest) => setTimeout(rest, 0),
)

scope.onmessage = (event: MessageEvent<WarningMessage>) => answer(event.data)
