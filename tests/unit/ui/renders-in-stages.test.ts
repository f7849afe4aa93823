import { describe, expect, it } from 'vitest'
import { rendersInStages, STAGED_ROWS } from '../../../src/ui/use-staged-render.ts'

describe('which tables render their panels in stages', () => {
  it('stages the first table with rows whatever its size, then only large tables', () => {
    const empty = {}
    const first = {}
    const second = {}
    const large = {}
    // No rows yet (the empty table a page opens with): nothing to stage, and not "the first".
    expect(rendersInStages(empty, 0)).toBe(false)
    expect(rendersInStages(first, 286)).toBe(true)
    // Every panel asks with the same table: the same answer.
    expect(rendersInStages(first, 286)).toBe(true)
    expect(rendersInStages(second, 286)).toBe(false)
    expect(rendersInStages(large, STAGED_ROWS)).toBe(true)
    expect(rendersInStages(second, STAGED_ROWS - 1)).toBe(false)
  })
})
