import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin/watchfloor.mjs')
const ACLED = 'tests/fixtures/warning/acled-weekly.csv'
const GDELT = 'tests/fixtures/warning/gdelt-weekly.export.tsv'

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function watchfloor(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function json(run: Run): Record<string, unknown> {
  expect(run.code).toBe(0)
  expect(run.stderr).toBe('')
  expect(run.stdout.trimEnd().split('\n')).toHaveLength(1)
  return JSON.parse(run.stdout) as Record<string, unknown>
}

describe.concurrent('watchfloor surges', () => {
  it('gives the contract JSON for the statistical method', async () => {
    const out = json(await watchfloor('surges', ACLED, '--as-of', '2025-05-25', '--json'))
    expect(Object.keys(out)).toEqual(['asOf', 'by', 'method', 'surges'])
    expect(out).toMatchObject({ asOf: '2025-05-25', by: 'country', method: 'stat' })
    const surges = out.surges as Record<string, unknown>[]
    expect(surges).toHaveLength(1)
    expect(Object.keys(surges[0]!)).toEqual(['place', 'name', 'weekStart', 'observed', 'expected', 'p'])
    expect(surges[0]).toMatchObject({ place: 'SD', name: 'Sudan', weekStart: '2025-05-19', observed: 15 })
    expect(surges[0]!.p).toBeLessThan(1e-4)
  }, 30_000)

  it('gives the rule that fired for --method acled, by region slug', async () => {
    const out = json(await watchfloor('surges', GDELT, '--as-of', '2025-05-25', '--method', 'acled', '--by', 'region', '--json'))
    expect(out).toMatchObject({ by: 'region', method: 'acled' })
    const surges = out.surges as Record<string, unknown>[]
    expect(surges.map((s) => s.place)).toContain('northern-africa')
    const na = surges.find((s) => s.place === 'northern-africa')!
    expect(Object.keys(na)).toEqual(['place', 'name', 'weekStart', 'observed', 'expected', 'rule'])
    expect(na).toMatchObject({ name: 'Northern Africa', weekStart: '2025-05-19', observed: 18 })
    expect(na.rule).toMatch(/^18 > 2 × 4-week average [\d.]+ and > 2 × 52-week average [\d.]+$/)
  }, 30_000)

  it('defaults the as-of date to the day of the latest event', async () => {
    const out = json(await watchfloor('surges', GDELT, '--json'))
    expect(out.asOf).toBe('2025-05-25')
    expect((out.surges as { place: string }[]).map((s) => s.place)).toEqual(['SD'])
  }, 30_000)

  it('prints a summary without --json', async () => {
    const run = await watchfloor('surges', ACLED, '--as-of', '2025-05-25')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('SD     Sudan: week of 2025-05-19 (since 2025-05-19), 15 events against 3 expected')
  }, 30_000)

  it.each([
    [['surges', ACLED, '--by', 'city'], /unknown --by "city"/],
    [['surges', ACLED, '--as-of', '2025-05'], /--as-of needs a day as YYYY-MM-DD/],
    [['surges', ACLED, '--method', 'zscore'], /unknown --method "zscore"/],
    [['forecast', ACLED, '--by', 'actor'], /unknown --by "actor" \(expected country\|region\)/],
    [['forecast', ACLED, '--weeks', '0'], /--weeks needs a whole number from 1 to 52/],
    [['surges', 'tests/fixtures/warning/none.csv', '--json'], /cannot read .*no such file/],
    [['surges'], /surges needs a FILE/],
  ])('exits 2 with one line for %j', async (args, reason) => {
    const run = await watchfloor(...args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^watchfloor: /)
    expect(run.stderr).toMatch(reason)
  }, 30_000)
})

describe.concurrent('watchfloor forecast', () => {
  it('gives the contract JSON: four weeks after the as-of date with an 80 % band', async () => {
    const out = json(await watchfloor('forecast', ACLED, '--as-of', '2025-05-18', '--json'))
    expect(Object.keys(out)).toEqual(['asOf', 'by', 'method', 'forecasts'])
    expect(out).toMatchObject({ asOf: '2025-05-18', by: 'country', method: 'stat' })
    const rows = out.forecasts as { place: string; name: string; weekStart: string; expected: number; lo80: number; hi80: number }[]
    expect(Object.keys(rows[0]!)).toEqual(['place', 'name', 'weekStart', 'expected', 'lo80', 'hi80'])
    const sd = rows.filter((r) => r.place === 'SD')
    expect(sd.map((r) => r.weekStart)).toEqual(['2025-05-19', '2025-05-26', '2025-06-02', '2025-06-09'])
    for (const r of sd) {
      expect(r.name).toBe('Sudan')
      // Sudan's weeks so far: 2, 3, 4, 3 repeating: a mean of 3.
      expect(r.expected).toBeCloseTo(3, 0)
      expect(r.lo80).toBeLessThan(r.expected)
      expect(r.hi80).toBeGreaterThan(r.expected)
    }
  }, 30_000)

  it('takes --weeks and --by region', async () => {
    const out = json(await watchfloor('forecast', GDELT, '--by', 'region', '--weeks', '2', '--json'))
    const rows = out.forecasts as { place: string; weekStart: string }[]
    expect(rows.filter((r) => r.place === 'eastern-africa').map((r) => r.weekStart)).toEqual(['2025-05-26', '2025-06-02'])
  }, 30_000)
})
