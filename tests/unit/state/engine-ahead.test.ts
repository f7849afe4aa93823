import { afterEach, describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { LocalEngine } from '../../../src/domain/engine/local/local-engine.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { isPrepared, prepareEngine, requestOf } from '../../../src/state/run-views.ts'
import { useWatchfloor } from '../../../src/state/store.ts'

const META = { name: 'Generated', customRegions: [] }

afterEach(() => useWatchfloor.getState().setFilter(EMPTY_FILTER))

describe('loadTable with an engine prepared ahead', () => {
  it('takes the prepared engine once, in a later task, and answers with it', async () => {
    const table = generateSyntheticTable({ size: 500, seed: 3 })
    const made = prepareEngine(table, useWatchfloor.getState())
    // The counts come in a later task: nothing to take until then.
    expect(isPrepared(table)).toBe(false)
    await made
    expect(isPrepared(table)).toBe(true)
    useWatchfloor.getState().loadTable(table, META)
    expect(isPrepared(table)).toBe(false)
    const after = useWatchfloor.getState()
    expect(after.engine.table).toBe(table)
    expect(after.views.matched).toBe(500)
    expect(after.views.size).toBe(500)
  })

  it('makes the masks, the day runs, the row keys and the counts each in a task of its own', async () => {
    const table = generateSyntheticTable({ size: 500, seed: 5 })
    const made = prepareEngine(table, useWatchfloor.getState())
    const laterTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
    // Each of the test's tasks runs after one of prepareEngine's: the day runs, then the row
    // keys, then the counts; only after the third is the engine prepared.
    await laterTask()
    expect(isPrepared(table)).toBe(false)
    await laterTask()
    expect(isPrepared(table)).toBe(false)
    await laterTask()
    expect(isPrepared(table)).toBe(true)
    await made
    useWatchfloor.getState().loadTable(table, META)
    expect(useWatchfloor.getState().views.matched).toBe(500)
  })

  it('answers the filters in force at loadTable, not those it was prepared with', async () => {
    const table = generateSyntheticTable({ size: 500, seed: 4 })
    await prepareEngine(table, useWatchfloor.getState())
    useWatchfloor.getState().toggleLevel(5)
    useWatchfloor.getState().loadTable(table, META)
    const after = useWatchfloor.getState()
    // The level filter is on now: the answer counts what it lets through, not the 500 prepared.
    const fresh = new LocalEngine(table).answer(requestOf(after))
    expect(after.views.matched).toBe(fresh.matched)
    expect(after.views.matched).toBeLessThan(500)
    expect(after.views.matched).toBe(after.views.levelCounts[5])
  })

  it('a table loaded without preparation gets an engine of its own', () => {
    const other = generateSyntheticTable({ size: 20, seed: 5 })
    useWatchfloor.getState().loadTable(other, META)
    expect(useWatchfloor.getState().engine.table).toBe(other)
    expect(useWatchfloor.getState().views.matched).toBe(20)
  })
})
