import { describe, expect, it } from 'vitest'
import { BlobTitles, utf8Ends } from '../../../src/domain/engine/local/blob-titles.ts'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { indexApart, type IndexThread } from '../../../src/workers/title-index-client.ts'
import { answerIndexRequest, type IndexRequest, type IndexResponse } from '../../../src/workers/title-index-run.ts'

const TITLES = ['Shelling near Kharkiv', 'Protest in Lagos', 'kharkiv: power cut', 'Lagos-Kharkiv flight', '', 'Ünïcödé 東京 😀']

function blobTitles(titles: readonly string[]): BlobTitles {
  const packed = packStrings(titles)
  return new BlobTitles(new Blob([packed.text]), utf8Ends(packed))
}

const ones = (hits: Uint8Array): number[] => [...hits.keys()].filter((i) => hits[i] === 1)

/** A stand-in thread: runs the worker's own `answerIndexRequest` on what it is posted (the ends copied, as a message would), or fails as told. */
function thread(behaviour: 'answer' | 'crash' | 'refuse' = 'answer'): IndexThread & { terminated: number; posted: IndexRequest[] } {
  const t = {
    onmessage: null as ((event: MessageEvent<IndexResponse>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    terminated: 0,
    posted: [] as IndexRequest[],
    postMessage(message: IndexRequest) {
      t.posted.push(message)
      const copy = { blob: behaviour === 'refuse' ? new Blob(['x']) : message.blob, ends: message.ends.slice() }
      setTimeout(() => {
        if (behaviour === 'crash') return t.onerror?.({ message: 'out of memory', preventDefault: () => {} } as ErrorEvent)
        void answerIndexRequest(copy, (answer) => t.onmessage?.({ data: answer } as MessageEvent<IndexResponse>))
      }, 0)
    },
    terminate() {
      t.terminated++
    },
  }
  return t
}

describe('a Blob of titles indexed in a thread of its own', () => {
  it('searches through the index the thread built, and ends the thread once it answers', async () => {
    const kept = blobTitles(TITLES)
    const worker = thread()
    const done = indexApart(kept, () => worker)
    expect(kept.indexed).toBe(false)
    // Meanwhile a search reads every title.
    expect(ones(await kept.search('kharkiv'))).toEqual([0, 2, 3])
    await done
    expect(worker.posted).toHaveLength(1)
    expect(worker.posted[0]!.blob).toBe(kept.source.blob)
    expect(worker.terminated).toBe(1)
    expect(kept.indexed).toBe(true)
    expect(ones(await kept.search('kharkiv'))).toEqual([0, 2, 3])
    expect(ones(await kept.search('lagos-k'))).toEqual([3])
    expect(ones(await kept.search('東京'))).toEqual([5])
    expect(ones(await kept.search('nowhere'))).toEqual([])
  })

  it('builds the index here when the thread crashes or answers a failure, and ends it', async () => {
    for (const worker of [thread('crash'), thread('refuse')]) {
      const kept = blobTitles(TITLES)
      await indexApart(kept, () => worker)
      expect(worker.terminated).toBe(1)
      expect(kept.indexed).toBe(true)
      expect(ones(await kept.search('power'))).toEqual([2])
    }
  })

  it('builds the index here when no thread can be started', async () => {
    const none = blobTitles(TITLES)
    await indexApart(none, null)
    expect(none.indexed).toBe(true)
    expect(ones(await none.search('lagos'))).toEqual([1, 3])
    const refused = blobTitles(TITLES)
    await indexApart(refused, () => {
      throw new Error('no workers here')
    })
    expect(refused.indexed).toBe(true)
    expect(ones(await refused.search('lagos'))).toEqual([1, 3])
  })

  it('answers a failure for titles whose Blob does not match their ends', async () => {
    const answers: IndexResponse[] = []
    await answerIndexRequest({ blob: new Blob(['abc']), ends: new Uint32Array([1, 4]) }, (answer) => answers.push(answer))
    expect(answers).toEqual([{ type: 'failed', reason: "the titles' Blob holds 3 bytes, their ends say 4" }])
  })

  it('transfers the index’s vocabulary ends and offsets, and passes its row lists as a Blob', async () => {
    const packed = packStrings(['b a', 'a'])
    const sent: { answer: IndexResponse; transfer: Transferable[] }[] = []
    await answerIndexRequest({ blob: new Blob([packed.text]), ends: utf8Ends(packed) }, (answer, transfer) => sent.push({ answer, transfer }))
    const { answer, transfer } = sent[0]!
    if (answer.type !== 'index') throw new Error('no index')
    // Tokens in first-seen order: 'b' (row 0), 'a' (rows 0 and 1).
    expect(answer.index.vocabulary.text).toBe('ba')
    expect([...answer.index.offsets]).toEqual([0, 1, 3])
    expect([...new Uint32Array(await answer.index.postings.arrayBuffer())]).toEqual([0, 0, 1])
    expect(transfer).toEqual([answer.index.vocabulary.ends.buffer, answer.index.offsets.buffer])
  })
})
