/// <reference lib="webworker" />
/**
 * Builds the token index of titles kept as a Blob (the titles of an imported CSV) for the worker
 * that keeps them, which then ends this one: what the build allocates (a map of every distinct
 * token, each row's tokens) goes with this thread instead of waiting in the keeper's heap for its
 * collection. One index per worker; see title-index-client.ts.
 */
import { answerIndexRequest, type IndexRequest } from './title-index-run.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<IndexRequest>) => {
  void answerIndexRequest(event.data, (message, transfer) => scope.postMessage(message, transfer))
}
