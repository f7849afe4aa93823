import { useWatchfloor } from '../state/store.ts'

/** Browser noise that is not a failure of the app (Chromium reports it as an error event). */
const BENIGN = [/^ResizeObserver loop/]

/** At most this many background-failure notices at once: a failing loop must not flood the page. */
const MAX_NOTICES = 3

/** One line, at most 300 characters, from whatever was thrown or rejected. */
export function describeFailure(reason: unknown): string {
  let text: string
  if (reason instanceof Error) text = reason.message || reason.name
  else if (typeof reason === 'string') text = reason
  else {
    try {
      text = JSON.stringify(reason) ?? String(reason)
    } catch {
      text = String(reason)
    }
  }
  const line = text.replace(/\s+/g, ' ').trim() || 'unknown error'
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

/** The notice shown for an uncaught failure. */
export function failureNotice(reason: unknown): string {
  return `Something went wrong in the background: ${describeFailure(reason)}. The data on screen is kept; reload the page if a panel stops updating.`
}

function report(reason: unknown): void {
  const message = describeFailure(reason)
  if (BENIGN.some((pattern) => pattern.test(message))) return
  const store = useWatchfloor.getState()
  const notice = failureNotice(reason)
  const ours = store.notices.filter((n) => n.startsWith('Something went wrong in the background:'))
  if (ours.includes(notice) || ours.length >= MAX_NOTICES) return
  store.addNotice(notice)
}

/**
 * Reports uncaught errors and unhandled promise rejections in the UI, as workspace notices (the
 * one notice list the app has; the ingest feature renders it), instead of letting them vanish
 * into the console. The browser still logs them. Returns a function that removes the listeners.
 */
export function installGlobalErrorReporting(target: Window): () => void {
  const onError = (event: ErrorEvent): void => report(event.error ?? event.message)
  const onRejection = (event: PromiseRejectionEvent): void => report(event.reason)
  target.addEventListener('error', onError)
  target.addEventListener('unhandledrejection', onRejection)
  return () => {
    target.removeEventListener('error', onError)
    target.removeEventListener('unhandledrejection', onRejection)
  }
}
