/** The dashboard's panels, in the order a briefing and a shared view list them. */
export const PANEL_NAMES = ['timeline', 'gauges', 'map', 'events'] as const

export type PanelName = (typeof PANEL_NAMES)[number]

export function isPanelName(value: string): value is PanelName {
  return (PANEL_NAMES as readonly string[]).includes(value)
}

/** The id of a panel's element in the page, by which exports find what to draw. */
export function panelElementId(name: PanelName): string {
  return `panel-${name}`
}
