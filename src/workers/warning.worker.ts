/// <reference lib="webworker" />
/**
 * The early-warning worker: every place's surges and the expected bands, off the main thread.
 * It counts a table's rows when asked (and is then ended by the app), or keeps counts and
 * answers one computation at a time, in the order asked (see warning-run.ts).
 */
import type { WarningMessage } from '../domain/warning/warning-protocol.ts'
import { warningAnswerer } from './warning-run.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope
const answer = warningAnswerer((response, transfer = []) => scope.postMessage(response, transfer))

scope.onmessage = (event: MessageEvent<WarningMessage>) => answer(event.data)
