/** Work split into tasks of a few milliseconds, so that the page's start-up has no long task. */

/** Events read between two looks at the clock. */
export const SLICE_EVENTS = 8
/** A slice of reading ends once it has taken this long; the next runs in a later task. */
const SLICE_MS = 12

export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Calls `step` until it returns false, in tasks of about SLICE_MS each, and ends after a task boundary. */
export async function inSlices(step: () => boolean): Promise<void> {
  let more = true
  while (more) {
    await nextTask()
    const start = performance.now()
    do more = step()
    while (more && performance.now() - start < SLICE_MS)
  }
  await nextTask()
}
