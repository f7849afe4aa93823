import { execFileSync } from 'node:child_process'
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, watchfloor } from './cli-run.ts'
import { stixHugeArrays, stixRepeatedReferences } from './security/pathological-inputs.ts'

/**
 * The command line on hostile ground: an output path that is a link or a device is refused,
 * and inputs once quadratic (or deep enough to overflow the stack) finish quickly.
 */
const VALID = join(ROOT, 'tests/fixtures/cli/valid-3.json')

const temp = mkdtempSync(join(tmpdir(), 'watchfloor-cli-safety-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('convert -o refuses anything but a regular file', () => {
  it('a symbolic link: refused, the link and the file it points to unchanged', async () => {
    const target = join(temp, 'target.txt')
    const link = join(temp, 'link.json')
    writeFileSync(target, 'keep me')
    symlinkSync(target, link)
    const run = await watchfloor('convert', VALID, '-o', link)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`watchfloor: cannot write ${link}: it is a symbolic link; give the path of a regular file\n`)
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe(target)
    expect(readFileSync(target, 'utf8')).toBe('keep me')
  })

  it('a named pipe (a special file, as a device is): refused and left in place', async () => {
    const fifo = join(temp, 'pipe.json')
    execFileSync('mkfifo', [fifo])
    const run = await watchfloor('convert', VALID, '-o', fifo)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`watchfloor: cannot write ${fifo}: it is not a regular file (a device, pipe or socket)\n`)
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })

  // Never a real device: were the check to regress, the test would replace it (as root, /dev/null).
  // A node of its own in the temporary folder, where the system lets this user make one.
  const device = join(temp, 'device.json')
  const canMakeDevice = ((): boolean => {
    try {
      execFileSync('mknod', [device, 'c', '1', '3'], { stdio: 'ignore' })
      return lstatSync(device).isCharacterDevice()
    } catch {
      return false
    }
  })()
  it.skipIf(!canMakeDevice)('a device node: refused, the node left as it was', async () => {
    const run = await watchfloor('convert', VALID, '-o', device)
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`watchfloor: cannot write ${device}: it is not a regular file (a device, pipe or socket)\n`)
    expect(lstatSync(device).isCharacterDevice()).toBe(true)
  })

  it('a regular file is replaced as before', async () => {
    const out = join(temp, 'existing.json')
    writeFileSync(out, 'old')
    const run = await watchfloor('convert', VALID, '-o', out)
    expect(run.code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).events).toHaveLength(3)
  })
})

describe('inputs that once hung the command line', () => {
  // Generous bounds against a hang (start-up included), not a benchmark.
  it('a 3.5 MB STIX bundle of repeated references (once over 20 s) validates in seconds', async () => {
    const file = join(temp, 'repeated.json')
    const text = stixRepeatedReferences(1, 22_000, 1, 1)
    writeFileSync(file, text)
    expect(text.length).toBeGreaterThan(3_400_000)
    const run = await watchfloor('validate', file, '--json')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'stix', total: 1, accepted: 1, rejected: 0 })
    // About 3 s here, start-up included; the bound allows for a busy machine.
    expect(run.ms).toBeLessThan(10_000)
  }, 60_000)

  it('a STIX campaign whose target has a million sectors (once "Maximum call stack size exceeded") converts', async () => {
    const file = join(temp, 'huge-arrays.json')
    const out = join(temp, 'huge-arrays.out.json')
    writeFileSync(file, stixHugeArrays(1_000_000))
    const run = await watchfloor('convert', file, '-o', out)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const written = JSON.parse(readFileSync(out, 'utf8')) as { events: { sectors: string[] }[] }
    expect(written.events[0]!.sectors).toHaveLength(1_000_000)
  }, 60_000)
})
