import { useEffect, useLayoutEffect, useRef, useState } from 'react'

/** Where an asked-for answer stands: still coming, come, or failed with a message for the user. */
export type Answer<T> =
  | { readonly state: 'busy' }
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'failed'; readonly message: string }

const BUSY: Answer<never> = { state: 'busy' }

interface Held<T> {
  readonly key: unknown
  readonly answer: Answer<T>
}

/**
 * The answer of `ask`, asked again whenever `key` changes (compared with Object.is); null asks
 * nothing. Busy from the render the key changes in until the answer comes: an answer to an
 * earlier key is never returned (its signal aborts and its result is dropped, however late it
 * comes), so a panel never draws one row's text under another row's heading.
 */
export function useAnswer<T>(key: unknown, ask: ((signal: AbortSignal) => Promise<T>) | null): Answer<T> {
  const [held, setHeld] = useState<Held<T> | null>(null)
  // The effect asks with the latest function; only the key says when to ask again.
  const latest = useRef(ask)
  useLayoutEffect(() => {
    latest.current = ask
  })
  const asking = ask !== null
  useEffect(() => {
    const current = latest.current
    if (!asking || current === null) return
    const controller = new AbortController()
    const settle = (answer: Answer<T>): void => {
      if (!controller.signal.aborted) setHeld({ key, answer })
    }
    current(controller.signal).then(
      (value) => settle({ state: 'done', value }),
      (error: unknown) => {
        if (error instanceof Error && error.name === 'AbortError') return
        settle({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => controller.abort()
  }, [key, asking])
  return held !== null && Object.is(held.key, key) ? held.answer : BUSY
}
