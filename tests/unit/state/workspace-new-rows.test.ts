import { beforeEach, describe, expect, it } from 'vitest'
import { packStrings } from '../../../src/domain/ingest/packed-strings.ts'
import { useWatchfloor } from '../../../src/state/store.ts'
import { newRowFlags } from '../../../src/state/workspace-slice.ts'

describe('new row flags', () => {
  it('flags the rows whose id is new, by row', () => {
    expect(Array.from(newRowFlags(['a', 'b', 'c', 'd'], new Set(['d', 'b', 'zz']))!)).toEqual([0, 1, 0, 1])
    expect(Array.from(newRowFlags(packStrings(['a', 'b', 'c', 'd']), new Set(['d', 'b', 'zz']))!)).toEqual([0, 1, 0, 1])
  })

  it('is null when nothing is new or the ids are unknown', () => {
    expect(newRowFlags(['a', 'b'], new Set(['x']))).toBeNull()
    expect(newRowFlags(['a'], new Set())).toBeNull()
    expect(newRowFlags(null, new Set(['a']))).toBeNull()
  })
})

describe('the workspace slice', () => {
  beforeEach(() => useWatchfloor.getState().setCurrentIds(null))

  it('builds the row flags once when a refresh marks its ids, and drops them when other data comes', () => {
    const s = useWatchfloor.getState()
    s.setCurrentIds(['e1', 'e2', 'e3'])
    s.setNewIds(new Set(['e3']))
    expect(Array.from(useWatchfloor.getState().newRows!)).toEqual([0, 0, 1])
    expect(useWatchfloor.getState().newIds.size).toBe(1)
    s.setCurrentIds(['f1'])
    expect(useWatchfloor.getState().newRows).toBeNull()
    expect(useWatchfloor.getState().newIds.size).toBe(0)
  })

  it('holds the file size limit, 512 MB unless set', () => {
    expect(useWatchfloor.getState().maxImportBytes).toBe(512 * 1024 * 1024)
    useWatchfloor.getState().setMaxImportBytes(2 * 1024 * 1024)
    expect(useWatchfloor.getState().maxImportBytes).toBe(2 * 1024 * 1024)
  })
})
