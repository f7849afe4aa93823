/// <reference lib="webworker" />
/**
 * Builds the token index over a table's titles off the main thread (see
 * domain/engine/local/text-index.ts): the titles arrive in chunks of rows, each packed, then an
 * end message; the index goes back as transferred buffers. One table per worker.
 */
import type { PackedStrings } from '../domain/ingest/packed-strings.ts'
import { TextIndexBuilder, textIndexBuffers } from '../domain/engine/local/text-index.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope
const builder = new TextIndexBuilder()

scope.onmessage = (event: MessageEvent<PackedStrings | 'end'>) => {
  if (event.data !== 'end') return builder.addChunk(event.data)
  const index = builder.finish()
  scope.postMessage(index, textIndexBuffers(index))
}
