import { describe, expect, it } from 'vitest'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { deriveAhead, prepareDerived, recomputeAll, takeDerivedAhead } from '../../../src/state/derive.ts'
import { useWatchfloor } from '../../../src/state/store.ts'

const META = { name: 'Generated', customRegions: [] }

describe('setTable with views derived ahead', () => {
  it('uses them while the filters are those they were derived from', () => {
    const table = generateSyntheticTable({ size: 500, seed: 3 })
    const s = useWatchfloor.getState()
    const prepared = prepareDerived(table, s.filter, s.asOfSetting)
    s.setTable(table, META, undefined, prepared)
    const after = useWatchfloor.getState()
    expect(after.views).toBe(prepared.derived.views)
    expect(after.mask).toBe(prepared.derived.mask)
    expect(after.views.matched).toBe(500)
  })

  it('derives afresh when a filter changed in between, or for another table', () => {
    const table = generateSyntheticTable({ size: 500, seed: 4 })
    const s = useWatchfloor.getState()
    const prepared = prepareDerived(table, s.filter, s.asOfSetting)
    s.toggleLevel(5)
    useWatchfloor.getState().setTable(table, META, undefined, prepared)
    const after = useWatchfloor.getState()
    expect(after.views).not.toBe(prepared.derived.views)
    // The level filter is on now: the views count what it lets through, not the 500 prepared.
    expect(after.views.matched).toBe(recomputeAll(table, after.filter, after.asOfSetting).views.matched)
    expect(after.views.matched).toBeLessThan(500)
    expect(prepared.derived.views.matched).toBe(500)
    after.toggleLevel(5)
    const other = generateSyntheticTable({ size: 20, seed: 5 })
    useWatchfloor.getState().setTable(other, META, undefined, prepared)
    expect(useWatchfloor.getState().views.matched).toBe(20)
  })

  it('keeps what was derived ahead for one taking, while the filters are those it used', async () => {
    const table = generateSyntheticTable({ size: 300, seed: 6 })
    const s = useWatchfloor.getState()
    const kept = deriveAhead(table, s.filter, s.asOfSetting)
    // The views come in a later task: nothing to take until then.
    expect(takeDerivedAhead(table, s.filter, s.asOfSetting)).toBeUndefined()
    await kept
    const taken = takeDerivedAhead(table, s.filter, s.asOfSetting)
    expect(taken?.derived.views.matched).toBe(300)
    expect(takeDerivedAhead(table, s.filter, s.asOfSetting)).toBeUndefined()
    await deriveAhead(table, s.filter, s.asOfSetting)
    s.toggleLevel(5)
    const now = useWatchfloor.getState()
    expect(takeDerivedAhead(table, now.filter, now.asOfSetting)).toBeUndefined()
    now.toggleLevel(5)
  })
})
