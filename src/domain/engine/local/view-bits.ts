/**
 * The views a row counts for, as bits of one byte (view-counts.ts makes the byte of each mask
 * byte): the level view (and matched), the timeline, the map (regions and countries), the actors
 * and the categories.
 */
export const LEVELS = 1
export const TIMELINE = 4
export const MAP = 8
export const ACTORS = 16
export const CATEGORIES = 32
