import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin/watchfloor.mjs')
const AMBIGUOUS = 'tests/fixtures/csv/ambiguous-dates.csv'

function validate(...args: string[]): { code: number | null; report: { accepted: number; notes?: string[] } | null; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, 'validate', ...args, '--json'], { cwd: ROOT, encoding: 'utf8' })
  return { code: run.status, report: run.status === 0 ? (JSON.parse(run.stdout) as { accepted: number; notes?: string[] }) : null, stderr: run.stderr }
}

describe('watchfloor validate --date-order', () => {
  it('reads an ambiguous file day first by default and says so; --date-order mdy reads it month first', () => {
    const assumed = validate(AMBIGUOUS)
    expect(assumed.code).toBe(0)
    expect(assumed.report?.accepted).toBe(2)
    expect(assumed.report?.notes).toEqual([
      'Dates with slashes read day first (dd/mm/yyyy), no date in the file tells day from month: choose the order if the file is month first.',
    ])
    const chosen = validate(AMBIGUOUS, '--date-order', 'mdy')
    expect(chosen.report?.notes).toEqual(['Dates with slashes read month first (mm/dd/yyyy), as chosen.'])
  })

  it('refuses an unknown order with the usage line, exit 2', () => {
    const run = validate(AMBIGUOUS, '--date-order', 'ymd')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown date order "ymd" (expected dmy|mdy)')
  })
})
