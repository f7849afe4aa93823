/**
 * What the synthetic-data worker does for one request, apart from the worker plumbing so that
 * it runs in Node tests too: generate the table with progress, code its titles, and hand back
 * the columns with the list of buffers to transfer.
 */
import type { SyntheticPhase, SyntheticRequest, SyntheticResponse, SyntheticTransfer } from '../domain/synthetic-protocol.ts'
import { generateSyntheticTable } from '../domain/synthetic.ts'
import { stringAt, stringCount, type StringColumn } from '../domain/string-column.ts'
import { tableArrays } from '../domain/table.ts'

export type SyntheticPost = (message: SyntheticResponse, transfer?: Transferable[]) => void

/** Least time between two progress messages, ms: the bar moves smoothly without flooding the app. */
const PROGRESS_INTERVAL_MS = 50

/** Titles as codes into their distinct values, in order of first appearance. */
export function codeTitles(titles: StringColumn): { titleCodes: Uint32Array; titleValues: string[] } {
  const titleCodes = new Uint32Array(stringCount(titles))
  const titleValues: string[] = []
  const codeOf = new Map<string, number>()
  for (let i = 0; i < titleCodes.length; i++) {
    const title = stringAt(titles, i)
    let code = codeOf.get(title)
    if (code === undefined) {
      code = titleValues.length
      titleValues.push(title)
      codeOf.set(title, code)
    }
    titleCodes[i] = code
  }
  return { titleCodes, titleValues }
}

/** The transfer list of a generated table: every typed array's buffer, each once. */
export function syntheticTransferList(transfer: SyntheticTransfer): Transferable[] {
  // Titles are not typed arrays: an empty list stands in for them.
  const views = [...tableArrays({ ...transfer.table, titles: [] }), transfer.titleCodes]
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))]
}

/** Generates the requested table, posting progress and then exactly one of done or failed. */
export function runSynthetic(request: SyntheticRequest, post: SyntheticPost, now: () => number = () => performance.now()): void {
  let lastPost = -Infinity
  const progress = (phase: SyntheticPhase, fraction: number): void => {
    const t = now()
    if (t - lastPost < PROGRESS_INTERVAL_MS && phase === 'generating' && fraction < 1) return
    lastPost = t
    post({ type: 'progress', phase, fraction })
  }
  try {
    progress('generating', 0)
    const generated = generateSyntheticTable({
      size: request.size,
      seed: request.seed,
      onProgress: (fraction) => (fraction < 1 ? progress('generating', fraction) : progress('ordering', 0)),
    })
    const { eventAt: _eventAt, titles, ...table } = generated
    const transfer: SyntheticTransfer = { table, ...codeTitles(titles) }
    post({ type: 'done', transfer }, syntheticTransferList(transfer))
  } catch (error) {
    post({ type: 'failed', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) })
  }
}
