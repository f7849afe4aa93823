import type { Actor, CountryCode, Quote, RegionId } from '../model.ts'
import { COUNTRIES, lookupCountry, lookupRegion, REGIONS } from '../regions.ts'

/**
 * Named things in article text: people with their roles, countries, regions, organisations,
 * sectors and quotes, by rules and word lists built from the country and region tables.
 *
 * compromise (an NLP library) was tried for people: on the seed article it found "Mikhail
 * Mishustin" but not "Xi Jinping", and importing it costs about a second of start-up and ~350 KB
 * in the import chunk that every `?data=` load and CLI run pays. The rules below find both
 * names, so the library is not used.
 */

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const byLength = (a: string, b: string): number => b.length - a.length

/** Titles that precede a name: "President", "Prime Minister", "Foreign Minister"… */
const ROLES = [
  'President', 'Vice President', 'Prime Minister', 'Deputy Prime Minister', 'Premier', 'Chancellor', 'Foreign Minister',
  'Defence Minister', 'Defense Minister', 'Interior Minister', 'Finance Minister', 'Minister', 'Secretary of State',
  'Defense Secretary', 'Defence Secretary', 'Secretary-General', 'Secretary General', 'King', 'Queen', 'Crown Prince',
  'Emir', 'Sultan', 'Supreme Leader', 'Leader', 'General', 'Admiral', 'Ambassador', 'Spokesperson', 'Spokesman',
  'Spokeswoman', 'Governor', 'Mayor', 'Senator', 'Commander', 'Chairman', 'Director',
].sort(byLength)

const DEMONYMS = new Map<string, CountryCode>()
for (const c of COUNTRIES) if (c.demonym) DEMONYMS.set(c.demonym, c.code)

const NAME_WORD = "[A-Z][\\p{Ll}'’-]+"
const PERSON_WITH_ROLE = new RegExp(
  `(?:\\b(${[...DEMONYMS.keys()].sort(byLength).map(escape).join('|')})\\s+)?\\b(${ROLES.map(escape).join('|')})\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})`,
  'gu',
)

/** Country names and aliases as they appear in text (capitalised), plus US and UK. */
const COUNTRY_NAMES = [
  ...new Set(COUNTRIES.flatMap((c) => [c.name, ...c.aliases]).filter((n) => n.length >= 4 && /^[A-Z]/.test(n))),
  'US', 'U.S.', 'UK', 'U.K.',
].sort(byLength)
const COUNTRY_RE = new RegExp(`(?<![\\p{L}])(${COUNTRY_NAMES.map(escape).join('|')})(?![\\p{L}])`, 'gu')
const COUNTRY_SHORT: Readonly<Record<string, string>> = { US: 'US', 'U.S.': 'US', UK: 'GB', 'U.K.': 'GB' }

const REGION_NAMES = [...new Set(REGIONS.flatMap((r) => [r.name, ...r.aliases]).filter((n) => /^[A-Z]/.test(n) && n.length >= 4))].sort(byLength)
const REGION_RE = new RegExp(`(?<![\\p{L}])(${REGION_NAMES.map(escape).join('|')})(?![\\p{L}])`, 'gu')

/** Organisations and armed groups news text names often, with their actor type. */
const ORGANISATIONS: readonly (readonly [string, Actor['type'], readonly string[]])[] = [
  ['NATO', 'organization', ['North Atlantic Treaty Organization']],
  ['United Nations', 'organization', ['UN']],
  ['European Union', 'organization', ['EU']],
  ['African Union', 'organization', []],
  ['ASEAN', 'organization', []],
  ['OPEC', 'organization', []],
  ['IAEA', 'organization', ['International Atomic Energy Agency']],
  ['World Health Organization', 'organization', ['WHO']],
  ['International Monetary Fund', 'organization', ['IMF']],
  ['World Bank', 'organization', []],
  ['BRICS', 'organization', []],
  ['G7', 'organization', []],
  ['G20', 'organization', []],
  ['Shanghai Cooperation Organisation', 'organization', ['SCO', 'Shanghai Cooperation Organization']],
  ['Israel Defense Forces', 'state', ['IDF']],
  ['Hamas', 'group', []],
  ['Hezbollah', 'group', []],
  ['Houthis', 'group', ['Houthi']],
  ['Taliban', 'group', []],
  ['Islamic State', 'group', ['ISIS', 'ISIL']],
  ['al-Qaeda', 'group', ['Al-Qaeda', 'al Qaeda']],
  ['Wagner Group', 'group', ['Wagner']],
]
const ORG_BY_NAME = new Map<string, (typeof ORGANISATIONS)[number]>()
for (const org of ORGANISATIONS) for (const n of [org[0], ...org[2]]) ORG_BY_NAME.set(n, org)
const ORG_RE = new RegExp(`(?<![\\p{L}])(${[...ORG_BY_NAME.keys()].sort(byLength).map(escape).join('|')})(?![\\p{L}])`, 'gu')

