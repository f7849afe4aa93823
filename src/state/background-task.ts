/**
 * Runs `run` in a later task of background priority where the browser has them
 * (`scheduler.postTask`), so that work nobody is waiting for yields to what a user is (a filter
 * change's panels, each in a task of its own after the click: run-views.ts). A zero timer
 * elsewhere.
 */
export function inBackground(run: () => void): void {
  if (typeof scheduler !== 'undefined' && typeof scheduler.postTask === 'function') void scheduler.postTask(run, { priority: 'background' })
  else setTimeout(run, 0)
}
