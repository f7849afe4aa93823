import { parseThreatLevel } from '../levels.ts'
import type { ThreatLevel } from '../model.ts'

export interface ArticleLevel {
  readonly threatLevel: ThreatLevel
  /** The word the article used ("medium"), for an explicit level. */
  readonly sourceLevel?: string
  /** The sentence that states the level, or why the level was suggested. */
  readonly reason: string
  readonly suggested: boolean
}

const EXPLICIT =
  /\bthreat(?:\s+level)?\s+(?:is|was|has been|remains|stands)?\s*(?:currently\s+)?(?:assessed|rated|judged|considered|set|raised|lowered|put)?\s*(?:as|at|to)?\s*[“"'‘]?(low|guarded|elevated|medium|moderate|substantial|high|severe|critical|extreme)\b|\bthreat level\s*[:–—-]\s*[“"'‘]?(low|guarded|elevated|medium|moderate|substantial|high|severe|critical|extreme)\b/i

/** The level an article states ("the threat level is assessed as medium" → 3), with its sentence. */
export function explicitLevel(sentences: readonly string[]): ArticleLevel | undefined {
  for (const sentence of sentences) {
    const m = EXPLICIT.exec(sentence)
    if (!m) continue
    const word = (m[1] ?? m[2])!.toLowerCase()
    // "substantial" is UK JTAC's third level; the other words are Watchfloor's own labels.
    const level = parseThreatLevel(word) ?? parseThreatLevel(word, 'uk-jtac')
    if (level !== null) return { threatLevel: level, sourceLevel: word, reason: sentence.trim(), suggested: false }
  }
  return undefined
}

/** Words that suggest a level when the article states none; the first rule that matches wins. */
const SUGGESTIONS: readonly (readonly [ThreatLevel, RegExp])[] = [
  [5, /\b(invade[sd]?|invading|invasion|nuclear (?:strike|attack)|genocide|mass casualties|declares? war)\b/i],
  [4, /\b(killed|killing|dead|deaths|air ?strikes?|missiles?|bombing|shelling|attack(?:s|ed)?|offensive|clash(?:es)?|explosions?)\b/i],
  [3, /\b(sanctions?|tensions?|escalat\w*|military|troops|threat(?:s|ens|ened)?|conflict|confrontation|seiz\w*|blockade\w*|detain\w*|arrest\w*)\b/i],
  [2, /\b(talks|meeting|meets|met|summit|visit\w*|agreement|cooperation|hosted|hosts|negotiat\w*|partnership)\b/i],
]

/** A suggested level for `text` from the words above (1 when none match), with its reason. */
export function suggestLevel(text: string): ArticleLevel {
  for (const [level, re] of SUGGESTIONS) {
    const m = re.exec(text)
    if (m) return { threatLevel: level, reason: `suggested: the text mentions "${m[0]}"`, suggested: true }
  }
  return { threatLevel: 1, reason: 'suggested: no sign of conflict in the text', suggested: true }
}
