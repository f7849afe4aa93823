import type { Views } from '../domain/engine/views-engine.ts'

/**
 * A warehouse's early answer to a search before its cube comes (`Views.cubePending`): the count
 * and the list are the current filters', and the parts the cube makes are still to come. What is
 * drawn meanwhile keeps those parts as they were shown before, marked busy (selectPanelStale),
 * so that no panel blanks and none draws an earlier filter's answer as current.
 */

/** `answer` (cube pending) with every part the cube makes taken from `before`, the answer drawn before it. */
export function withCubeBefore(answer: Views, before: Views): Views {
  return {
    ...answer,
    levelCounts: before.levelCounts,
    days: before.days,
    regions: before.regions,
    countries: before.countries,
    categories: before.categories,
    // The actor facet comes after the cube: the one shown before stays in the field meanwhile.
    actors: answer.actorsPending === true ? before.actors : answer.actors,
    timeline: before.timeline,
    gauges: before.gauges,
    map: before.map,
    points: before.points,
    watched: before.watched,
    compare: before.compare,
  }
}
