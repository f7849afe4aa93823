import { describe, expect, it, vi } from 'vitest'
import type { TimelineAsk } from '../../../src/domain/engine/views-engine.ts'
import { readNativeJson } from '../../../src/domain/ingest/native-json.ts'
import { useWatchfloor } from '../../../src/state/store.ts'

function dataset() {
  const events = [
    { id: 'a', title: 'Strike', date: '2024-03-04', threatLevel: 5, countries: ['UA'] },
    { id: 'b', title: 'Talks', date: '2024-06-10', threatLevel: 4, countries: ['FR'] },
    { id: 'c', title: 'Drill', date: '2024-09-01', threatLevel: 2, countries: ['TW'] },
  ]
  const outcome = readNativeJson(JSON.stringify({ schemaVersion: 1, name: 't', events }))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.result.dataset
}

/** The chart's ask over `span`, made for the time filter `madeFor`. */
function askFor(madeFor: TimelineAsk['madeFor'], span: { fromMs: number; toMs: number }): TimelineAsk {
  return { madeFor, indexTimes: [], indexLines: [], markers: span, lanes: null }
}

describe('the timeline part across a brush', () => {
  it('is made once, for the chart’s new ask, not also for the ask the brush made stale', () => {
    const s = useWatchfloor.getState()
    s.loadDataset(dataset())
    const whole = { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 0, 1) }
    useWatchfloor.getState().setAsk('timeline', askFor(null, whole))
    expect(useWatchfloor.getState().views.timeline?.markers?.total).toBe(2)

    const answer = vi.spyOn(useWatchfloor.getState().engine, 'answer')
    const range = { fromMs: Date.UTC(2024, 5, 1), toMs: Date.UTC(2024, 11, 1) }
    useWatchfloor.getState().setTimeRange(range)
    // The brush's answer leaves the timeline out: the ask it holds was made for no time filter.
    expect(answer.mock.calls.at(-1)![1]!.has('timeline')).toBe(false)
    expect(useWatchfloor.getState().views.timeline).toBeNull()
    expect(useWatchfloor.getState().views.matched).toBe(2)

    // The chart asks for its new span: the part is made, with the one level-4 event in it.
    useWatchfloor.getState().setAsk('timeline', askFor(useWatchfloor.getState().filter.timeRange, range))
    expect(answer.mock.calls.at(-1)![1]!.has('timeline')).toBe(true)
    expect(useWatchfloor.getState().views.timeline?.markers?.total).toBe(1)
    answer.mockRestore()
  })
})
