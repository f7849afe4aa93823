import { spawnSync } from 'node:child_process'
import { readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>

describe('npx watchfloor', () => {
  it('finds the command in node_modules/.bin, so npm does not resolve the project itself', () => {
    // npm exec installs a project that declares the command in its own "bin" into its npx cache
    // on every run, reading all of node_modules; a command in node_modules/.bin it runs at once.
    const root = json('package.json')
    expect(root.bin).toBeUndefined()
    expect((root.dependencies as Record<string, string>)['watchfloor-cli']).toBe('file:bin/npx')
    const cli = json('bin/npx/package.json')
    expect(cli.bin).toEqual({ watchfloor: 'watchfloor.mjs' })
    const lock = json('package-lock.json') as { packages: Record<string, Record<string, unknown>> }
    expect(lock.packages['node_modules/watchfloor-cli']).toEqual({ resolved: 'bin/npx', link: true })
    expect(lock.packages['']!.bin).toBeUndefined()
    // As npm ci links it: node_modules/.bin/watchfloor → bin/npx/watchfloor.mjs.
    expect(realpathSync(join(ROOT, 'node_modules/.bin/watchfloor'))).toBe(join(ROOT, 'bin/npx/watchfloor.mjs'))
  })

  it('runs the same launcher as node bin/watchfloor.mjs', () => {
    const linked = spawnSync(join(ROOT, 'node_modules/.bin/watchfloor'), ['validate', 'public/data/sample.json', '--json'], { cwd: ROOT, encoding: 'utf8' })
    const direct = spawnSync(process.execPath, ['bin/watchfloor.mjs', 'validate', 'public/data/sample.json', '--json'], { cwd: ROOT, encoding: 'utf8' })
    expect(linked.stderr).toBe('')
    expect(linked.status).toBe(0)
    expect(JSON.parse(linked.stdout)).toMatchObject({ format: 'json', rejected: 0 })
    expect(linked.stdout).toBe(direct.stdout)
  })
})
