import { describe, expect, it } from 'vitest'
import type { EventMarkData, TimelineView } from '../../../src/domain/engine/views-engine.ts'
import { untitledMarkRows, withMarkTitles } from '../../../src/state/mark-titles.ts'

const mark = (ref: number, title = ''): EventMarkData => ({ ref, title, startMs: 0, endMs: 1, precision: 'day', level: 4, isNew: false })

const VIEW: TimelineView = {
  index: [],
  markers: { marks: [mark(3), mark(7, 'Known already')], total: 2, merged: false },
  lanes: { mode: 'region', lanes: [{ value: 'x', count: 2, marks: [mark(3), mark(9)] }], density: false, counts: null, maxLevel: null, columns: 10 },
}

describe("the timeline marks' titles asked of the worker", () => {
  it('lists each untitled mark once, leaving out those read before', () => {
    expect(untitledMarkRows(VIEW, new Map())).toEqual([3, 9])
    expect(untitledMarkRows(VIEW, new Map([[9, 'Read']]))).toEqual([3])
  })

  it('fills the marks from the titles read, in markers and lanes, and keeps the answer when none is known', () => {
    const titles = new Map([
      [3, 'Strike'],
      [9, 'Blockade'],
    ])
    const filled = withMarkTitles(VIEW, titles)
    expect(filled.markers!.marks.map((m) => m.title)).toEqual(['Strike', 'Known already'])
    expect(filled.lanes!.lanes[0]!.marks.map((m) => m.title)).toEqual(['Strike', 'Blockade'])
    expect(withMarkTitles(VIEW, new Map())).toBe(VIEW)
  })
})
