/**
 * For tests where the endpoint refuses one later part of a search's answer: the error a server
 * past `max_execution_time` sends, and what each part's queries hold, so that part alone can be
 * refused (`refuse` of the chdb endpoint).
 */
export const TIMED_OUT = 'Code: 159. DB::Exception: Timeout exceeded: elapsed 30.001 seconds, maximum: 30. (TIMEOUT_EXCEEDED)'

export const PART_SQL = {
  points: '{v_scale:Float64}',
  actors: 'ARRAY JOIN arrayDistinct(actors) AS actor',
  contributions: 'ORDER BY w DESC',
} as const

export type Part = keyof typeof PART_SQL
