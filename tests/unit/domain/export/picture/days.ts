import { DAY_MS } from '../../../../../src/domain/dates.ts'
import type { TimelineCounts } from '../../../../../src/domain/engine/views-engine.ts'

/** Timeline counts over three days, by hand. */
export const DAYS: TimelineCounts = (() => {
  // Three days from 1 Jan 2025: day 0 has two level-4 events, day 2 one level-1 event and half a level-5 one.
  const exact = new Float64Array(15)
  const spread = new Float64Array(15)
  exact[0 * 5 + 3] = 2
  exact[2 * 5 + 0] = 1
  spread[2 * 5 + 4] = 0.5
  return { firstDay: Date.UTC(2025, 0, 1) / DAY_MS, days: 3, exact, spread }
})()
