import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../../bin/cli.ts'
import { mulberry32 } from '../../../src/domain/synthetic-random.ts'

/**
 * A fuzz run of the command line: 300 files mangled from the fixtures (truncated, bytes flipped,
 * NULs injected, a huge line, the wrong encoding, binary noise) must each give exit 0 with a
 * consistent report, or exit 2 with one `watchfloor: …` line on stderr, never a stack trace or
 * an internal error. Most run in-process through `main`; a sample spawns the real command.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const BIN = join(ROOT, 'bin/watchfloor.mjs')
const FILES = 300
const SPAWNED = 20

// A seeded generator, so a failure names a file that can be made again.
const random = mulberry32

function sources(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = []
  for (const folder of ['cli', 'csv', 'acled', 'stix', 'article', 'hostile']) {
    const dir = join(ROOT, 'tests/fixtures', folder)
    for (const name of readdirSync(dir).sort()) out.push({ name: `${folder}-${name}`, bytes: readFileSync(join(dir, name)) })
  }
  return out.filter((s) => s.bytes.length > 0)
}

type Mangle = (bytes: Buffer, rnd: () => number) => Buffer

const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n)

/** The ways a file arrives broken. */
const MANGLES: readonly (readonly [string, Mangle])[] = [
  ['truncated', (b, rnd) => b.subarray(0, int(rnd, b.length))],
  [
    'flipped',
    (b, rnd) => {
      const out = Buffer.from(b)
      for (let i = 0; i < 1 + int(rnd, 12); i++) out[int(rnd, out.length)] = int(rnd, 256)
      return out
    },
  ],
  [
    'nuls',
    (b, rnd) => {
      const at = int(rnd, b.length)
      return Buffer.concat([b.subarray(0, at), Buffer.alloc(1 + int(rnd, 64)), b.subarray(at)])
    },
  ],
  [
    'huge-line',
    (b, rnd) => {
      const at = int(rnd, b.length)
      const filler = Buffer.from(rnd() < 0.5 ? 'x'.repeat(300_000) : '{"a":'.repeat(20_000))
      return Buffer.concat([b.subarray(0, at), filler, b.subarray(at)])
    },
  ],
  ['utf16le-no-bom', (b) => Buffer.from(b.toString('utf8'), 'utf16le')],
  ['utf16le-bom', (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')])],
  ['utf16be-bom-odd', (b) => Buffer.concat([Buffer.from([0xfe, 0xff]), b.subarray(0, b.length | 1)])],
  ['latin1', (b) => Buffer.from(b.toString('utf8').replace(/e/g, 'é'), 'latin1')],
  ['binary', (b, rnd) => Buffer.from(Array.from({ length: 1 + int(rnd, Math.min(b.length, 4096)) }, () => int(rnd, 256)))],
  [
    'line-ends',
    (b, rnd) => {
      const text = b.toString('utf8')
      return Buffer.from(rnd() < 0.5 ? text.replace(/\n/g, '\r') : text.replace(/\n/g, '\n\n\u2028'))
    },
  ],
  [
    'shuffled-lines',
    (b, rnd) => {
      const lines = b.toString('utf8').split('\n')
      for (let i = lines.length - 1; i > 0; i--) {
        const j = int(rnd, i + 1)
        ;[lines[i], lines[j]] = [lines[j]!, lines[i]!]
      }
      return Buffer.from(lines.join('\n'))
    },
  ],
]

interface Case {
  readonly file: string
  readonly how: string
}

let temp = ''
const cases: Case[] = []

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'watchfloor-fuzz-'))
  const from = sources()
  const rnd = random(20251128)
  for (let i = 0; i < FILES; i++) {
    const source = from[i % from.length]!
    const [how, mangle] = MANGLES[int(rnd, MANGLES.length)]!
    // Twice mangled now and then: truncated and flipped, and so on.
    let bytes = mangle(source.bytes, rnd)
    if (rnd() < 0.2) bytes = MANGLES[int(rnd, MANGLES.length)]![1](bytes, rnd)
    const ext = source.name.split('.').pop()
    const file = join(temp, `${String(i).padStart(3, '0')}-${how}-${source.name.replace(/\.[^.]*$/, '')}.${rnd() < 0.15 ? 'bin' : ext}`)
    writeFileSync(file, bytes)
    cases.push({ file, how })
  }
})
afterAll(() => rmSync(temp, { recursive: true, force: true }))

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the command line in this process, capturing what it writes. */
function runInProcess(argv: string[]): Run {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true))
  try {
    // Text input runs synchronously (only Parquet, which no mangled file is, reads asynchronously).
    return { code: main(argv) as number, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

function runSpawned(argv: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** What every run must look like; returns a description of what is wrong, or null. */
function problemWith(run: Run, json: boolean): string | null {
  if (run.code === 2) {
    const lines = run.stderr.trimEnd().split('\n')
    if (lines.length !== 1) return `exit 2 with ${lines.length} lines on stderr`
    if (!lines[0]!.startsWith('watchfloor: ')) return `stderr does not start with "watchfloor: ": ${lines[0]}`
    if (/internal error|^\s+at /m.test(run.stderr)) return `internal error: ${lines[0]}`
    if (run.stdout !== '') return 'exit 2 with output on stdout'
    return null
  }
  if (run.code !== 0) return `exit ${run.code}`
  if (run.stderr !== '') return `exit 0 with stderr: ${run.stderr}`
  if (!json) return null
  const report = JSON.parse(run.stdout) as { total: number; accepted: number; rejected: number; merged: number; rows: number; issues: unknown[] }
  if (report.accepted + report.rejected !== report.total) return `accepted ${report.accepted} + rejected ${report.rejected} ≠ total ${report.total}`
  if (report.accepted + report.rejected + report.merged !== report.rows) return `accepted + rejected + merged ≠ rows ${report.rows}`
  return null
}

describe('the CLI on 300 mangled files', () => {
  it('exits 0 with a consistent report or 2 with one line, in-process', () => {
    const problems: string[] = []
    const codes = { 0: 0, 2: 0 }
    for (const [i, { file, how }] of cases.entries()) {
      if (i % 15 === 0) continue // spawned below
      const json = i % 3 !== 2
      const argv = json ? ['validate', file, '--json'] : ['convert', file, '-o', `${file}.out.json`]
      const run = runInProcess(argv)
      const problem = problemWith(run, json)
      if (problem) problems.push(`${file.split('/').pop()} (${how}): ${problem}`)
      if (run.code === 0 || run.code === 2) codes[run.code]++
    }
    expect(problems).toEqual([])
    // Both outcomes occur: the mangling is neither too gentle nor too harsh to mean anything.
    expect(codes[0]).toBeGreaterThan(30)
    expect(codes[2]).toBeGreaterThan(30)
    expect(codes[0] + codes[2]).toBe(FILES - SPAWNED)
  })

  it('does the same through the real command for a sample of 20', { timeout: 90_000 }, async () => {
    const sample = cases.filter((_, i) => i % 15 === 0)
    expect(sample).toHaveLength(SPAWNED)
    const problems: string[] = []
    // Two at a time: each spawn costs a node start and the TypeScript loader.
    for (let i = 0; i < sample.length; i += 2) {
      const runs = await Promise.all(sample.slice(i, i + 2).map(async ({ file, how }) => ({ file, how, run: await runSpawned(['validate', file, '--json']) })))
      for (const { file, how, run } of runs) {
        const problem = problemWith(run, true)
        if (problem) problems.push(`${file.split('/').pop()} (${how}): ${problem}`)
      }
    }
    expect(problems).toEqual([])
  })
})
