/**
 * The worker thread of a bounded streamed validation (cli-stream-bounded.ts): validates the file
 * it is given and answers with the validation or a failure's one-line reason. Bundled as
 * build/cli/stream-worker.mjs beside the command line.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { StreamAnswer, StreamJob } from './cli-stream-bounded.ts'
import { validateCsvStream } from './cli-stream.ts'

const job = workerData as StreamJob
let answer: StreamAnswer
try {
  answer = { ok: true, validation: validateCsvStream(job.file, job.size, job.progress, job.tty) }
} catch (error) {
  answer = { ok: false, reason: error instanceof Error ? error.message : String(error) }
}
parentPort?.postMessage(answer)
