/** Resolves after the next frame has been painted: a task queued from requestAnimationFrame runs after that frame's paint. */
export function afterFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))
}

/** What a bench page offers the driver (bench/browser/*.ts) on `window.__bench`. */
export interface BenchPage {
  /** Resolves with ms from page start until the first full paint of the data. */
  readonly ready: Promise<number>
  /** Makes one update (a filter change) and resolves with ms from the change until it is painted. */
  update?(): Promise<number>
  /** Map pages: ms of the last redraw after a pan (from moveend to the end of the canvas redraw). */
  readonly lastRedrawMs?: number
  /** Map pages: how many markers the view holds, and the zoom. */
  readonly drawn?: number
  readonly zoom?: number
  /** Clustered map page: the supercluster radius used (in its 512-unit tile pixels), and the first view's cluster count per radius tried. */
  readonly radius?: number
  readonly tried?: readonly { radius: number; clusters: number }[]
  /** Timeline pages: how many bars are drawn, and their unit. */
  readonly bars?: number
  readonly unit?: string
}

declare global {
  interface Window {
    __bench?: BenchPage
  }
}
