import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bundleIsFresh } from '../../bin/bundle-fresh.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const temp = mkdtempSync(join(tmpdir(), 'watchfloor-bundle-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** A tree with a source file and a bundle built from it. */
function tree(name: string): { root: URL; source: string } {
  const dir = join(temp, name)
  mkdirSync(join(dir, 'build', 'cli'), { recursive: true })
  mkdirSync(join(dir, 'src'))
  const source = join(dir, 'src', 'a.ts')
  writeFileSync(source, 'export const a = 1\n')
  writeFileSync(join(dir, 'build', 'cli', 'watchfloor.mjs'), 'export function main() { return 0 }\n')
  writeFileSync(join(dir, 'build', 'cli', 'inputs.json'), JSON.stringify({ inputs: { 'src/a.ts': statSync(source).mtimeMs } }))
  return { root: pathToFileURL(`${dir}/`), source }
}

describe('the prebuilt command line', () => {
  it('runs only while every source it was built from is unchanged', () => {
    const { root, source } = tree('fresh')
    expect(bundleIsFresh(root)).toBe(true)
    utimesSync(source, new Date(), new Date(Date.now() + 5_000))
    expect(bundleIsFresh(root)).toBe(false)
  })

  it('is not used when missing, or when its list of sources is missing or broken', () => {
    const { root } = tree('broken')
    writeFileSync(new URL('build/cli/inputs.json', root), '{"inputs":')
    expect(bundleIsFresh(root)).toBe(false)
    rmSync(new URL('build/cli', root), { recursive: true })
    expect(bundleIsFresh(root)).toBe(false)
  })

  it('is built from bin/cli.ts and the domain code, and answers as the sources do', () => {
    const out = join(temp, 'built')
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--out', out], { cwd: ROOT, stdio: 'pipe' })
    const { inputs } = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as { inputs: Record<string, number> }
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['bin/cli.ts', 'bin/commands/validate.ts', 'src/domain/ingest/read-many.ts', 'package-lock.json']))
    const args = ['validate', 'tests/fixtures/gdelt/gdelt_v2_events_100rows.export.tsv', 'tests/fixtures/gdelt/gdelt_v2_mentions_crafted.tsv', '--dedupe', '--json']
    const bundled = spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, 'watchfloor.mjs')).href)}); process.exitCode = main(${JSON.stringify(args)})`], { cwd: ROOT, encoding: 'utf8' })
    expect(bundled.stderr).toBe('')
    expect(bundled.status).toBe(0)
    expect(JSON.parse(bundled.stdout)).toMatchObject({ format: 'gdelt', rows: 100, merged: 10 })
    // The same command from the TypeScript sources, through tsx.
    const viaTsx = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'bin/cli.ts')).href)}); process.exitCode = main(${JSON.stringify(args)})`], { cwd: ROOT, encoding: 'utf8' })
    expect(bundled.stdout).toBe(viaTsx.stdout)
  })

  it('validates a CSV as a stream in its heap-capped worker, with the answer read whole gives', () => {
    const out = join(temp, 'built')
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, 'watchfloor.mjs')).href)}); process.exitCode = await main(${JSON.stringify(args)})`], { cwd: ROOT, encoding: 'utf8' })
    expect(statSync(join(out, 'stream-worker.mjs')).size).toBeGreaterThan(0)
    const streamed = run(['validate', 'tests/fixtures/csv/hundred-ten-bad.csv', '--stream', '--json'])
    const whole = run(['validate', 'tests/fixtures/csv/hundred-ten-bad.csv', '--json'])
    expect(streamed.stderr).toBe('')
    expect(streamed.status).toBe(0)
    expect(JSON.parse(streamed.stdout)).toMatchObject({ rows: 100, accepted: 90, rejected: 10 })
    expect(streamed.stdout).toBe(whole.stdout)
  })
})
