import { afterEach, describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from '../../../src/domain/engine/filter-spec.ts'
import { combineTables } from '../../../src/domain/ingest/combine-tables.ts'
import { dataHash } from '../../../src/domain/export/view-file.ts'
import { stringsContaining, stringList } from '../../../src/domain/string-column.ts'
import { LocalEngine } from '../../../src/domain/engine/local/local-engine.ts'
import { resolveTitleRows, titleSearchNeeded } from '../../../src/domain/engine/local/title-rows.ts'
import { useWatchfloor } from '../../../src/state/store.ts'
import { requestOf } from '../../../src/state/run-views.ts'
import { handTable, type HandRow } from '../domain/hand-table.ts'
import { withKeptTitles } from '../domain/kept-titles-table.ts'

const META = { name: 'Imported', customRegions: [] }

const ROWS: readonly HandRow[] = [
  { title: 'Drone strike near Kharkiv', date: '2024-01-02', level: 4, actors: ['Army'] },
  { title: 'Ceasefire talks in Doha', date: '2024-02-03', level: 2, category: 'diplomacy' },
  { title: 'KHARKIV shelling resumes', date: '2024-03-04', level: 5 },
  { title: 'Port closed', date: '2024-04-05', level: 3, actors: ['Kharkiv militia'] },
]

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => useWatchfloor.getState().setFilter(EMPTY_FILTER))

describe("the engine's text filter over titles kept by a worker", () => {
  it('reads the rows asked of the worker, and refuses to run a search not asked first', async () => {
    const inPage = handTable(ROWS)
    const kept = withKeptTitles(inPage)
    const filter = { ...EMPTY_FILTER, text: ' kharKIV ' }
    const ask = requestOf({ filter, asOfSetting: { mode: 'latest' }, indexSettings: useWatchfloor.getState().indexSettings, meta: null, watchlist: [], asks: useWatchfloor.getState().asks })
    expect(titleSearchNeeded(kept, filter)).toBe('kharkiv')
    expect(titleSearchNeeded(inPage, filter)).toBeNull()
    expect(() => new LocalEngine(kept).answer(ask)).toThrow(/not asked for before the search ran/)
    await resolveTitleRows(kept, 'kharkiv')
    expect(titleSearchNeeded(kept, filter)).toBeNull()
    // Two titles hold it and one actor does: 3 rows, as on the page.
    expect(new LocalEngine(kept).answer(ask).matched).toBe(3)
    expect(new LocalEngine(inPage).answer(ask).matched).toBe(3)
    expect(kept.remoteTitles.searches).toEqual(['kharkiv'])
  })

  it('searches, reads and fingerprints a merge of kept and in-page titles through its parts', async () => {
    const a = withKeptTitles(handTable(ROWS.slice(0, 2)))
    const b = handTable(ROWS.slice(2))
    const { table } = combineTables([
      { table: a, ids: ['a0', 'a1'] },
      { table: b, ids: ['b0', 'b1'] },
    ])
    const inPage = combineTables([
      { table: handTable(ROWS.slice(0, 2)), ids: ['a0', 'a1'] },
      { table: b, ids: ['b0', 'b1'] },
    ]).table
    expect(table.remoteTitles).toBeDefined()
    const titles = stringList(inPage.titles)
    expect(await table.remoteTitles!.read([0, 1, 2, 3])).toEqual(titles)
    expect(await table.remoteTitles!.search('kharkiv')).toEqual(stringsContaining(titles, 'kharkiv'))
    expect([...(await table.remoteTitles!.search('kharkiv'))].reduce((x, y) => x + y, 0)).toBe(2)
    expect(await table.remoteTitles!.hash(table)).toBe(dataHash(inPage))
    expect(await new LocalEngine(table).dataHash()).toBe(dataHash(inPage))
  })
})

describe('a text search in the store over titles kept by a worker', () => {
  it('is busy until the rows come, applies the other filters meanwhile, and lets a newer search supersede', async () => {
    const table = withKeptTitles(handTable(ROWS))
    table.remoteTitles.hold = true
    const store = useWatchfloor.getState()
    store.loadTable(table, META)
    expect(useWatchfloor.getState().views.matched).toBe(4)
    store.setText('doha')
    // Asked, not applied: the count is unchanged and the search field is busy.
    expect(useWatchfloor.getState().titleSearch).toEqual({ text: 'doha', failed: null })
    expect(useWatchfloor.getState().filter.text).toBe('')
    expect(useWatchfloor.getState().views.matched).toBe(4)
    // Another filter applies at once.
    store.toggleLevel(5)
    expect(useWatchfloor.getState().views.matched).toBe(1)
    store.toggleLevel(5)
    // A newer search supersedes the one under way: its answer is not applied.
    store.setText('kharkiv')
    table.remoteTitles.release()
    await tick()
    await tick()
    expect(table.remoteTitles.searches).toEqual(['doha', 'kharkiv'])
    expect(useWatchfloor.getState().filter.text).toBe('kharkiv')
    expect(useWatchfloor.getState().titleSearch).toBeNull()
    expect(useWatchfloor.getState().views.matched).toBe(3)
    // Back to a search asked before: applied at once, nothing asked.
    table.remoteTitles.hold = false
    store.setText('doha')
    expect(useWatchfloor.getState().views.matched).toBe(1)
    expect(table.remoteTitles.searches).toHaveLength(2)
    // Cleared: nothing to ask.
    store.setText('')
    expect(useWatchfloor.getState().views.matched).toBe(4)
  })

  it('says why when the titles cannot be searched, and keeps the filter it had', async () => {
    const table = withKeptTitles(handTable(ROWS))
    table.remoteTitles.hold = true
    useWatchfloor.getState().loadTable(table, META)
    useWatchfloor.getState().setText('port')
    table.remoteTitles.fail('the worker stopped')
    await tick()
    expect(useWatchfloor.getState().titleSearch).toEqual({ text: 'port', failed: 'the worker stopped' })
    expect(useWatchfloor.getState().filter.text).toBe('')
    expect(useWatchfloor.getState().views.matched).toBe(4)
  })

  it('shows a new table without a search its titles have not answered, then applies it', async () => {
    useWatchfloor.getState().loadTable(handTable(ROWS), META)
    useWatchfloor.getState().setText('ceasefire')
    expect(useWatchfloor.getState().views.matched).toBe(1)
    const table = withKeptTitles(handTable(ROWS))
    useWatchfloor.getState().loadTable(table, META)
    expect(useWatchfloor.getState().titleSearch).toEqual({ text: 'ceasefire', failed: null })
    expect(useWatchfloor.getState().views.matched).toBe(4)
    await tick()
    await tick()
    expect(useWatchfloor.getState().filter.text).toBe('ceasefire')
    expect(useWatchfloor.getState().views.matched).toBe(1)
  })
})
