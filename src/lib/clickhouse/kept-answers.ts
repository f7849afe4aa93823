/**
 * Answers kept by key, the most recently asked last, at most `size` of them: an export's preview
 * and its file (and the briefing's pictures) draw the same answer, which the warehouse is asked
 * for once. An answer that fails is let go, so the next ask tries again; one still coming is
 * shared. Keys must name everything the answer depends on.
 */
export class KeptAnswers {
  private readonly kept = new Map<string, Promise<unknown>>()

  constructor(private readonly size: number) {}

  /** The answer kept for `key`, else `ask()`'s, kept. */
  answer<T>(key: string, ask: () => Promise<T>): Promise<T> {
    const hit = this.kept.get(key) as Promise<T> | undefined
    if (hit !== undefined) {
      this.kept.delete(key)
      this.kept.set(key, hit)
      return hit
    }
    const promise = ask()
    this.kept.set(key, promise)
    promise.catch(() => {
      if (this.kept.get(key) === promise) this.kept.delete(key)
    })
    if (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value!)
    return promise
  }

  get count(): number {
    return this.kept.size
  }
}
