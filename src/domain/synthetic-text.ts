/**
 * Real-shaped text for generated events: a title and a summary per row, unique and of the
 * length real feeds have (titles of about 70–160 characters, 100 on average; summaries of three
 * or four sentences, about 200–400 characters, 300 on average), so that memory and load figures measured on generated
 * data are those of real data. Each row's text is a function of the seed and the row alone,
 * drawn from its own pseudo-random source: it never disturbs the generator's main sequence, and
 * any row's text can be made again without the others.
 */
import { mulberry32 } from './synthetic-random.ts'

/** What a row's text talks about: its country's name, its category and its level (1–5). */
export interface SyntheticTextSubject {
  readonly country: string
  readonly category: string
  readonly level: number
}

const ACTORS = [
  'Security forces',
  'Armed men',
  'Government troops',
  'Militants',
  'Protesters',
  'Police',
  'Unidentified gunmen',
  'Border guards',
  'Naval units',
  'Rebel fighters',
  'Local militia',
  'Striking workers',
  'Opposition supporters',
  'Coast guard vessels',
  'Air defence units',
  'Hackers linked to a state group',
]
const ACTIONS = [
  'clash with',
  'open fire on',
  'detain',
  'confront',
  'block',
  'intercept',
  'shell positions of',
  'storm the offices of',
  'march against',
  'disrupt',
  'seize equipment from',
  'exchange fire with',
]
const TARGETS = [
  'a rival faction',
  'demonstrators',
  'a supply convoy',
  'local officials',
  'a fishing fleet',
  'journalists',
  'a border post',
  'an army patrol',
  'election observers',
  'a port authority',
  'a power utility',
  'a refugee camp',
]
const PLACES = ['near the capital', 'in the north', 'in the south', 'along the border', 'in the east', 'in the west', 'on the coast', 'in a provincial town', 'outside a military base', 'near a key highway']
const INCIDENTS = ['clashes', 'an armed attack', 'mass arrests', 'a tense standoff', 'a blockade', 'an interception at sea', 'heavy shelling', 'a night raid', 'a protest march', 'an act of sabotage']
const OPENINGS = [
  'Local sources reported',
  'Officials confirmed',
  'Witnesses described',
  'A spokesperson for the interior ministry confirmed',
  'Monitoring groups recorded',
  'Regional media carried reports of',
]
const DETAILS = [
  'The incident followed weeks of rising tension over disputed territory and access to resources.',
  'Authorities imposed a curfew in the surrounding districts and suspended mobile internet services.',
  'Residents said shops and schools stayed closed as security forces set up additional checkpoints.',
  'Diplomats in the region called for restraint and an independent inquiry into the events.',
  'Analysts warned that the episode could derail talks scheduled for the coming month.',
  'Humanitarian agencies said access to the affected area remained restricted.',
  'The government described the operation as a response to an imminent threat.',
  'Opposition figures accused the authorities of using excessive force.',
  'Satellite imagery reviewed by independent researchers showed damage to several buildings.',
  'Shipping companies rerouted vessels away from the area as a precaution.',
]
const OUTCOMES = ['no casualties were reported', 'at least {n} people were injured', '{n} people were reported killed', '{n} people were detained', 'about {n} families were displaced', 'damage was estimated at {n} million dollars']

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

/** The row's own source: seed and row mixed (a 32-bit multiplicative hash) into a mulberry32 seed. */
function rowRandom(seed: number, row: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(row + 1, 0xc2b2ae35))
}

/**
 * Row `row`'s title: who did what to whom, where, with the row's report number, which makes
 * every title of a table unique (rows 0 … N−1 give reports 1 … N).
 */
export function syntheticTitle(seed: number, row: number, subject: SyntheticTextSubject): string {
  const random = rowRandom(seed, row)
  return `${pick(random, ACTORS)} ${pick(random, ACTIONS)} ${pick(random, TARGETS)} ${pick(random, PLACES)} of ${subject.country} (${subject.category.replace(/-/g, ' ')}, report ${row + 1})`
}

/**
 * Row `row`'s summary: an opening that restates the event with an outcome and a number, one or
 * two sentences of context and the assessed level, about 200–400 characters.
 */
export function syntheticSummary(seed: number, row: number, subject: SyntheticTextSubject): string {
  // A source of its own, apart from the title's, so that the summary does not echo its words.
  const random = rowRandom(seed ^ 0x5bd1e995, row)
  const count = 1 + Math.floor(random() * (subject.level * 40))
  const outcome = pick(random, OUTCOMES).replace('{n}', String(count))
  const sentences = [
    `${pick(random, OPENINGS)} ${pick(random, INCIDENTS)} ${pick(random, PLACES)} of ${subject.country} on the day, and ${outcome}.`,
  ]
  const extra = 1 + Math.floor(random() * 2)
  const first = Math.floor(random() * DETAILS.length)
  for (let k = 0; k < extra; k++) sentences.push(DETAILS[(first + k * 3) % DETAILS.length]!)
  sentences.push(`The event is assessed at level ${subject.level} of 5 (report ${row + 1}).`)
  return sentences.join(' ')
}
