import { isoDay } from '../dates.ts'
import type { FilterSpec } from '../engine/filter-spec.ts'
import { describeScope } from '../panel-captions.ts'
import type { EpochMs, RegionDef } from '../model.ts'
import { fileSlug } from './captions.ts'

/**
 * The base of an exported file's name: the dataset, the places and actors it is narrowed to,
 * the time range when one is set, and the as-of day, so that two exports of different views never
 * share a name: "sample-eastern-europe-2022-04-01-to-2025-01-31-asof-2025-01-31". No extension.
 */
export function exportFileBase(datasetName: string, filter: FilterSpec, asOfMs: EpochMs, custom: readonly RegionDef[]): string {
  const parts = [fileSlug(datasetName)]
  const scope = describeScope(filter, custom)
  if (scope !== '') parts.push(fileSlug(scope))
  const range = filter.timeRange
  if (range !== null && Number.isFinite(range.fromMs) && Number.isFinite(range.toMs)) parts.push(`${isoDay(range.fromMs)}-to-${isoDay(range.toMs - 1)}`)
  if (asOfMs > 0) parts.push(`asof-${isoDay(asOfMs - 1)}`)
  return parts.join('-')
}
