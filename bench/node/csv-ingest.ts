/**
 * CSV ingest throughput: our native CSV importer (validation, normalisation and typed columns,
 * as the import worker runs it) against plain papaparse with a header row on the main thread
 * (strings only: no validation, no columns). The CSV text is written from a synthetic table, so
 * it has the realistic mix of countries, actors, levels and imprecise dates.
 */
import Papa from 'papaparse'
import { readCsvColumns, type CsvColumns } from '../../src/domain/ingest/csv-columns.ts'
import { joinCsvHalves } from '../../src/domain/ingest/csv-merge.ts'
import { cutCsvInTwo } from '../../src/domain/ingest/csv-split.ts'
import { readCsv } from '../../src/domain/ingest/csv.ts'
import { assembleTable } from '../../src/domain/table.ts'
import { type EventTable } from '../../src/domain/table-types.ts'
import { consume, round, timeMedian, type BenchRow } from '../lib/measure.ts'
import { syntheticCsvLines } from '../lib/synthetic-csv.ts'

/** CSV text with the native header for the first `rows` rows of `table`. */
export function csvFromTable(table: EventTable, rows: number): string {
  return [...syntheticCsvLines(table, rows)].join('\n') + '\n'
}

/** Rows for CSV ingest of `rows` events; figures are ms for the whole text, notes give rows/s. */
export function benchCsvIngest(table: EventTable, rows: number, runs: number): BenchRow[] {
  const text = csvFromTable(table, rows)
  const perSecond = (ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')}`
  const ours = timeMedian(() => {
    const outcome = readCsvColumns(text, { name: 'bench' })
    if (!outcome.ok || outcome.value.rejected > 0) throw new Error('the bench CSV should be read without rejections')
    return assembleTable(outcome.value.columns, () => {
      throw new Error('not needed')
    })
  }, runs)
  const peer = timeMedian(() => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.length, runs)
  // The app reads a CSV over 16 MiB in two halves on two threads (csv-split.ts, csv-merge.ts):
  // the wait is the longer half, then the join and the table. Timed here one after the other.
  const cut = cutCsvInTwo(text, 0)
  if (!cut) throw new Error('the bench CSV should cut in two')
  const readHalf = (half: string): CsvColumns => {
    const outcome = readCsvColumns(half, { newline: cut.newline })
    if (!outcome.ok) throw new Error(outcome.reason)
    return outcome.value
  }
  const secondText = cut.head + text.slice(cut.at)
  const firstMs = timeMedian(() => readHalf(text.slice(0, cut.at)), runs)
  const secondMs = timeMedian(() => readHalf(secondText), runs)
  const first = readHalf(text.slice(0, cut.at))
  const second = { read: { ...readHalf(secondText), body: '' }, at: cut.at, headLength: cut.head.length, newline: cut.newline }
  const joinMs = timeMedian(
    () =>
      assembleTable(joinCsvHalves(first, second, text).columns, () => {
        throw new Error('not needed')
      }),
    runs,
  )
  const halves = Math.max(firstMs, secondMs) + joinMs
  const out: BenchRow[] = [
    {
      name: 'CSV ingest → table, two threads (longer half + join)',
      n: rows,
      ours_ms: round(halves),
      peer: 'papaparse header:true, main thread (parse only)',
      peer_ms: round(peer),
      note: `halves ${round(firstMs)} and ${round(secondMs)} ms, join + table ${round(joinMs)} ms, timed one after the other in Node: ${perSecond(halves)} rows/s with two free cores (the app splits texts over 16 MiB)`,
    },
    {
      name: 'CSV ingest → table (rows/s in note)',
      n: rows,
      ours_ms: round(ours),
      peer: 'papaparse header:true, main thread (parse only)',
      peer_ms: round(peer),
      note: `ours ${perSecond(ours)} rows/s (validated, columns built); papaparse ${perSecond(peer)} rows/s; ${(text.length / 1048576).toFixed(1)} MB of text`,
    },
  ]
  if (rows <= 100_000) {
    const objects = timeMedian(() => {
      const outcome = readCsv(text, { name: 'bench' })
      consume(outcome.ok ? outcome.result.dataset.events.length : 0)
      return outcome
    }, Math.max(1, Math.floor(runs / 2)))
    out.push({
      name: 'CSV ingest → event objects (readCsv, CLI path)',
      n: rows,
      ours_ms: round(objects),
      peer: 'papaparse header:true, main thread (parse only)',
      peer_ms: round(peer),
      note: `${perSecond(objects)} rows/s`,
    })
  }
  return out
}
