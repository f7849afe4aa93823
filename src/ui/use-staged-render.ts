import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'

/**
 * Tables at least this large render their panels one after another, each in its own task after
 * the previous paint; smaller ones render at once (they cost a few milliseconds).
 */
export const STAGED_ROWS = 20_000

/** Renders still waiting, in the order they asked (tree order: timeline, gauges, map, events). */
const queue: (() => void)[] = []
let pumping = false

/**
 * Runs `run` in a task of its own after the next frame is painted: a requestAnimationFrame
 * callback comes just before the paint, and a task it posts runs after it. A hidden tab gets no
 * frames, so a timer stands in after 100 ms.
 */
function afterNextPaint(run: () => void): void {
  let started = false
  const go = (): void => {
    if (started) return
    started = true
    setTimeout(run, 0)
  }
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go)
  setTimeout(go, 100)
}

function pump(): void {
  if (pumping || queue.length === 0) return
  pumping = true
  afterNextPaint(() => {
    pumping = false
    queue.shift()?.()
    pump()
  })
}

/** Queues `render` for its own task after a paint; returns a function that withdraws it. */
function stage(render: () => void): () => void {
  queue.push(render)
  pump()
  return () => {
    const i = queue.indexOf(render)
    if (i >= 0) queue.splice(i, 1)
  }
}

/**
 * False while a panel should show its placeholder: from the render in which `token` (the table)
 * changes, when `staged` is true, until the panel's turn comes after the count and filter bar
 * have painted. Each panel that asks gets its own task, one per frame, so no single task renders
 * every panel for a large new table. True at once on mount, when `staged` is false, and for
 * every later render with the same token (filter changes repaint in the same task as before).
 * The token is held weakly: an old table is not kept alive by a panel that never staged it.
 */
export function useStagedRender(token: object, staged: boolean): boolean {
  const [painted, setPainted] = useState(() => new WeakRef(token))
  const ready = !staged || painted.deref() === token
  useEffect(() => {
    if (ready) return undefined
    return stage(() => flushSync(() => setPainted(new WeakRef(token))))
  }, [ready, token])
  return ready
}
