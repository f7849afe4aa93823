/**
 * `watchfloor surges` and `watchfloor forecast`: early warning on any file, with the same
 * domain code the app runs. The contracts (docs/early-warning.md):
 *   surges FILE [--by country|region|actor] [--as-of YYYY-MM-DD] [--method stat|acled] [--json]
 *     → { asOf, by, method, surges: [{ place, name, weekStart, observed, expected, p?, rule? }] }
 *   forecast FILE [--by country|region] [--as-of YYYY-MM-DD] [--weeks 4] [--json]
 *     → { asOf, by, method, forecasts: [{ place, name, weekStart, expected, lo80, hi80 }] }
 */
import { parseArgs } from 'node:util'
import { buildEventTable } from '../src/domain/build-table.ts'
import { DAY_MS, isoDay, parsePartialDate } from '../src/domain/dates.ts'
import type { ImportResult } from '../src/domain/model.ts'
import { defaultAsOf } from '../src/domain/threat-index.ts'
import { forecastAll, surgeRows, type ForecastRow, type SurgeRow } from '../src/domain/warning/place-report.ts'
import { DEFAULT_FORECAST_WEEKS, DEFAULT_WARNING_SETTINGS, type WarningMeasure, type WarningMethod } from '../src/domain/warning/settings.ts'
import type { PlaceKind } from '../src/domain/warning/weekly-counts.ts'

export const WARNING_COMMANDS: ReadonlySet<string> = new Set(['surges', 'forecast'])

const USAGE =
  'usage: watchfloor surges FILE [--by country|region|actor] [--as-of YYYY-MM-DD] [--method stat|acled] [--measure count|weighted] [--json] | watchfloor forecast FILE [--by country|region] [--as-of YYYY-MM-DD] [--weeks 4] [--json]'

const HELP = `watchfloor surges / forecast: early warning on a data file

Usage:
  watchfloor surges FILE [--by country|region|actor] [--as-of YYYY-MM-DD] [--method stat|acled]
                         [--measure count|weighted] [--json]
  watchfloor forecast FILE [--by country|region] [--as-of YYYY-MM-DD] [--weeks 4]
                           [--measure count|weighted] [--json]

surges    judges the last complete week (Monday to Sunday, UTC) before the as-of date for every
          place and lists the surges, strongest first. --json prints
          { asOf, by, method, surges: [{ place, name, weekStart, observed, expected, p?, rule? }] }
forecast  the expected weekly events of the weeks after the as-of date, with an 80 % band.
          --json prints { asOf, by, method, forecasts: [{ place, name, weekStart, expected, lo80, hi80 }] }

Options:
  --by         country (default; ISO alpha-2 codes), region (M49 slugs) or actor
  --as-of      the as-of date (default: the day of the latest event)
  --method     stat (default: fitted baseline, p-value, false discovery control) or acled
               (more than twice the 4- and the 52-week averages)
  --measure    count (default) or weighted (by severity: 1, 2, 4, 8, 16)
  --weeks      forecast: weeks ahead (default 4, at most 52)
  -f, --format the file's format (default auto)

docs/early-warning.md explains the method. Exit 0 when FILE was read, 2 otherwise.
`

/** A failure the user can act on: one line, exit 2; `usage` adds the usage line. */
class WarningCliError extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message)
  }
}

/** Reads a file the way `validate` does; throws an Error whose message is one user-facing line. */
export type ReadFile = (file: string, format: string | undefined) => ImportResult

function oneOf<T extends string>(value: string | undefined, choices: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new WarningCliError(`unknown ${option} "${value}" (expected ${choices.join('|')})`, true)
}

/** `--as-of 2025-03-16` means the end of that day (UTC). */
function parseAsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const date = parsePartialDate(value)
  if (date === null || date.precision !== 'day') throw new WarningCliError(`--as-of needs a day as YYYY-MM-DD, not "${value}"`, true)
  return date.endMs
}

function parseWeeks(value: string | undefined): number {
  if (value === undefined) return DEFAULT_FORECAST_WEEKS
  const weeks = Number(value)
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) throw new WarningCliError(`--weeks needs a whole number from 1 to 52, not "${value}"`, true)
  return weeks
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits))

function surgesJson(asOf: string, by: PlaceKind, method: WarningMethod, rows: readonly SurgeRow[]): string {
  return JSON.stringify({
    asOf,
    by,
    method,
    surges: rows.map((r) => ({
      place: r.place,
      name: r.name,
      weekStart: r.weekStart,
      observed: round(r.observed),
      expected: round(r.expected),
      ...(r.p === undefined ? {} : { p: r.p }),
      ...(r.rule === undefined ? {} : { rule: r.rule }),
    })),
  })
}

