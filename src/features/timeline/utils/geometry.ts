/** Where the plot sits inside the chart, shared by the bars, the overlay, the lanes and the overview. */

/** Width of the count axis on the left, px. */
export const LEFT_AXIS_PX = 38
/** Width of the index axis on the right when index lines are drawn, px. */
export const RIGHT_AXIS_PX = 30
/** Right padding when there is no index axis, px. */
export const RIGHT_PAD_PX = 10
/** Room above the bars for the level 4–5 markers, px. */
export const MARKER_STRIP_PX = 18
/** Height of the time axis under the bars, px. */
export const X_AXIS_PX = 20

export interface PlotBox {
  readonly leftPx: number
  readonly widthPx: number
  readonly topPx: number
  readonly heightPx: number
}

/** The plot rectangle inside a chart of `width` × `height` px. */
export function plotBox(width: number, height: number, withIndexAxis: boolean): PlotBox {
  const right = withIndexAxis ? RIGHT_AXIS_PX : RIGHT_PAD_PX
  return {
    leftPx: LEFT_AXIS_PX,
    widthPx: Math.max(0, width - LEFT_AXIS_PX - right),
    topPx: MARKER_STRIP_PX,
    heightPx: Math.max(0, height - MARKER_STRIP_PX - X_AXIS_PX),
  }
}
