/**
 * The CSS properties copied onto each cloned node when drawing the DOM (modern-screenshot's
 * includeStyleProperties). By default it copies all ~400 computed properties of every node and
 * pseudo-element, which alone takes most of a second for the dashboard; these are the ones
 * our panels' layout and look depend on. A property missing here renders as its default.
 */
export const CAPTURE_STYLE_PROPERTIES: readonly string[] = [
  'display', 'position', 'top', 'right', 'bottom', 'left', 'inset', 'z-index', 'float', 'clear',
  'width', 'height', 'min-width', 'min-height', 'max-width', 'max-height', 'box-sizing', 'aspect-ratio',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'flex-direction', 'flex-wrap', 'flex-grow', 'flex-shrink', 'flex-basis', 'order',
  'grid-template-columns', 'grid-template-rows', 'grid-template-areas', 'grid-area', 'grid-column-start', 'grid-column-end',
  'grid-row-start', 'grid-row-end', 'grid-auto-flow', 'grid-auto-rows', 'grid-auto-columns',
  'row-gap', 'column-gap', 'align-items', 'align-content', 'align-self', 'justify-content', 'justify-items', 'justify-self', 'place-items',
  'overflow-x', 'overflow-y', 'clip-path', 'transform', 'transform-origin', 'opacity', 'visibility',
  'background-color', 'background-image', 'background-size', 'background-position', 'background-repeat',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-left-radius', 'border-bottom-right-radius',
  'box-shadow', 'outline-style', 'outline-width', 'outline-color',
  'color', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant-numeric', 'line-height', 'letter-spacing',
  'text-align', 'text-transform', 'text-decoration-line', 'text-decoration-color', 'text-overflow', 'white-space', 'word-break',
  'overflow-wrap', 'vertical-align', 'list-style-type', 'table-layout', 'border-collapse', 'border-spacing',
  'fill', 'stroke', 'stroke-width', 'object-fit', 'appearance', 'accent-color', 'content',
]
