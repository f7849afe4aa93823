/**
 * Evaluates early warning on generated data with known crisis bursts and prints the figures
 * docs/early-warning.md publishes: `npm run evaluate:warning [-- --size N --seed S]`.
 */
import { parseArgs } from 'node:util'
import { generateSyntheticTable, syntheticBursts } from '../src/domain/synthetic.ts'
import { evaluateBand, evaluateSurges } from '../src/domain/warning/evaluate.ts'
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

console.log(`Generated data: ${size.toLocaleString('en')} events, seed ${seed}, ${bursts.length} bursts, weeks ${fromWeek - counts.firstWeek + 1}–${toWeek - counts.firstWeek + 1} of ${counts.weeks} judged per country`)
console.log('')
console.log('| method | bursts | flagged ≤ 7 days after onset | in the onset week | flags | flags with no burst |')
console.log('|---|---|---|---|---|---|')
for (const method of ['stat', 'acled'] as const) {
  const settings: WarningSettings = { ...DEFAULT_WARNING_SETTINGS, method }
  const started = performance.now()
  const e = evaluateSurges(counts, bursts, fromWeek, toWeek, settings)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `| ${method} | ${e.bursts} | ${e.burstsFlagged} (${percent(e.burstsFlagged, e.bursts)}) | ${e.burstsFlaggedOnsetWeek} (${percent(e.burstsFlaggedOnsetWeek, e.bursts)}) | ${e.flags} | ${e.flagsWithoutBurst} (${percent(e.flagsWithoutBurst, e.flags)}) |`,
  )
  console.error(`  ${method}: ${seconds} s`)
}
const band = evaluateBand(counts, counts.firstWeek + 104, toWeek, stride, 4, DEFAULT_WARNING_SETTINGS)
console.log('')
console.log(`80 % band, 4 weeks ahead from every ${stride}th week after two years: ${band.placeWeeks.toLocaleString('en')} country-weeks held back`)
console.log(`coverage ${percent(band.coverage, 1)} (continuous scale); lo80 ≤ y ≤ hi80 in ${percent(band.plainCoverage, 1)}`)
