/**
 * The title-index worker's work (title-index.worker.ts), apart from the worker so that tests run
 * it: the titles' Blob and byte ends in, their token index out (its buffers transferred, its row
 * lists a Blob passed by handle), or why it failed.
 */
import { BlobTitles, blobIndexBuffers, type BlobIndex } from '../domain/engine/local/blob-titles.ts'

/** The titles to index: a Blob of their UTF-8 text and each title's byte end. */
export interface IndexRequest {
  readonly blob: Blob
  readonly ends: Uint32Array
}

export type IndexResponse = { readonly type: 'index'; readonly index: BlobIndex } | { readonly type: 'failed'; readonly reason: string }

export async function answerIndexRequest({ blob, ends }: IndexRequest, post: (message: IndexResponse, transfer: Transferable[]) => void): Promise<void> {
  try {
    const index = await new BlobTitles(blob, ends).makeIndex()
    post({ type: 'index', index }, blobIndexBuffers(index))
  } catch (error) {
    post({ type: 'failed', reason: error instanceof Error ? error.message : String(error) }, [])
  }
}
