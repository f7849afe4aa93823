import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { readNativeJson } from '../../src/domain/ingest/native-json.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin/watchfloor.mjs')
const fixture = (name: string): string => join('tests/fixtures/cli', name)

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function watchfloor(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A failure: exit 2, nothing on stdout, one `watchfloor: …` line on stderr and no stack frames. */
function expectFailure(run: Run, reason: RegExp): void {
  expect(run.code).toBe(2)
  expect(run.stdout).toBe('')
  expect(run.stderr.endsWith('\n')).toBe(true)
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(/^watchfloor: /)
  expect(run.stderr).not.toMatch(/^\s+at /m)
  expect(run.stderr).toMatch(reason)
}

const temp = mkdtempSync(join(tmpdir(), 'watchfloor-cli-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe.concurrent('watchfloor validate', () => {
  it('reports a valid dataset as one JSON object with --json', async () => {
    const run = await watchfloor('validate', fixture('valid-3.json'), '--json')
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1)
    expect(JSON.parse(run.stdout)).toEqual({ format: 'json', total: 3, accepted: 3, rejected: 0, merged: 0, rows: 3, issues: [] })
  })

  it('exits 0 with rejected rows and lists their issues', async () => {
    const run = await watchfloor('validate', fixture('two-bad-of-five.json'), '--json', '--format', 'json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { issues: { row: number }[] }
    expect(report).toMatchObject({ format: 'json', total: 5, accepted: 3, rejected: 2 })
    expect(Object.keys(report)).toEqual(['format', 'total', 'accepted', 'rejected', 'merged', 'rows', 'issues'])
    expect(new Set(report.issues.map((i) => i.row))).toEqual(new Set([2, 4]))
    for (const issue of report.issues) expect(Object.keys(issue)).toEqual(['row', 'field', 'message', 'severity'])
    expect(report.issues.every((i) => (i as { severity?: string }).severity === 'error')).toBe(true)
  })

  it('accounts for every row: rows = accepted + rejected + merged, warnings with severity "warning"', async () => {
    const run = await watchfloor('validate', 'tests/fixtures/acled/acled-monadic.csv', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { rows: number; accepted: number; rejected: number; merged: number; issues: { row: number; field: string; message: string; severity: string }[] }
    // Three data rows: NGA9101 twice (one event) and NGA9102; the pair's second row is merged.
    expect(report).toMatchObject({ format: 'acled', rows: 3, total: 2, accepted: 2, rejected: 0, merged: 1 })
    expect(report.accepted + report.rejected + report.merged).toBe(report.rows)
    expect(report.issues).toContainEqual({ row: 1, field: 'event_id_cnty', message: '2 rows of monadic event NGA9101 merged into one event', severity: 'warning' })
  })

  it('prints a human summary without --json', async () => {
    const run = await watchfloor('validate', fixture('two-bad-of-five.json'))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/total\s+5\n\s+accepted\s+3\n\s+rejected\s+2\n\s+rows\s+5 \(= accepted \+ rejected \+ merged\)\n/)
    expect(run.stdout).toContain('date: not a real date: "2023-02-30" (row 2)')
    expect(run.stdout).toMatch(/title: .* \(row 4\)/)
  })

  it.each([
    ['truncated JSON', fixture('truncated.json'), /not valid JSON/],
    ['an empty file', fixture('empty.json'), /empty/],
    ['a binary file', fixture('binary.png'), /unknown format/],
    ['a missing file', fixture('no-such-file.json'), /cannot read .*no such file/],
    ['a directory', 'tests/fixtures', /cannot read tests\/fixtures: it is a directory/],
  ])('exits 2 with one line for %s', async (_what, file, reason) => {
    expectFailure(await watchfloor('validate', file, '--json'), reason)
  })

  it('reads an undated article as one draft event dated the import day', async () => {
    const run = await watchfloor('validate', fixture('article.txt'), '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { issues: { field: string; severity: string }[] }
    expect(report).toMatchObject({ format: 'article', total: 1, accepted: 1, rejected: 0, merged: 0, rows: 1 })
    expect(report.issues).toEqual([expect.objectContaining({ field: 'date', severity: 'warning' })])
  })
})

describe.concurrent('watchfloor validate on GDELT events with mentions', () => {
  const events = 'tests/fixtures/gdelt/gdelt_v2_events_100rows.export.tsv'
  const mentions = 'tests/fixtures/gdelt/gdelt_v2_mentions_crafted.tsv'

  it('joins the mentions and merges duplicates with --dedupe, counting them', async () => {
    const run = await watchfloor('validate', events, mentions, '--dedupe', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { rows: number; total: number; merged: number; accepted: number; notes: string[] }
    expect(report).toMatchObject({ format: 'gdelt', rows: 100, total: 90, merged: 10, accepted: 90 })
    expect(report.notes).toEqual([
      'mentions joined: 4 mentions of 1 event (of 5 mention rows read)',
      '1 mention of events not in the events file left out',
      'duplicates merged (same day, actor codes, root event code and action location): 10 records into 8 events',
    ])
  })

  it('lists possible duplicates of any source for review, without merging them', async () => {
    const run = await watchfloor('validate', events)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('possible duplicates to review, not merged (7; same date, place and actors, near-identical titles):')
    expect(run.stdout).toContain('  gdelt-410414594, gdelt-410414596, gdelt-410414598: Make a visit: Yemen → Cleric')
    expect(run.stdout).toMatch(/accepted\s+100\n/)
  })

  it('explains a mentions table read alone in one line, exit 2', async () => {
    expectFailure(await watchfloor('validate', mentions), /mentions table \(16 columns\) lists where events were mentioned, not events: import it together with its events file/)
  })
})

describe.concurrent('watchfloor validate on ACLED exports of one dataset', () => {
  it('merges the newer export into the older and counts updated, unchanged, new and removed', async () => {
    const run = await watchfloor('validate', 'tests/fixtures/acled/acled-update-newer.csv', 'tests/fixtures/acled/acled-update-older.csv', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { rows: number; accepted: number; merged: number; notes: string[] }
    expect(report).toMatchObject({ format: 'acled', rows: 10, accepted: 7, rejected: 0, merged: 3 })
    expect(report.notes).toEqual([
      'tests/fixtures/acled/acled-update-newer.csv into the older data: ACLED update: 1 updated, 2 unchanged, 1 new, 1 removed upstream (kept, tagged "removed upstream")',
    ])
  })
})

describe.concurrent('watchfloor validate as a stream', () => {
  it('reports a native CSV read as a stream exactly as read whole', async () => {
    const [streamed, whole] = await Promise.all([
      watchfloor('validate', 'tests/fixtures/csv/hundred-ten-bad.csv', '--stream', '--json'),
      watchfloor('validate', 'tests/fixtures/csv/hundred-ten-bad.csv', '--json'),
    ])
    expect(streamed.code).toBe(0)
    expect(streamed.stderr).toBe('')
    expect(JSON.parse(streamed.stdout)).toMatchObject({ format: 'csv', rows: 100, accepted: 90, rejected: 10 })
    expect(streamed.stdout).toBe(whole.stdout)
  })

  it('shows progress on stderr with --progress, the report alone on stdout', async () => {
    const run = await watchfloor('validate', 'tests/fixtures/csv/hundred-ten-bad.csv', '--stream', '--progress')
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^watchfloor: validating tests\/fixtures\/csv\/hundred-ten-bad\.csv: 100% \(0 MB of 0 MB\)\n$/)
    expect(run.stdout).toMatch(/accepted\s+90\n/)
  })
})

describe.concurrent('watchfloor on Parquet', () => {
  it('validates a Parquet file in Watchfloor columns as the CSV it came from', async () => {
    const run = await watchfloor('validate', 'tests/fixtures/parquet/ninety-events.parquet', '--json')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ format: 'csv', total: 90, accepted: 90, rejected: 0, merged: 0, rows: 90, issues: [] })
  })

  it('exits 2 with one line for a file that says PAR1 but is not Parquet', async () => {
    const bad = join(temp, 'bad.parquet')
    writeFileSync(bad, 'PAR1 and nothing of the format after it')
    expectFailure(await watchfloor('validate', bad), /not a readable Parquet file/)
  })
})

describe.concurrent('watchfloor convert', () => {
  it('writes dataset v1 JSON that reads back to the same events', async () => {
    const out = join(temp, 'out.json')
    const run = await watchfloor('convert', fixture('two-bad-of-five.json'), '-o', out)
    expect(run.code).toBe(0)
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stdout).toContain('3 events')
    const written = readFileSync(out, 'utf8')
    expect(written).toMatch(/^\{\n {2}"schemaVersion": 1,/)
    const again = readNativeJson(written)
    const original = readNativeJson(readFileSync(join(ROOT, fixture('two-bad-of-five.json')), 'utf8'))
    expect(again.ok && original.ok).toBe(true)
    if (again.ok && original.ok) {
      expect(again.result.rejected).toBe(0)
      expect(again.result.dataset.events.map((e) => [e.id, e.threatLevel, e.date.text])).toEqual(
        original.result.dataset.events.map((e) => [e.id, e.threatLevel, e.date.text]),
      )
    }
  })

  it('writes nothing and exits 2 when the input cannot be read', async () => {
    const out = join(temp, 'never.json')
    expectFailure(await watchfloor('convert', fixture('truncated.json'), '-o', out), /not valid JSON/)
    expect(existsSync(out)).toBe(false)
  })

  it('exits 2 when the output cannot be written', async () => {
    const out = join(temp, 'missing-folder', 'out.json')
    expectFailure(await watchfloor('convert', fixture('valid-3.json'), '-o', out), /cannot write/)
  })
})

describe.concurrent('watchfloor arguments', () => {
  it('prints help and exits 0', async () => {
    const run = await watchfloor('--help')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('watchfloor validate FILE')
    expect(run.stdout).toContain('watchfloor convert FILE -o OUT.json')
  })

  it.each([
    [[], /no command given/],
    [['frobnicate', 'x.json'], /unknown command "frobnicate"/],
    [['validate'], /validate needs a FILE/],
    [['validate', 'x.json', '--colour'], /Unknown option '--colour'/],
    [['validate', 'x.json', '--format', 'xml'], /unknown format "xml"/],
    [['convert', 'x.json'], /convert needs -o OUT.json/],
  ])('exits 2 with the usage line for %j', async (args, reason) => {
    const run = await watchfloor(...args)
    expectFailure(run, reason)
    expect(run.stderr).toContain('usage: watchfloor validate FILE')
  })
})
