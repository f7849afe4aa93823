import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readAny } from '../../../src/domain/ingest/read-any.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { readStix } from '../../../src/domain/ingest/stix.ts'
import { startIngest } from '../../../src/lib/ingest/ingest-client.ts'
import { InlineIngestWorker } from '../lib/inline-ingest-worker.ts'
import { eventsOfRows, rowRange } from '../../../src/domain/table.ts'
import { hostileText, unsafeStrings } from '../hostile-text.ts'

/**
 * Text is cleaned once where it comes in: whatever a file holds (raw, or as a JSON escape), no
 * event, dataset name or report string keeps a control character, U+FFFE/U+FFFF or a lone
 * surrogate. Each became U+FFFD (domain/clean-text.ts).
 */

const InlineWorker = InlineIngestWorker
afterEach(() => vi.unstubAllGlobals())

const NOW = Date.UTC(2025, 0, 1)

function nativeJson(title: string, actor: string): string {
  return JSON.stringify({
    schemaVersion: 1,
    name: `Set ${title}`,
    events: [{ id: 'e1', title: `T ${title}`, summary: title, date: '2024-05-01', threatLevel: 3, actors: [actor], tags: [title], sources: [{ name: title }], extra: { note: title } }],
  })
}

describe('every reader cleans what it reads', () => {
  it('native JSON: a title holding U+0001 (escaped) reads as U+FFFD', () => {
    const outcome = readNativeJson('{"schemaVersion":1,"name":"n\\ufffe","events":[{"id":"a","title":"A\\u0001B\\ud800","date":"2024-01-02","threatLevel":3}]}')
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.result.dataset.name).toBe('n\uFFFD')
    expect(outcome.result.dataset.events[0]!.title).toBe('A\uFFFDB\uFFFD')
  })

  it('native JSON, any strings: nothing unsafe in the dataset read', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (title, actor) => {
        const outcome = readNativeJson(nativeJson(title, actor))
        if (outcome.ok) expect(unsafeStrings(outcome.result.dataset)).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('STIX, any strings: nothing unsafe in the dataset read', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (name, label) => {
        const bundle = {
          type: 'bundle',
          id: 'bundle--1',
          name,
          objects: [
            { type: 'campaign', id: 'campaign--1', name: `C ${name}`, description: label, labels: [label], first_seen: '2024-01-02T00:00:00Z', x_note: label },
            { type: 'threat-actor', id: 'threat-actor--1', name: `A ${label}` },
            { type: 'relationship', id: 'relationship--1', relationship_type: 'attributed-to', source_ref: 'campaign--1', target_ref: 'threat-actor--1' },
          ],
        }
        const outcome = readStix(JSON.stringify(bundle))
        if (!outcome.ok) throw new Error(outcome.reason)
        expect(unsafeStrings(outcome.result.dataset)).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('an article whose HTML holds &#1; and &#xFFFE;: the event text is clean', () => {
    const html = '<html><body><article><h1>Port&#1; closed</h1><p>Officials said on 4 May 2024 the port&#xFFFE; was closed.</p></article></body></html>'
    const outcome = readAny(html, { format: 'article', fileName: 'a.html', now: NOW })
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.result.dataset.events[0]!.title).toBe('Port\uFFFD closed')
    expect(unsafeStrings(outcome.result.dataset)).toEqual([])
  })

  it('the import worker: a CSV with raw control characters and a lone surrogate, cleaned before any reader', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    const csv = 'id,title,date,threatLevel,actors\ne1,"Port\u0001 closed\uFFFF",2024-05-01,3,Navy\uD800\n'
    const outcome = await startIngest({ kind: 'text', text: csv, name: 'x.csv' }).done
    if (outcome.kind !== 'done') throw new Error(outcome.kind)
    const event = (await eventsOfRows(outcome.data.table, [0]))[0]!
    expect(event.title).toBe('Port\uFFFD closed\uFFFD')
    expect(event.actors.map((a) => a.name)).toEqual(['Navy\uFFFD'])
    expect(unsafeStrings(event)).toEqual([])
  })

  it('the import worker, any strings in a native JSON text: every event clean', async () => {
    vi.stubGlobal('Worker', InlineWorker)
    let read = 0
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (title, actor) => {
        const outcome = await startIngest({ kind: 'text', text: nativeJson(title, actor), name: 'x.json' }).done
        if (outcome.kind !== 'done') return
        read++
        for (const event of await eventsOfRows(outcome.data.table, rowRange(0, outcome.data.table.size))) expect(unsafeStrings(event)).toEqual([])
        expect(unsafeStrings(outcome.data.meta)).toEqual([])
      }),
      { numRuns: 40 },
    )
    expect(read).toBeGreaterThan(30)
  })
})
