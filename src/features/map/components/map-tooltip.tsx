/** What a map tooltip says: a title and a few lines, all plain text. */
export interface TooltipContent {
  /** Container position of the pointer, px. */
  readonly x: number
  readonly y: number
  /** Size of the map, px: near its right or bottom edge the tooltip opens the other way. */
  readonly width: number
  readonly height: number
  readonly title: string
  readonly lines: readonly string[]
}

/** A tooltip built from text nodes (never HTML strings), placed beside the pointer. */
export function MapTooltip({ content }: { readonly content: TooltipContent }) {
  const left = content.x > content.width - 300
  const up = content.y > content.height - 110
  const x = Math.round(content.x + (left ? -14 : 14))
  const y = Math.round(content.y + (up ? -14 : 14))
  return (
    <div
      className="map-tooltip"
      role="tooltip"
      data-testid="map-tooltip"
      style={{ transform: `translate(${x}px, ${y}px) translate(${left ? '-100%' : '0'}, ${up ? '-100%' : '0'})` }}
    >
      <strong className="map-tooltip__title">{content.title}</strong>
      {content.lines.map((line, i) => (
        <span key={i} className="map-tooltip__line">
          {line}
        </span>
      ))}
    </div>
  )
}
