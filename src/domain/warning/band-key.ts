import type { PlaceBand } from './dashboard-warning.ts'

/**
 * How a band is named in settings and links: `all`, or `kind:place` (`region:eastern-europe`).
 * A file of its own so the dashboard can name bands without loading the model.
 */
export function bandKey(band: Pick<PlaceBand, 'kind' | 'place'>): string {
  return band.kind === 'all' ? 'all' : `${band.kind}:${band.place}`
}
