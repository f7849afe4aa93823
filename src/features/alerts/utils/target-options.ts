import type { CountryCode, RegionDef } from '../../../domain/model.ts'
import { countryByCode, lookupRegion } from '../../../domain/regions.ts'
import type { TargetKind } from '../../../domain/threat-index.ts'

export interface TargetOption {
  readonly value: string
  readonly label: string
}

export const KIND_NAMES: Readonly<Record<TargetKind, string>> = { region: 'Region', country: 'Country', actor: 'Actor' }

/** What the data offers to watch (the values of the kind's facet), sorted by name. Allocates: call when the data changes. */
export function targetOptions(values: readonly string[], kind: TargetKind, custom: readonly RegionDef[]): TargetOption[] {
  const options = values.map((value) => ({ value, label: targetLabel(kind, value, custom) }))
  return options.sort((a, b) => a.label.localeCompare(b.label))
}

/** A target's display name: the region or country name, or the actor's own name. */
export function targetLabel(kind: TargetKind, value: string, custom: readonly RegionDef[]): string {
  if (kind === 'region') return lookupRegion(value, custom)?.name ?? value
  if (kind === 'country') return countryByCode(value as CountryCode)?.name ?? value
  return value
}
