import { describe, expect, it } from 'vitest'
import { codePostings } from '../../../src/domain/engine/local/code-postings.ts'
import { generateSyntheticTable } from '../../../src/domain/synthetic.ts'
import { POSTING_SLICE_ROWS, warmActorPostings } from '../../../src/state/warm-postings.ts'

describe('the actors’ postings made ahead in background slices', () => {
  it('keeps the postings a build at once makes', async () => {
    const table = generateSyntheticTable({ size: POSTING_SLICE_ROWS * 2 + 7, seed: 8 })
    await expect(warmActorPostings(table.actors, () => true)).resolves.toBe(true)
    const kept = codePostings(table.actors)
    const atOnce = codePostings({ ...table.actors })
    expect(kept).not.toBe(atOnce)
    expect(kept.rows.length).toBeGreaterThan(table.size)
    // Byte for byte (a deep equality of typed arrays this long is slow).
    expect(Buffer.from(kept.offsets.buffer).equals(Buffer.from(atOnce.offsets.buffer))).toBe(true)
    expect(Buffer.from(kept.rows.buffer).equals(Buffer.from(atOnce.rows.buffer))).toBe(true)
  })

  it('stops, keeping nothing, once the table is no longer wanted', async () => {
    const table = generateSyntheticTable({ size: POSTING_SLICE_ROWS * 2, seed: 9 })
    let slices = 0
    await expect(warmActorPostings(table.actors, () => ++slices < 2)).resolves.toBe(false)
    expect(slices).toBe(2)
  })
})
