import type { Facet, GaugesView, PanelTimings, ViewRequest, Views } from '../../domain/engine/views-engine.ts'
import type { PointFrame } from '../../domain/engine/map-points.ts'
import { abortError } from './warehouse-client.ts'

/**
 * The later part of an early answer (docs/warehouse.md, "The order of a search's answer"): the
 * map's events in view, the actor facet and the events behind the gauges, each coming or failing
 * on its own. A part that failed can be asked again alone: `retryEarly` marks the failed parts of
 * a whole answer as still to come, and `wholeLater` brings them, the parts that came kept.
 */

/** Each later part: its answer, or a promise of it. */
export interface LaterAsks {
  readonly actors: Facet | Promise<Facet>
  readonly points: PointFrame | null | Promise<PointFrame | null>
  readonly gauges: GaugesView | null | Promise<GaugesView | null>
}

/** The actor facet of an early answer while it is still being asked (`Views.actorsPending`). */
export const EMPTY_FACET: Facet = { values: [], counts: new Uint32Array(0), maxLevel: new Uint8Array(0) }

/**
 * A later part's outcome: its value, or why the warehouse could not give it. An abort (a newer
 * run, the caller's signal) is not an outcome: it rejects, so nothing stale is drawn.
 */
export async function settle<T>(part: Promise<T> | T, signal: AbortSignal): Promise<{ readonly value: T } | { readonly error: string }> {
  try {
    return { value: await part }
  } catch (error) {
    if (signal.aborted || (error instanceof Error && error.name === 'AbortError')) throw error
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The whole answer of `early` once every later part has come or failed: a part that failed says
 * why (`actorsError`, `pointsError`, `gauges.contributionsError`), the others are drawn whole;
 * only an abort rejects.
 */
export async function wholeLater(early: Views, asks: LaterAsks, signal: AbortSignal, timings: () => PanelTimings | undefined): Promise<Views> {
  const [actors, points, gauges] = await Promise.all([settle(asks.actors, signal), settle(asks.points, signal), settle(asks.gauges, signal)])
  if (signal.aborted) throw abortError()
  const { actorsPending: _pending, later: _later, actorsError: _actorsError, pointsError: _pointsError, ...rest } = early
  const gaugesBefore = early.gauges === null ? null : withoutContributionsState(early.gauges)
  const answered: Views = {
    ...rest,
    ...('error' in actors ? { actors: EMPTY_FACET, actorsError: actors.error } : { actors: actors.value }),
    ...('error' in points ? { points: null, pointsError: points.error } : { points: points.value }),
    gauges: 'error' in gauges ? { ...gaugesBefore!, contributionsPending: false, contributionsError: gauges.error } : gauges.value,
  }
  const took = timings()
  return took === undefined ? answered : { ...answered, timings: took }
}

function withoutContributionsState(gauges: GaugesView): GaugesView {
  const { contributionsPending: _pending, contributionsError: _error, ...rest } = gauges
  return rest
}

/** Whether a part of a whole answer failed. */
export function hasFailedPart(views: Views): boolean {
  return views.actorsError !== undefined || views.pointsError !== undefined || views.gauges?.contributionsError !== undefined
}

/**
 * A whole answer with its failed parts as an early answer holds them, still to come: the map's
 * events cleared, the actor facet pending, the gauges' contributions pending. What came stays.
 */
export function retryEarly(whole: Views): Views {
  const { actorsError, pointsError, later: _later, ...rest } = whole
  return {
    ...rest,
    ...(pointsError !== undefined ? { points: null } : {}),
    ...(actorsError !== undefined ? { actors: EMPTY_FACET, actorsPending: true } : {}),
    gauges: whole.gauges?.contributionsError !== undefined ? { ...withoutContributionsState(whole.gauges), contributionsPending: true } : whole.gauges,
  }
}

/**
 * What names a run's answer: the request but whether it is early and the moment of asking, which
 * is the as-of only when the as-of is today.
 */
export function answerKey(request: ViewRequest): string {
  const { nowMs, early: _early, ...rest } = request
  return JSON.stringify([rest, request.asOf.mode === 'today' ? nowMs : null])
}
