/**
 * The score's colour bands, shared by the map's score shading and the gauges' arcs: five steps
 * of viridis, which stays ordered for colour-blind readers and in grey. One score, one colour,
 * wherever it is drawn.
 */

/** Viridis at 0.25 … 1, low to high score (the darkest steps vanish on a dark map). */
export const SCORE_COLOURS: readonly string[] = ['#3b528b', '#21918c', '#5ec962', '#addc30', '#fde725']

/** Upper bounds (exclusive) of the score steps; the last step runs to 100. */
export const SCORE_STEPS: readonly number[] = [20, 40, 60, 80]

/** The band (0–4) a score 0–100 falls in. */
export function scoreStep(score: number): number {
  let step = 0
  while (step < SCORE_STEPS.length && score >= SCORE_STEPS[step]!) step++
  return step
}

/** The colour of a score's band. */
export function scoreColour(score: number): string {
  return SCORE_COLOURS[scoreStep(score)]!
}
