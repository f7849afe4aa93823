/**
 * When every panel of newly committed data is drawn: what the workspace's save of an import
 * waits for, so that storing it (and having a picked file's copy made, file-copies.ts) does not
 * take time from the panels being drawn.
 */

/** The save goes on after this long (ms) even if some part still shows it is busy. */
export const PANELS_DRAWN_MAX_MS = 10_000

/** A part of the page still waiting for its data (a panel's placeholder, a chart or map being made). */
function somethingBusy(): boolean {
  return document.querySelector('[aria-busy="true"]') !== null
}

/**
 * Resolves in the task after the first painted frame with no busy part of the page (panels
 * staged after the count, charts, the map's points), or after `maxMs`; at once where nothing
 * paints (no document, or a hidden page, whose frames do not come).
 */
export function afterPanelsDrawn(maxMs = PANELS_DRAWN_MAX_MS): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.hidden) return Promise.resolve()
  const deadline = performance.now() + maxMs
  return new Promise((resolve) => {
    const done = (): void =>
      void setTimeout(() => {
        // A user-timing mark: benchmarks read when the save began.
        performance.mark('watchfloor:panels-drawn')
        resolve()
      }, 0)
    // A timer, too: frames stop when the page is hidden meanwhile.
    const cap = setTimeout(resolve, maxMs)
    const frame = (): void => {
      if (!somethingBusy() || performance.now() >= deadline) {
        clearTimeout(cap)
        done()
        return
      }
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
}
