import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { eventsToParquet } from '../../../../src/domain/export/parquet.ts'
import { isParquet } from '../../../../src/domain/ingest/parquet-magic.ts'
import { parquetToText } from '../../../../src/domain/ingest/parquet-read.ts'
import { readAny } from '../../../../src/domain/ingest/read-any.ts'
import type { ImportResult, ThreatEvent } from '../../../../src/domain/model.ts'

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8')

function read(text: string, fileName = 'x'): ImportResult {
  const out = readAny(text, { fileName, now: 0 })
  if (!out.ok) throw new Error(out.reason)
  return out.result
}

async function viaParquet(buffer: ArrayBuffer): Promise<ImportResult> {
  expect(isParquet(new Uint8Array(buffer))).toBe(true)
  const out = await parquetToText(buffer)
  if (!out.ok) throw new Error(out.reason)
  return read(out.text, 'x.parquet')
}

const core = (e: ThreatEvent) => ({ id: e.id, title: e.title, date: e.date.text, level: e.threatLevel, countries: e.countries, lat: e.location?.latDeg ?? null, fatalities: e.fatalities ?? null })

describe('Parquet', () => {
  it('exports events and reads them back the same (Watchfloor layout)', async () => {
    const events = read(fixture('csv/hundred-ten-bad.csv'), 'x.csv').dataset.events
    const back = await viaParquet(eventsToParquet(events))
    expect(back.format).toBe('csv')
    expect(back.rejected).toBe(0)
    expect(back.dataset.events.map(core)).toEqual(events.map(core))
    expect(back.dataset.events.map((e) => e.actors.map((a) => a.name))).toEqual(events.map((e) => e.actors.map((a) => a.name)))
  })

  it('reads an ACLED extract with typed columns (INT32 fatalities, DOUBLE coordinates, INT64 timestamp) as the CSV reads', async () => {
    const csv = fixture('acled/acled-current.csv').replace(/^\ufeff/, '')
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true })
    const fields = parsed.meta.fields!
    // A typed column cannot hold the fixture's fatalities "some": that row is left out of the extract.
    const data = parsed.data.filter((row) => row.fatalities !== 'some')
    const typed: Record<string, 'INT32' | 'INT64' | 'DOUBLE'> = { fatalities: 'INT32', latitude: 'DOUBLE', longitude: 'DOUBLE', timestamp: 'INT64', year: 'INT32' }
    const buffer = parquetWriteBuffer({
      columnData: fields.map((name) => {
        const type = typed[name]
        const values = data.map((row) => row[name] ?? '')
        if (type === 'INT64') return { name, data: values.map((v) => BigInt(v)), type }
        if (type) return { name, data: values.map((v) => (v === '' || !Number.isFinite(Number(v)) ? null : Number(v))), type }
        return { name, data: values, type: 'STRING' as const }
      }),
    })
    const fromParquet = await viaParquet(buffer)
    const fromCsv = read(Papa.unparse({ fields, data: data.map((row) => fields.map((f) => row[f] ?? '')) }), 'x.csv')
    expect(fromParquet.format).toBe('acled')
    expect(fromParquet.total).toBe(8)
    expect(fromParquet.rejected).toBe(1)
    expect(fromParquet.dataset.events.map(core)).toEqual(fromCsv.dataset.events.map(core))
    expect(fromParquet.dataset.events.find((e) => e.id === 'acled-SDN9004')?.extra?.timestamp).toBe('1747400000')
  })

  it('reads a GDELT extract by column name (GLOBALEVENTID as INT64, SQLDATE as INT32) into the GDELT reader', async () => {
    const rows = fixture('gdelt/gdelt_v2_events_100rows.export.tsv').trim().split('\n').slice(0, 10).map((l) => l.split('\t'))
    const col = (i: number): string[] => rows.map((r) => r[i]!)
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'GLOBALEVENTID', data: col(0).map((v) => BigInt(v)), type: 'INT64' },
        { name: 'SQLDATE', data: col(1).map(Number), type: 'INT32' },
        { name: 'Actor1Code', data: col(5), type: 'STRING' },
        { name: 'Actor1Name', data: col(6), type: 'STRING' },
        { name: 'Actor2Name', data: col(16), type: 'STRING' },
        { name: 'EventCode', data: col(26), type: 'STRING' },
        { name: 'EventRootCode', data: col(28), type: 'STRING' },
        { name: 'QuadClass', data: col(29).map(Number), type: 'INT32' },
        { name: 'GoldsteinScale', data: col(30).map(Number), type: 'DOUBLE' },
        { name: 'ActionGeo_Type', data: col(51).map(Number), type: 'INT32' },
        { name: 'ActionGeo_CountryCode', data: col(53), type: 'STRING' },
        { name: 'ActionGeo_Lat', data: col(56).map((v) => (v === '' ? null : Number(v))), type: 'DOUBLE' },
        { name: 'ActionGeo_Long', data: col(57).map((v) => (v === '' ? null : Number(v))), type: 'DOUBLE' },
        { name: 'SOURCEURL', data: col(60), type: 'STRING' },
      ],
    })
    const r = await viaParquet(buffer)
    expect(r.format).toBe('gdelt')
    expect(r.total).toBe(10)
    const e = r.dataset.events.find((x) => x.id === 'gdelt-410412347')!
    expect(e).toMatchObject({ title: 'Host a visit: President', countries: ['ZA'], threatLevel: 1 })
    expect(e.date.text).toBe('2014-02-18')
    expect(e.sources[0]?.url).toMatch(/dailymaverick/)
  })

  it('says in one line when the bytes are not Parquet', async () => {
    const bytes = new TextEncoder().encode('PAR1 but then nothing of the format PAR1')
    const out = await parquetToText(bytes.buffer)
    expect(out.ok).toBe(false)
    expect(!out.ok && out.reason).toMatch(/^not a readable Parquet file: /)
  })
})
