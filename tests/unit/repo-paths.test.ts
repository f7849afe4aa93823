import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { outsideReadError } from '../guards/fs-guard.ts'
import { outsidePaths, REPO_ROOT, scanRepository } from '../guards/outside-paths.ts'

// The neighbour folder's relative name, built so that this file does not name it itself.
const SHARED = ['..', 'shared'].join('/')

describe('nothing in the project reads outside its own tree', () => {
  it('no test, script, bench, CLI or source file names a path outside the repository', () => {
    const found = scanRepository(REPO_ROOT).map((p) => `${p.file}:${p.line} ${p.reason}: ${p.text}`)
    expect(found).toEqual([])
  })

  it('the scan finds the shared folder and any relative path that climbs above the root', () => {
    const file = 'tests/unit/domain/ingest/gdelt.test.ts'
    const text = [
      "import { readGdelt } from '../../../../src/domain/ingest/gdelt.ts'",
      "const FIXTURE = new URL('../../../fixtures/gdelt/events.tsv', import.meta.url)",
      `const SEED = new URL('../../../../${SHARED}/seed/threat-article.txt', import.meta.url)`,
      `const ref = resolve(ROOT, '${SHARED}/fixtures/reference')`,
      "const up = new URL('../../../../../elsewhere/data.csv', import.meta.url)",
      "const t = readFileSync(`../../../../../${name}`)",
    ].join('\n')
    expect(outsidePaths('/repo', file, text).map((p) => p.line)).toEqual([3, 4, 5, 6])
  })

  it('a read of a file beside the repository throws at run time, with what to do', () => {
    const beside = join(dirname(REPO_ROOT), 'shared', 'seed', 'threat-article.txt')
    expect(outsideReadError(beside)?.message).toMatch(/outside the repository .*copy what the test needs into tests\/fixtures/)
    expect(() => readFileSync(beside)).toThrow(/outside the repository/)
    expect(outsideReadError(join(REPO_ROOT, 'package.json'))).toBeNull()
    expect(outsideReadError(new URL('../../package.json', import.meta.url))).toBeNull()
    expect(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).toContain('"watchfloor"')
  })
})
