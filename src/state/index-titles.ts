/**
 * A table's titles get their search index (domain/engine/local/text-index.ts) in a worker of its
 * own once the table is on screen. The main thread only hands the titles over, a chunk of rows
 * per task so that no task is long, and takes the index back as transferred buffers. Until it
 * arrives, and where there are no workers, a search reads every title: the same answers, slower.
 * This module is a chunk of its own, loaded after the first paint.
 */
import type { TextIndex } from '../domain/engine/local/text-index.ts'
import { installRowSearch } from '../domain/engine/local/search-indexes.ts'
import { inBackground } from './background-task.ts'
import { adoptTextIndex, hasTextIndex } from '../domain/engine/local/text-search.ts'
import type { PackedStrings } from '../domain/ingest/packed-strings.ts'
import { packStrings } from '../domain/ingest/packed-strings.ts'
import { isPackedColumn, stringCount, type StringColumn } from '../domain/string-column.ts'

/** Titles per message: a few milliseconds of packing and copying on the main thread at most. */
export const CHUNK_ROWS = 1 << 12

/** Rows `from` to `to` of `titles` packed on their own (ends counted from the chunk's start). */
export function titlesChunk(titles: StringColumn, from: number, to: number): PackedStrings {
  if (!isPackedColumn(titles)) return packStrings(titles.slice(from, to))
  const { text, ends } = titles
  const start = from === 0 ? 0 : ends[from - 1]!
  const own = new Uint32Array(to - from)
  for (let i = 0; i < own.length; i++) own[i] = ends[from + i]! - start
  return { text: text.slice(start, ends[to - 1]!), ends: own }
}

/**
 * Builds `titles`' index in a worker and adopts it; `wanted` is asked before each step, and the
 * work stops once it says no (another table is on screen). Resolves true once the index is in use.
 */
export function indexTitles(titles: StringColumn, wanted: () => boolean): Promise<boolean> {
  installRowSearch()
  const count = stringCount(titles)
  if (count === 0 || hasTextIndex(titles) || typeof Worker !== 'function') return Promise.resolve(false)
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('../workers/text-index.worker.ts', import.meta.url), { type: 'module', name: 'text-index' })
    } catch {
      return resolve(false)
    }
    const stop = (adopted: boolean): void => {
      worker.terminate()
      resolve(adopted)
    }
    worker.onmessage = (event: MessageEvent<TextIndex>) => {
      const adopted = wanted() && adoptTextIndex(titles, event.data)
      performance.mark('watchfloor:text-index-ready')
      stop(adopted)
    }
    worker.onerror = worker.onmessageerror = () => stop(false)
    const send = (from: number): void => {
      if (!wanted()) return stop(false)
      if (from >= count) return worker.postMessage('end')
      const to = Math.min(count, from + CHUNK_ROWS)
      const chunk = titlesChunk(titles, from, to)
      worker.postMessage(chunk, [chunk.ends.buffer])
      inBackground(() => send(to))
    }
    send(0)
  })
}