function forecastJson(asOf: string, by: PlaceKind, rows: readonly ForecastRow[]): string {
  return JSON.stringify({
    asOf,
    by,
    method: 'stat',
    forecasts: rows.map((r) => ({ place: r.place, name: r.name, weekStart: r.weekStart, expected: round(r.expected), lo80: round(r.lo80), hi80: round(r.hi80) })),
  })
}

function surgesText(file: string, asOf: string, by: PlaceKind, method: WarningMethod, rows: readonly SurgeRow[], judged: number, tooLittle: number): string {
  const lines = [`${file}: surges by ${by} at ${asOf} (${method === 'stat' ? 'statistical method' : 'ACLED-style rule'})`]
  lines.push(`  ${judged} places judged${tooLittle > 0 ? `, ${tooLittle} with too little history (not flagged)` : ''}`)
  if (rows.length === 0) lines.push('  no surges')
  for (const r of rows) {
    const why = r.p !== undefined ? `p = ${r.p.toPrecision(2)}` : (r.rule ?? '')
    lines.push(`  ${r.place.padEnd(6)} ${r.name}: week of ${r.weekStart} (since ${r.since}), ${round(r.observed, 1)} events against ${round(r.expected, 1)} expected; ${why}`)
  }
  return lines.join('\n')
}

function forecastText(file: string, asOf: string, by: PlaceKind, rows: readonly ForecastRow[]): string {
  const lines = [`${file}: expected weekly events by ${by} after ${asOf} (80 % band)`]
  if (rows.length === 0) lines.push('  no place has enough history')
  for (const r of rows) lines.push(`  ${r.place.padEnd(6)} ${r.name}: week of ${r.weekStart}  ${round(r.expected, 1)}  (${round(r.lo80, 1)} – ${round(r.hi80, 1)})`)
  return lines.join('\n')
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        by: { type: 'string' },
        'as-of': { type: 'string' },
        method: { type: 'string' },
        measure: { type: 'string' },
        weeks: { type: 'string' },
        format: { type: 'string', short: 'f' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new WarningCliError(error instanceof Error ? error.message : String(error), true)
  }
}

function run(argv: readonly string[], readFile: ReadFile): string {
  const { values, positionals } = parse(argv)
  if (values.help) return HELP
  const [command, file, ...rest] = positionals
  if (file === undefined) throw new WarningCliError(`${command} needs a FILE`, true)
  if (rest.length > 0) throw new WarningCliError(`unexpected argument "${rest[0]}"`, true)
  const isSurges = command === 'surges'
  const by = oneOf<PlaceKind>(values.by, isSurges ? ['country', 'region', 'actor'] : ['country', 'region'], 'country', '--by')
  const measure = oneOf<WarningMeasure>(values.measure, ['count', 'weighted'], 'count', '--measure')
  const asOfOption = parseAsOf(values['as-of'])
  if (!isSurges && values.method !== undefined) throw new WarningCliError('--method applies to surges only', true)
  if (isSurges && values.weeks !== undefined) throw new WarningCliError('--weeks applies to forecast only', true)
  const method = oneOf<WarningMethod>(values.method, ['stat', 'acled'], 'stat', '--method')
  const weeks = parseWeeks(values.weeks)

  let result: ImportResult
  try {
    result = readFile(file, values.format)
  } catch (error) {
    throw new WarningCliError(error instanceof Error ? error.message : String(error))
  }
  const table = buildEventTable(result.dataset)
  const asOfMs = asOfOption ?? defaultAsOf(table)
  const asOf = table.size === 0 && asOfOption === undefined ? '' : isoDay(asOfMs - DAY_MS)
  const settings = { ...DEFAULT_WARNING_SETTINGS, method, measure }
  if (isSurges) {
    const report = surgeRows(table, by, asOfMs, settings)
    return values.json ? surgesJson(asOf, by, method, report.rows) : surgesText(file, asOf, by, method, report.rows, report.judged, report.tooLittleHistory)
  }
  const rows = forecastAll(table, by, asOfMs, weeks, settings)
  return values.json ? forecastJson(asOf, by, rows) : forecastText(file, asOf, by, rows)
}

/**
 * Runs `surges` or `forecast` (argv without node and the script) and returns the exit code,
 * writing the result to stdout; never throws: a failure is one `watchfloor: …` line on stderr.
 */
export function warningMain(argv: readonly string[], readFile: ReadFile): number {
  try {
    const text = run(argv, readFile)
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
    return 0
  } catch (error) {
    const known = error instanceof WarningCliError
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim()
    const detail = known ? (error.usage ? ` (${USAGE})` : '') : ' (internal error)'
    process.stderr.write(`watchfloor: ${reason}${detail}\n`)
    return 2
  }
}
