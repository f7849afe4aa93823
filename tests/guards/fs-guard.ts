import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isInside, REPO_ROOT } from './outside-paths.ts'

/**
 * A setup file for every test project: reading a file that lies beside the repository (the
 * folder that holds the clone, but not the clone itself) throws, so a test that depends on a
 * neighbour (a shared folder next to the clone) fails here as it would in a fresh clone. System paths, the
 * temporary folder and everything inside the repository stay readable.
 */
const PARENT = dirname(REPO_ROOT)
const TEMP = resolve(tmpdir())
const GUARDED = Symbol.for('watchfloor.fs-guard')

/** The error for a read of `path`, or null when the read is allowed. */
export function outsideReadError(path: unknown): Error | null {
  if (PARENT === dirname(PARENT)) return null // a clone at the file system's root has no neighbours
  let target: string
  if (typeof path === 'string') target = resolve(path)
  else if (path instanceof URL && path.protocol === 'file:') target = fileURLToPath(path)
  else if (Buffer.isBuffer(path)) target = resolve(path.toString())
  else return null
  if (!isInside(PARENT, target) || isInside(REPO_ROOT, target)) return null
  // Temporary files are allowed only where they would otherwise count as beside the repository:
  // a clone placed straight in the temporary folder (or above it) has its tests' temp files beside it.
  if (isInside(PARENT, TEMP) && isInside(TEMP, target)) return null
  return new Error(`reads ${target}, outside the repository (${REPO_ROOT}): copy what the test needs into tests/fixtures`)
}

type Reader = (path: unknown, ...rest: unknown[]) => unknown

function guard(owner: Record<string, unknown>, name: string): void {
  const original = owner[name] as Reader
  owner[name] = function guarded(this: unknown, path: unknown, ...rest: unknown[]): unknown {
    const error = outsideReadError(path)
    if (error) throw error
    return original.call(this, path, ...rest)
  }
}

const marks = globalThis as Record<symbol, boolean>
if (!marks[GUARDED]) {
  marks[GUARDED] = true
  const sync = fs as unknown as Record<string, unknown>
  for (const name of ['readFileSync', 'readFile', 'createReadStream', 'openSync', 'open', 'copyFileSync', 'readdirSync', 'cpSync']) {
    guard(sync, name)
  }
  const promises = fs.promises as unknown as Record<string, unknown>
  for (const name of ['readFile', 'open', 'copyFile', 'readdir', 'cp']) guard(promises, name)
  syncBuiltinESMExports()
}
