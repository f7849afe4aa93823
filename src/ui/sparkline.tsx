interface SparklineProps {
  /** Values oldest first; the last is drawn as a dot. */
  readonly values: readonly number[]
  /** A reference level drawn as a dashed line (e.g. the expected count). */
  readonly reference?: number
  readonly width?: number
  readonly height?: number
  /** What the line shows, for screen readers. */
  readonly label: string
}

/** A small line chart of a short series, scaled to its own largest value (SVG, no axes). */
export function Sparkline({ values, reference, width = 96, height = 24, label }: SparklineProps) {
  const top = values.reduce((max, v) => Math.max(max, v), Math.max(1e-9, reference ?? 0))
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0
  const y = (v: number): number => height - 2 - (v / top) * (height - 4)
  const points = values.map((v, i) => `${(2 + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
  const last = values.length - 1
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {reference !== undefined && (
        <line x1={2} x2={width - 2} y1={y(reference)} y2={y(reference)} className="sparkline__reference" strokeDasharray="3 2" />
      )}
      <polyline points={points} className="sparkline__line" fill="none" />
      {last >= 0 && <circle cx={2 + last * step} cy={y(values[last]!)} r={2.5} className="sparkline__dot" />}
    </svg>
  )
}
