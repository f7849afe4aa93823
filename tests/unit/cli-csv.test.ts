import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin/watchfloor.mjs')
const CSV = 'tests/fixtures/csv/hundred-ten-bad.csv'

function watchfloor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const temp = mkdtempSync(join(tmpdir(), 'watchfloor-cli-csv-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('watchfloor on native CSV', () => {
  it('validate --json: total 100, accepted 90, rejected 10 with their rows', () => {
    const run = watchfloor('validate', CSV, '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { format: string; total: number; accepted: number; rejected: number; issues: { row: number }[] }
    expect(report).toMatchObject({ format: 'csv', total: 100, accepted: 90, rejected: 10 })
    expect([...new Set(report.issues.map((i) => i.row))]).toEqual([7, 15, 23, 31, 44, 52, 68, 77, 85, 99])
  }, 20_000)

  it('convert writes dataset v1 with the 90 accepted events', () => {
    const out = join(temp, 'out.json')
    const run = watchfloor('convert', CSV, '-o', out, '--format', 'csv')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('90 events from CSV (csv) (10 of 100 rejected)')
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { schemaVersion: number; name: string; events: { id: string }[] }
    expect(doc.schemaVersion).toBe(1)
    expect(doc.name).toBe('hundred-ten-bad')
    expect(doc.events).toHaveLength(90)
    expect(doc.events[0]?.id).toBe('evt-001')
  }, 20_000)

  it('a CSV without the required columns exits 2 with a one-line reason', () => {
    const bad = join(temp, 'bad.csv')
    writeFileSync(bad, 'name,colour\nx,red\n')
    const run = watchfloor('validate', bad, '--format', 'csv')
    expect(run.code).toBe(2)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^watchfloor: .*no column for id, date, threatLevel/)
  }, 20_000)
})
