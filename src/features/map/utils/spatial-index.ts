/**
 * A uniform grid over screen pixels for hover and click: items are bucketed by cell with a
 * counting sort (two passes, no per-item allocation), and a query looks only at the cells a
 * circle overlaps. Built from the positions of what was drawn, so hit-testing matches the picture.
 */
export class GridIndex {
  private readonly cols: number
  private readonly rows: number
  /** Items of cell c are order[cellStart[c] .. cellStart[c + 1]). */
  private readonly cellStart: Uint32Array
  private readonly order: Uint32Array

  /**
   * @param x item x positions, px
   * @param y item y positions, px
   * @param count how many of the first entries of x and y are items
   * @param width extent covered, px; items outside 0…width × 0…height are clamped to the edge cells
   * @param cellPx cell side, px; queries are cheapest when it is about the hit radius
   */
  constructor(
    private readonly x: ArrayLike<number>,
    private readonly y: ArrayLike<number>,
    readonly count: number,
    width: number,
    height: number,
    private readonly cellPx = 24,
  ) {
    this.cols = Math.max(1, Math.ceil(width / cellPx))
    this.rows = Math.max(1, Math.ceil(height / cellPx))
    const cells = this.cols * this.rows
    const cellOf = new Uint32Array(count)
    const counts = new Uint32Array(cells + 1)
    for (let i = 0; i < count; i++) {
      const c = this.cellAt(x[i]!, y[i]!)
      cellOf[i] = c
      counts[c + 1]!++
    }
    for (let c = 0; c < cells; c++) counts[c + 1]! += counts[c]!
    this.cellStart = counts
    const fill = counts.slice(0, cells)
    this.order = new Uint32Array(count)
    for (let i = 0; i < count; i++) this.order[fill[cellOf[i]!]!++] = i
  }

  private col(px: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor(px / this.cellPx)))
  }

  private row(py: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor(py / this.cellPx)))
  }

  private cellAt(px: number, py: number): number {
    return this.row(py) * this.cols + this.col(px)
  }

  /** Items within `radiusPx` of (px, py), nearest first. */
  within(px: number, py: number, radiusPx: number): number[] {
    const found: { i: number; d2: number }[] = []
    const r2 = radiusPx * radiusPx
    const c0 = this.col(px - radiusPx)
    const c1 = this.col(px + radiusPx)
    const rowFrom = this.row(py - radiusPx)
    const rowTo = this.row(py + radiusPx)
    for (let r = rowFrom; r <= rowTo; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c
        for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
          const i = this.order[k]!
          const dx = this.x[i]! - px
          const dy = this.y[i]! - py
          const d2 = dx * dx + dy * dy
          if (d2 <= r2) found.push({ i, d2 })
        }
      }
    }
    return found.sort((a, b) => a.d2 - b.d2 || a.i - b.i).map((f) => f.i)
  }

  /** The nearest item within `radiusPx` of (px, py), or −1. */
  nearest(px: number, py: number, radiusPx: number): number {
    return this.within(px, py, radiusPx)[0] ?? -1
  }
}
