import { describe, expect, it } from 'vitest'
import { parseReadChoices } from '../../../src/domain/ingest/read-choices.ts'
import { savedRead } from '../../../src/services/ingest/saved-input.ts'
import { isSavedDataset } from '../../../src/services/ingest/saved-record.ts'

const EVENTS = new Blob(['events'])
const MENTIONS = new Blob(['mentions'])

describe('a joined input as saved and read again', () => {
  it('reads the main input under its own name, with its companions and the choices made', () => {
    const read = savedRead({
      name: 'day.export.CSV + day.mentions.CSV',
      text: EVENTS,
      format: 'gdelt',
      overrides: [],
      companions: [{ name: 'day.mentions.CSV', text: MENTIONS }],
      choices: { dedupe: true, mergeGroups: [['a', 'b']] },
    })
    expect(read.source).toEqual({ kind: 'file', file: EVENTS, name: 'day.export.CSV' })
    expect(read.companions).toEqual([{ kind: 'file', file: MENTIONS, name: 'day.mentions.CSV' }])
    // Joined inputs are told apart by their kinds in the worker.
    expect(read.format).toBe('auto')
    expect(read).toMatchObject({ dedupe: true, mergeGroups: [['a', 'b']] })
  })

  it('reads a lone input as before: its name, its format, its column mapping', () => {
    const read = savedRead({ name: 'march.csv', text: 'id,title', format: 'csv', overrides: [[2, 'title']] })
    expect(read.source).toEqual({ kind: 'text', text: 'id,title', name: 'march.csv' })
    expect(read.companions).toEqual([])
    expect(read.format).toBe('csv')
    expect([...read.overrides]).toEqual([[2, 'title']])
    expect(read.dropRemovedUpstream).toBeUndefined()
  })

  it('accepts saved records with companions and choices, and sets aside damaged ones', () => {
    const record = { id: 'ds-1', name: 'd', json: '', savedAtMs: 1, eventCount: 1, origin: 'a', inputs: [{ name: 'a + b', text: EVENTS, format: 'gdelt', overrides: [], companions: [{ name: 'b', text: MENTIONS }], choices: { dropRemovedUpstream: true } }] }
    expect(isSavedDataset(record)).toBe(true)
    expect(isSavedDataset({ ...record, inputs: [{ ...record.inputs[0], companions: [{ name: 'b' }] }] })).toBe(false)
    expect(isSavedDataset({ ...record, inputs: [{ ...record.inputs[0], choices: { mergeGroups: [[1, 2]] } }] })).toBe(false)
  })

  it('keeps only the choices made, and refuses choices of the wrong shape', () => {
    expect(parseReadChoices(undefined)).toEqual({})
    expect(parseReadChoices({ dedupe: false, dropRemovedUpstream: true, mergeGroups: [] })).toEqual({ dropRemovedUpstream: true })
    expect(parseReadChoices({ dedupe: 'yes' })).toBeNull()
    expect(parseReadChoices('dedupe')).toBeNull()
  })
})
