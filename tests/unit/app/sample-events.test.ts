import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { wholeSampleEvents } from '../../../src/app/sample-events.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { openSamplePanels } from '../../../src/domain/ingest/sample-json.ts'
import { splitSample } from '../../../src/domain/ingest/sample-parts.ts'

const readable = readFileSync('public/data/sample.json', 'utf8')
const whole = readNativeJson(readable)
if (!whole.ok) throw new Error(whole.reason)
const { panels, details } = splitSample(JSON.parse(readable) as Record<string, unknown>)
const opened = openSamplePanels(JSON.stringify(panels))
if (!opened.ok) throw new Error(opened.reason)
const ids = whole.result.dataset.events.map((e) => e.id)

describe('wholeSampleEvents: the details fetched once, when first asked', () => {
  it('reads the events readNativeJson reads from the whole file, fetching once for every ask', async () => {
    let fetches = 0
    const read = wholeSampleEvents(opened, ids, () => {
      fetches++
      return Promise.resolve(JSON.stringify(details))
    })
    expect(fetches).toBe(0)
    const [a, b] = await Promise.all([read(), read()])
    expect(a).toEqual(whole.result.dataset.events)
    expect(b).toBe(a)
    expect(await read()).toBe(a)
    expect(fetches).toBe(1)
  })

  it('rejects a failed fetch and fetches again on the next ask', async () => {
    let fetches = 0
    const read = wholeSampleEvents(opened, ids, () => (++fetches === 1 ? Promise.reject(new Error('data/sample-details.json answered 503')) : Promise.resolve(JSON.stringify(details))))
    await expect(read()).rejects.toThrow('data/sample-details.json answered 503')
    expect(await read()).toHaveLength(286)
    expect(fetches).toBe(2)
  })

  it('refuses details that leave an event unreadable, with the row and the reason', async () => {
    const spoilt = { ...details, events: details.events.map((e, i) => (i === 3 ? { ...e, confidence: 150 } : e)) }
    const read = wholeSampleEvents(opened, ids, () => Promise.resolve(JSON.stringify(spoilt)))
    await expect(read()).rejects.toThrow("the sample's details do not match its events (285 of 286 read: row 4, confidence: must be at most 100)")
  })

  it('refuses details of other events', async () => {
    const read = wholeSampleEvents(opened, ids, () => Promise.resolve(JSON.stringify({ ...details, events: details.events.slice(0, 10) })))
    await expect(read()).rejects.toThrow("the sample's details list 10 events, not 286")
  })
})
