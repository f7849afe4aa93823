import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root, where the command runs. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = join(ROOT, 'bin/watchfloor.mjs')

/** What a run of the real `watchfloor` command did, and how long it took (start-up included). */
export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

/** Runs `watchfloor ARGS…` as a user would (a new Node process, from the repository root). */
export function watchfloor(...args: string[]): Promise<Run> {
  return watchfloorWith({}, ...args)
}

/** `watchfloor` with environment variables set (an undefined value removes the variable). */
export function watchfloorWith(env: Readonly<Record<string, string | undefined>>, ...args: string[]): Promise<Run> {
  const started = performance.now()
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[name]
    else childEnv[name] = value
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }))
  })
}
