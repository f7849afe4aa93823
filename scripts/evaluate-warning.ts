/**
 * Evaluates early warning on generated data with known crisis bursts and prints the figures
 * docs/early-warning.md publishes: `npm run evaluate:warning` (or `-- --size N --seed S`).
 * Judges every week after the first year for every country with both methods, and scores the
 * 80 % band four weeks ahead from every 13th week after the first two years.
 */
import { parseArgs } from 'node:util'
import { generateSyntheticTable, syntheticBursts } from '../src/domain/synthetic.ts'
import { evaluateBand, evaluateSurges, type BandCoverage } from '../src/domain/warning/evaluate.ts'
import { DEFAULT_WARNING_SETTINGS, type WarningSettings } from '../src/domain/warning/settings.ts'
import { weeklyCounts } from '../src/domain/warning/weekly-counts.ts'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '7' },
    stride: { type: 'string', default: '13' },
  },
})
const size = Number(values.size)
const seed = Number(values.seed)
const stride = Number(values.stride)

const table = generateSyntheticTable({ size, seed })
const bursts = syntheticBursts({ seed })
const counts = weeklyCounts(table, 'country')
// The first year is history only; the last week may be partial.
const fromWeek = counts.firstWeek + 52
const toWeek = counts.firstWeek + counts.weeks - 2

const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`)

console.log(`Generated data: ${size.toLocaleString('en')} events, seed ${seed}, ${bursts.length} bursts; weeks ${fromWeek - counts.firstWeek + 1}–${toWeek - counts.firstWeek + 1} of ${counts.weeks} judged for each of ${counts.places.length} countries`)
console.log('')
console.log('| method | bursts | flagged ≤ 7 days after onset | in the onset week | flags | flags with no burst |')
console.log('|---|---|---|---|---|---|')
const runs: [string, WarningSettings][] = [
  ['statistical (FDR 1 %)', DEFAULT_WARNING_SETTINGS],
  ['statistical (FDR 5 %)', { ...DEFAULT_WARNING_SETTINGS, falseDiscoveryRate: 0.05 }],
  ['ACLED-style, 2×', { ...DEFAULT_WARNING_SETTINGS, method: 'acled' }],
  ['ACLED-style, 3×', { ...DEFAULT_WARNING_SETTINGS, method: 'acled', acledRatio: 3 }],
]
for (const [label, settings] of runs) {
  const e = evaluateSurges(counts, bursts, fromWeek, toWeek, settings)
  console.log(
    `| ${label} | ${e.bursts} | ${e.burstsFlagged} (${percent(e.burstsFlagged, e.bursts)}) | ${e.burstsFlaggedOnsetWeek} (${percent(e.burstsFlaggedOnsetWeek, e.bursts)}) | ${e.flags} | ${e.flagsWithoutBurst} (${percent(e.flagsWithoutBurst, e.flags)}) |`,
  )
}
const band = evaluateBand(counts, counts.firstWeek + 104, toWeek, stride, 4, DEFAULT_WARNING_SETTINGS)
const row = (label: string, c: BandCoverage): string => `| ${label} | ${c.placeWeeks.toLocaleString('en')} | ${percent(c.coverage, 1)} | ${percent(c.plainCoverage, 1)} |`
console.log('')
console.log(`80 % band, 4 weeks ahead from every ${stride}th week after the first two years:`)
console.log('')
console.log('| expected per week | country-weeks held back | coverage (continuous scale) | lo80 ≤ y ≤ hi80 |')
console.log('|---|---|---|---|')
console.log(row('all', band))
console.log(row('below 1', band.byVolume[0]))
console.log(row('1 to 10', band.byVolume[1]))
console.log(row('10 and more', band.byVolume[2]))
