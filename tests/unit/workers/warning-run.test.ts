import { describe, expect, it } from 'vitest'
import { computeWarning } from '../../../src/domain/warning/dashboard-warning.ts'
import { DEFAULT_WARNING_SETTINGS } from '../../../src/domain/warning/settings.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { warningCountsOf } from '../../../src/domain/warning/warning-counts.ts'
import type { WarningResponse } from '../../../src/domain/warning/warning-protocol.ts'
import { warningAnswerer } from '../../../src/workers/warning-run.ts'

const table = generateSyntheticTable({ size: 4000, seed: 11 })
const asOf = table.extentMs[1]
const earlier = asOf - 60 * 86_400_000

/** An answerer as the worker makes it (slices let messages in between, by a timer), and what it posts. */
function sliced(): { answer: ReturnType<typeof warningAnswerer>; posted: WarningResponse[]; finished: (id: number) => Promise<void> } {
  const posted: WarningResponse[] = []
  const answer = warningAnswerer(
    (response) => posted.push(response),
    (rest) => setTimeout(rest, 0),
  )
  answer({ type: 'counts', counts: warningCountsOf(table, -Infinity) })
  const finished = async (id: number): Promise<void> => {
    while (!posted.some((r) => r.id === id && (r.type === 'done' || r.type === 'failed'))) await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return { answer, posted, finished }
}

describe('the early-warning worker, in slices', () => {
  it('answers a computation in slices: its bands first, then progress, then the result a whole run gives', async () => {
    const { answer, posted, finished } = sliced()
    answer({ type: 'compute', id: 1, asOfMs: asOf, settings: DEFAULT_WARNING_SETTINGS, bandPlaces: [] })
    // The first slice has run by now, but not the whole computation (the actors' surges take several).
    expect(posted[0]?.type).toBe('bands')
    expect(posted.some((r) => r.type === 'done')).toBe(false)
    await finished(1)
    const done = posted.at(-1)!
    const whole = computeWarning(table, asOf, DEFAULT_WARNING_SETTINGS, [])
    expect(done.type === 'done' && done.result).toEqual(whole)
    expect(posted[0]!.type === 'bands' && posted[0]!.bands).toEqual(whole.bands)
    expect(posted.slice(1, -1).every((r) => r.type === 'progress')).toBe(true)
  })

  it('stops a computation when a newer one comes: the newer one answers at once, the older one never', async () => {
    const { answer, posted, finished } = sliced()
    answer({ type: 'compute', id: 1, asOfMs: asOf, settings: DEFAULT_WARNING_SETTINGS, bandPlaces: [] })
    answer({ type: 'compute', id: 2, asOfMs: earlier, settings: DEFAULT_WARNING_SETTINGS, bandPlaces: [] })
    const firstOfSecond = posted.findIndex((r) => r.id === 2)
    expect(posted[firstOfSecond]!.type).toBe('bands')
    await finished(2)
    // Give the first a chance to run on, were it still going.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(posted.filter((r) => r.id === 1).map((r) => r.type)).not.toContain('done')
    expect(posted.slice(firstOfSecond).some((r) => r.id === 1)).toBe(false)
    const done = posted.find((r) => r.id === 2 && r.type === 'done')!
    expect(done.type === 'done' && done.result).toEqual(computeWarning(table, earlier, DEFAULT_WARNING_SETTINGS, []))
  })
})