/** Sector names, matched in sentences that speak of sectors, industries or areas. */
const SECTORS: readonly (readonly [string, RegExp])[] = [
  ['energy', /\benergy\b/i],
  ['agriculture', /\bagricultur\w*/i],
  ['technology', /\btechnolog\w*/i],
  ['aerospace', /\baerospace\b/i],
  ['digital economy', /\bdigital economy\b/i],
  ['green development', /\bgreen development\b/i],
  ['defence', /\bdefen[cs]e (industry|sector)\b/i],
  ['finance', /\b(finance|financial services|banking)\b/i],
  ['telecommunications', /\btelecom\w*/i],
  ['healthcare', /\bhealth ?care\b/i],
  ['transport', /\b(transport\w*|logistics)\b/i],
  ['shipping', /\b(shipping|maritime)\b/i],
  ['mining', /\bmining\b/i],
  ['manufacturing', /\bmanufactur\w*/i],
  ['semiconductors', /\bsemiconductor\w*/i],
  ['infrastructure', /\binfrastructure\b/i],
]

/** Sentences of a paragraph (split after . ! ? followed by a space and a capital or quote). */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?][”"’]?)\s+(?=[A-Z“"‘])/u).filter((s) => s.trim() !== '')
}

/** A name of two or three capitalised words next to a speech verb: "said Jane Doe", "Jane Doe told". */
const SPEAKER = new RegExp(
  `\\b(?:said|says|told|according to)\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})\\b|\\b(${NAME_WORD}(?:\\s+${NAME_WORD}){1,2})\\s+(?:said|says|told|added|stated|warned)\\b`,
  'gu',
)

/** People named with a role ("Chinese President Xi Jinping"), then people named as speakers. */
export function findPeople(text: string): Actor[] {
  const people = new Map<string, Actor>()
  for (const m of text.matchAll(PERSON_WITH_ROLE)) {
    const name = m[3]!
    if (people.has(name) || lookupCountry(name)) continue
    const country = m[1] ? DEMONYMS.get(m[1]) : undefined
    people.set(name, { name, type: 'person', role: m[2]!, ...(country ? { country } : {}) })
  }
  const roleWords = new Set(ROLES.flatMap((r) => r.split(' ')))
  for (const m of text.matchAll(SPEAKER)) {
    const name = (m[1] ?? m[2])!
    const words = name.split(/\s+/)
    if (words.some((w) => roleWords.has(w)) || lookupCountry(name)) continue
    if ([...people.keys()].some((known) => known.includes(name) || name.includes(known))) continue
    people.set(name, { name, type: 'person' })
  }
  return [...people.values()]
}

/** Countries named in `text`, in order of first mention, as alpha-2 codes. */
export function findCountries(text: string): CountryCode[] {
  const out: CountryCode[] = []
  for (const m of text.matchAll(COUNTRY_RE)) {
    const code = (COUNTRY_SHORT[m[1]!] as CountryCode | undefined) ?? lookupCountry(m[1]!)?.code
    if (code && !out.includes(code)) out.push(code)
  }
  return out
}

/** Regions named in `text` ("Asia and Eastern Europe"), in order of first mention, as ids. */
export function findRegions(text: string): RegionId[] {
  const out: RegionId[] = []
  for (const m of text.matchAll(REGION_RE)) {
    const id = lookupRegion(m[1]!)?.id
    if (id && !out.includes(id)) out.push(id)
  }
  return out
}

/** Organisations and armed groups from the list above. */
export function findOrganisations(text: string): Actor[] {
  const out: Actor[] = []
  for (const m of text.matchAll(ORG_RE)) {
    const [name, type] = ORG_BY_NAME.get(m[1]!)!
    if (!out.some((a) => a.name === name)) out.push({ name, type })
  }
  return out
}

/** Sectors named in sentences about sectors, industries or areas of cooperation. */
export function findSectors(text: string): string[] {
  const out: string[] = []
  for (const sentence of sentences(text)) {
    if (!/\b(sectors?|industr(y|ies)|strategic areas)\b/i.test(sentence)) continue
    for (const [name, re] of SECTORS) if (re.test(sentence) && !out.includes(name)) out.push(name)
  }
  return out
}

/**
 * Quotations of four words or more in curly or straight double quotes. The speaker is the last
 * known person named before the quote in its paragraph, else one named after it ("…," said X),
 * else "Unattributed".
 */
export function findQuotes(paragraphs: readonly string[], people: readonly Actor[]): Quote[] {
  const quotes: Quote[] = []
  for (const paragraph of paragraphs) {
    for (const m of paragraph.matchAll(/[“"]([^“”"]{8,}?)[”"]/g)) {
      const text = m[1]!.trim().replace(/[,;:]$/, '')
      if (text.split(/\s+/).length < 4) continue
      const before = paragraph.slice(0, m.index)
      const after = paragraph.slice(m.index + m[0].length)
      let speaker: string | undefined
      let at = -1
      for (const p of people) {
        const i = before.lastIndexOf(p.name)
        if (i > at) {
          at = i
          speaker = p.name
        }
      }
      speaker ??= people.find((p) => after.slice(0, 80).includes(p.name))?.name
      quotes.push({ speaker: speaker ?? 'Unattributed', text })
    }
  }
  return quotes
}
