import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'

/**
 * After a stage, the next one runs in the same task while the task has taken less than this
 * many milliseconds, else in a task of its own. Small, so that a short stage followed by the
 * costliest (about 30 ms at 100,000 rows) still stays clear of a 50 ms long task.
 */
export const CONTINUE_MS = 4

/** A render waiting for its turn; `painted` once a frame has been painted since it was queued. */
interface Stage {
  readonly render: () => void
  painted: boolean
}

/** Renders still waiting, in the order they asked (tree order: timeline, gauges, map, events). */
const queue: Stage[] = []
let watching = false
let running = false

/**
 * Calls `before` in a requestAnimationFrame callback, just before a frame is painted, and
 * `after` in a task after that paint. A hidden tab gets no frames, so after 100 ms a timer
 * stands in for both.
 */
function aroundNextPaint(before: () => void, after: () => void): void {
  let started = false
  const go = (): void => {
    if (started) return
    started = true
    before()
    setTimeout(after, 0)
  }
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go)
  setTimeout(go, 100)
}

/**
 * Marks the stages queued so far as painted once the frame that shows their placeholders (and
 * the new count) has been painted, then runs them. Stages queued meanwhile wait for the next.
 */
function watchPaint(): void {
  if (watching) return
  watching = true
  let shown: Stage[] = []
  aroundNextPaint(
    () => {
      shown = queue.filter((s) => !s.painted)
    },
    () => {
      watching = false
      for (const s of shown) s.painted = true
      if (queue.some((s) => !s.painted)) watchPaint()
      runStages()
    },
  )
}

/** A fresh task soon, without waiting for a frame: the browser still paints between tasks when a frame is due. */
function nextTask(run: () => void): void {
  if (typeof scheduler !== 'undefined' && typeof scheduler.postTask === 'function') void scheduler.postTask(run)
  else setTimeout(run, 0)
}

/** Runs painted stages in order, the next in the same task while under CONTINUE_MS, the rest in later tasks. */
function runStages(): void {
  const startMs = performance.now()
  try {
    do {
      const next = queue[0]
      if (!next?.painted) return
      queue.shift()
      next.render()
    } while (performance.now() - startMs < CONTINUE_MS)
  } finally {
    if (queue[0]?.painted && !running) {
      running = true
      nextTask(() => {
        running = false
        runStages()
      })
    }
  }
}

/** Queues `render` for a task after the next paint; returns a function that withdraws it. */
function stage(render: () => void): () => void {
  const entry: Stage = { render, painted: false }
  queue.push(entry)
  watchPaint()
  return () => {
    const i = queue.indexOf(entry)
    if (i >= 0) queue.splice(i, 1)
  }
}

/**
 * False while a panel should show its placeholder: from the render in which `token` (the table)
 * changes, when `staged` is true, until the panel's turn comes after the count and filter bar
 * have painted. Each stage that asks renders in turn: the first in a task after that paint, the
 * next in the same task only while it is still short (CONTINUE_MS), else in a task of its own,
 * without waiting for a frame; so no single task renders every panel for a large new table.
 * True at once on mount, when `staged` is false, and for every later render with the same token
 * (filter changes repaint in the same task as before).
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
