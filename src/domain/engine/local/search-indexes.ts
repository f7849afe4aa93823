/**
 * Installs the indexed row search into the mask (see RowSearch in mask.ts): titles through their
 * token index once it has arrived, actors through their postings. Loaded as a chunk of its own,
 * off the first paint.
 */
import { markRowsHolding } from './code-postings.ts'
import { useRowSearch } from './mask.ts'
import { titlesHolding } from './text-search.ts'

export function installRowSearch(): void {
  useRowSearch({ titlesHolding, markRowsHolding })
}
