/**
 * Runs a streamed validation (cli-stream.ts) in a worker thread whose heap is capped, so that V8
 * collects the garbage of each piece instead of letting the heap grow: the whole command then
 * stays well under 300 MB resident on a 1 GB file. Only the bundled command line has the worker's
 * own file (build/cli/stream-worker.mjs); run from the TypeScript sources, or when the worker
 * cannot start or runs out of its capped heap (a single record of hundreds of MB), the validation
 * runs in this thread instead, unbounded but with the same answer.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CliError } from './cli-core.ts'
import type { Validation } from './cli-report.ts'
import { validateCsvStream } from './cli-stream.ts'

/** The worker's heap: old generation and young generation, MB (what a 4 M-character piece needs, with room). */
const OLD_GENERATION_MB = 96
const YOUNG_GENERATION_MB = 12

/** What the stream worker answers: the validation, or a failure with its one-line reason. */
export type StreamAnswer = { readonly ok: true; readonly validation: Validation } | { readonly ok: false; readonly reason: string }

/** Input for the stream worker (workerData). */
export interface StreamJob {
  readonly file: string
  readonly size: number
  readonly progress: boolean
  readonly tty: boolean
}

function workerFile(): URL | null {
  const url = new URL('./stream-worker.mjs', import.meta.url)
  return import.meta.url.endsWith('.mjs') && existsSync(fileURLToPath(url)) ? url : null
}

/** Validates `file` as a stream in a heap-capped worker where one can run, else in this thread. */
export function validateCsvStreamBounded(file: string, size: number, progress: boolean): Promise<Validation> {
  const url = workerFile()
  const tty = process.stderr.isTTY === true
  if (!url) return Promise.resolve(validateCsvStream(file, size, progress, tty))
  const job: StreamJob = { file, size, progress, tty }
  return new Promise<Validation>((resolve, reject) => {
    let answered = false
    const worker = new Worker(url, {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    })
    worker.once('message', (answer: StreamAnswer) => {
      answered = true
      if (answer.ok) resolve(answer.validation)
      else reject(new CliError(answer.reason))
    })
    worker.once('error', () => {
      // Out of its capped heap, or unable to start: the same work in this thread.
      if (answered) return
      answered = true
      try {
        resolve(validateCsvStream(file, size, progress, tty))
      } catch (error) {
        reject(error)
      }
    })
  })
}
